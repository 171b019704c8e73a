"""Tesseract through tesserocr: one in-process API per thread, language data found once.

tesserocr calls libtesseract directly (no process per page, no temporary image files) and
releases the GIL while it recognises, so threads run pages in parallel. Its PyPI wheels
bundle libtesseract; the language data comes from Debian's tesseract-ocr-* packages.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Final, cast

from PIL import Image

from ingest import OCR_LANGUAGES
from ingest.errors import OcrFailed, OcrUnavailable, UnsupportedLanguage
from ingest.ocr.layout import Line, Word, join_label_columns

log = logging.getLogger(__name__)

LANGUAGES: Final = ("ind", "eng")
DEFAULT_LANGUAGES: Final = OCR_LANGUAGES
# A page that takes longer than this is a broken image, not a hard page (a dense 300 dpi
# page takes 2-10 s on one core).
RECOGNISE_TIMEOUT_MS: Final = 180_000
# Tesseract's page segmentation: 4, one column of text of varying sizes. Agreements are one
# column, and reading a two-column party or signature block line by line gives the merged
# lines a text layer gives ('1. Dr. I Gede ... : Koorprodi ...'), which is what the
# extractors read; 3 (automatic) made separate blocks of them and of centred title lines.
# Corpus scans scored 0.726 with 4, 0.722 with 6 and 0.710 with 3 (bench/ocr_eval.py).
PAGE_SEGMENTATION: Final = 4
# Tesseract binarises a page with one Otsu threshold, best for most scans. A page photographed
# or scanned onto a white page (gray paper, white margins, a dark edge) can come out nearly
# empty that way: a page read with fewer words than this is read again with Sauvola's local
# threshold, and the reading with more words is kept. (Sauvola for every page hollows out
# bold titles: 'PER) ANJ IAN'.)
RETRY_BELOW_WORDS: Final = 40
_WORD_RE: Final = re.compile(r"[^\W\d_]{3,}")
# Where Debian 12 (5), Debian 11 / Ubuntu 22.04 (4.00), Fedora, Alpine and Homebrew keep it.
TESSDATA_CANDIDATES: Final = (
    Path("/usr/share/tesseract-ocr/5/tessdata"),
    Path("/usr/share/tesseract-ocr/4.00/tessdata"),
    Path("/usr/share/tessdata"),
    Path("/usr/local/share/tessdata"),
    Path("/opt/homebrew/share/tessdata"),
)


def check_languages(languages: str) -> tuple[str, ...]:
    """The Tesseract language codes in 'ind+eng'. Raises UnsupportedLanguage."""
    codes = tuple(code.strip() for code in languages.split("+"))
    if not codes or any(code not in LANGUAGES for code in codes) or len(set(codes)) != len(codes):
        raise UnsupportedLanguage(languages, supported=["ind", "eng", "ind+eng", "eng+ind"])
    return codes


def find_tessdata(languages: str, tessdata_dir: Path | None, file_name: str = "-") -> Path:
    """The folder holding every `languages` model: `tessdata_dir` if given, else the first
    usual place that has them. Raises UnsupportedLanguage or OcrUnavailable."""
    codes = check_languages(languages)
    candidates = (tessdata_dir,) if tessdata_dir is not None else TESSDATA_CANDIDATES
    for folder in candidates:
        if all((folder / f"{code}.traineddata").is_file() for code in codes):
            return folder
    models = ", ".join(f"{code}.traineddata" for code in codes)
    where = str(tessdata_dir) if tessdata_dir is not None else "the usual tessdata folders"
    raise OcrUnavailable(file_name, f"the Tesseract language data ({models}) is not in {where}")


class Tesseract:
    """One loaded Tesseract (about 0.2 s to load ind+eng); not thread-safe, one per thread.

    Use as a context manager so the models are freed. Raises OcrUnavailable when the
    binding or the language data is missing.
    """

    def __init__(
        self, languages: str, tessdata: Path, file_name: str = "-", *, psm: int = PAGE_SEGMENTATION
    ) -> None:
        try:
            from tesserocr import PSM, PyTessBaseAPI
        except ImportError as exc:  # a failed wheel or source build leaves no module
            raise OcrUnavailable(
                file_name, f"the Tesseract binding tesserocr cannot be loaded ({exc})"
            ) from exc
        self.languages = languages
        try:
            # the path needs its trailing slash: tesseract appends file names to it
            # tesserocr's PSM constants are plain ints at run time (its stubs say PSM)
            mode = cast(PSM, psm)
            self._api = PyTessBaseAPI(path=f"{tessdata}/", lang=languages, psm=mode)
        except RuntimeError as exc:
            raise OcrUnavailable(
                file_name, f"Tesseract could not load {languages} from {tessdata} ({exc})"
            ) from exc

    def __enter__(self) -> Tesseract:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._api.End()

    def recognise(
        self,
        image: Image.Image,
        *,
        file_name: str = "-",
        page: int = 0,
        retry_below: int = RETRY_BELOW_WORDS,
    ) -> str:
        """The text Tesseract reads in `image`, read again with Sauvola's threshold when it
        holds fewer than `retry_below` words. Raises OcrFailed."""
        started = time.perf_counter()
        try:
            self._api.SetImage(image)
            text = self._read(image, file_name, page)
            words = len(_WORD_RE.findall(text))
            if words < retry_below:
                self._api.SetVariable("thresholding_method", "2")  # Sauvola
                try:
                    again = self._read(image, file_name, page)
                finally:
                    self._api.SetVariable("thresholding_method", "0")  # Otsu
                if len(_WORD_RE.findall(again)) > words:
                    log.info(
                        "ocr file=%s page=%d step=recognise local threshold read more words",
                        file_name,
                        page,
                    )
                    text = again
        except RuntimeError as exc:
            raise OcrFailed(file_name, page, "recognise", str(exc)) from exc
        log.debug(
            "ocr file=%s page=%d step=recognise chars=%d in %.2fs",
            file_name,
            page,
            len(text),
            time.perf_counter() - started,
        )
        return text

    def confidence(self) -> int:
        """Tesseract's mean word confidence (0-100) of the last image it recognised."""
        return int(self._api.MeanTextConf())

    def _read(self, image: Image.Image, file_name: str, page: int) -> str:
        if not self._api.Recognize(timeout=RECOGNISE_TIMEOUT_MS):
            raise OcrFailed(file_name, page, "recognise", "Tesseract gave up or ran out of time")
        return join_label_columns(self._lines(), image.width)

    def _lines(self) -> list[Line]:
        """The lines of the last recognised image with their words' x extents. Their texts
        joined are GetUTF8Text()'s text (blank lines aside, which the clean-up drops)."""
        from tesserocr import RIL, iterate_level

        lines: list[tuple[str, list[Word]]] = []
        iterator = self._api.GetIterator()
        if iterator is None:
            return []
        # tesserocr's stubs give its level constants as '...'
        for word in iterate_level(iterator, cast(RIL, RIL.WORD)):
            if word.IsAtBeginningOf(RIL.TEXTLINE) or not lines:
                lines.append((_text_of(word, RIL.TEXTLINE), []))
            box = word.BoundingBox(RIL.WORD)
            text = _text_of(word, RIL.WORD)
            if box is not None and text:
                lines[-1][1].append(Word(text, box[0], box[2]))
        return [Line(text, tuple(words)) for text, words in lines if text.strip()]


def _text_of(element: Any, level: Any) -> str:
    """An element's text; tesserocr raises 'No text returned' for an empty one (a blank page
    has one empty block), which is no text, not a failure."""
    try:
        text: str = element.GetUTF8Text(level)
    except RuntimeError:
        return ""
    return text


# Tesseract's orientation confidence on an upright page of body text is 15-40; a page with
# a few words or only a stamp gives 0-3 and a guess. Pages are turned only past this.
MIN_ORIENTATION_CONFIDENCE: Final = 5.0
OSD_MODEL: Final = "osd"
# A page whose short side is under this many pixels (an A4 page under about 250 dpi) is
# looked at again at twice its size when the detection is unsure.
UPSCALE_BELOW_PIXELS: Final = 2000


class Orientation:
    """Tesseract's orientation detection (Debian package tesseract-ocr-osd), one per thread.

    `guess(image)` says how to turn a page scanned sideways or upside down. Without osd.traineddata
    pages are read as they are (logged once per document), not refused.
    """

    def __init__(self, tessdata: Path, file_name: str = "-") -> None:
        self._api: Any = None
        if not (tessdata / f"{OSD_MODEL}.traineddata").is_file():
            log.warning(
                "ocr file=%s step=orientation skipped: %s.traineddata is not in %s "
                "(install the Debian package tesseract-ocr-osd)",
                file_name,
                OSD_MODEL,
                tessdata,
            )
            return
        try:
            from tesserocr import PSM, PyTessBaseAPI

            self._api = PyTessBaseAPI(
                path=f"{tessdata}/", lang=OSD_MODEL, psm=cast(PSM, PSM.OSD_ONLY)
            )
        except (ImportError, RuntimeError) as exc:
            log.warning("ocr file=%s step=orientation skipped: %s", file_name, exc)
            self._api = None

    def __enter__(self) -> Orientation:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._api is not None:
            self._api.End()
            self._api = None

    def guess(self, image: Image.Image) -> tuple[int, bool]:
        """(degrees, sure): the turn that makes `image` upright as the detection sees it,
        and whether it is sure (confidence at least MIN_ORIENTATION_CONFIDENCE). (0, False)
        when it finds no text or is not installed."""
        if self._api is None:
            return 0, False
        found = self._detect(image)
        if (found is None or found[1] < MIN_ORIENTATION_CONFIDENCE) and min(
            image.size
        ) < UPSCALE_BELOW_PIXELS:
            # a 150-200 dpi page's letters are small for the detector: a page it is unsure
            # of at 150 dpi (confidence 4.8) it reads at 15 when the page is twice the size
            bigger = self._detect(
                image.resize((image.width * 2, image.height * 2), Image.Resampling.BILINEAR)
            )
            if bigger is not None and (found is None or bigger[1] > found[1]):
                found = bigger
        if found is None:
            return 0, False
        return found[0], found[1] >= MIN_ORIENTATION_CONFIDENCE

    def _detect(self, image: Image.Image) -> tuple[int, float] | None:
        """(degrees, confidence) of Tesseract's orientation detection, or None."""
        try:
            self._api.SetImage(image)
            found = self._api.DetectOrientationScript()
        except RuntimeError:
            return None
        if not found:
            return None
        # orient_deg is how far the page is turned clockwise; PIL's rotate is counter-clockwise
        return int(found.get("orient_deg", 0)) % 360, float(found.get("orient_conf", 0.0))
