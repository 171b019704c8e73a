"""Cleaned text -> Outline: title block, opening, party part, clauses, signatures.

Pure and line-based. Every region is kept as offsets into the cleaned text so the
extractors and the UI can point at the passage a value came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.clausenum import parse_clause_number
from ingest.extract.language import detect
from ingest.textutil import upper_ratio


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ClauseBlock:
    number: str
    heading: str | None
    header_start: int  # offset of the 'Pasal N' line
    body_start: int
    body_end: int


@dataclass(frozen=True, slots=True)
class Outline:
    text: str
    title_lines: tuple[Line, ...]
    number_lines: tuple[Line, ...]
    opening_start: int  # where the opening formula / party part starts
    preamble_end: int  # where the first clause starts (or the signatures)
    clauses: tuple[ClauseBlock, ...]
    signatures_start: int


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


# --- clause headers -------------------------------------------------------

_NUM = r"(?P<num>[0-9OolI]{1,3}[A-Za-z]?|[IVXLC]{1,7}|[A-Za-z]+(?:\s+(?:BELAS|PULUH|Belas|Puluh|belas|puluh)(?:\s+[A-Za-z]+)?)?)"
_SEP_HEAD = r"(?:\s*(?:[.:\-–—)]+)\s*(?P<head>\S.*?)|\s+(?P<head2>[A-Z][A-Z ,/&()'-]{2,}))?"
PASAL_RE = re.compile(
    r"^[\s\"“]*(?:PASAL|Pasal|pasal|PASA[L1I]|Pasa[l1I])\s*" + _NUM + _SEP_HEAD + r"\s*[.:]?\s*$"
)
ARTICLE_RE = re.compile(
    r"^\s*(?:ARTICLE|Article|SECTION|Section|CLAUSE|Clause)\s*" + _NUM + _SEP_HEAD + r"\s*$"
)
# '1. Definitions. Text ...' (heading ends with a period) or a line '1. Introduction'
NUMBERED_RE = re.compile(
    r"^\s*(?P<num>\d{1,2})\s*[.)]\s+(?P<head>[A-Z][\w'’&/,;\- ]{1,70}?)(?:\.\s+(?P<rest>\S.*)|[.:]?\s*)$"
    # or its period dropped (by a typist or OCR) before a heading in capitals on its own
    # line: '22 ENTIRE AGREEMENT:'
    r"|^\s*(?P<num2>\d{1,2})\s+(?P<head3>[A-Z]{3,}(?:[ /&,-]+[A-Z]{2,}){0,6})\s*[.:]?\s*$"
)

# '1. All capitalized terms used ...': numbered paragraphs without headings, the sections of
# many short agreements and amendments (only taken after 'agree as follows:', see _pick_style)
PARAGRAPH_RE = re.compile(r"^\s*(?P<num>\d{1,2})\s*[.)]\s+(?P<rest>[A-Z“\"(].{20,})$")

_OPEN_ID = re.compile(
    r"^\s*(?:pada\s+hari|hari\s+ini|pada\s+tanggal|kami\s+yang\s+bertanda|yang\s+bertanda\s+tangan|"
    r"telah\s+dibuat|bertempat\s+di|"
    # 'Kesepakatan Bersama ini dibuat pada hari ...': a sentence, not the title
    r"(?:perjanjian|kesepakatan|nota|adendum|addendum)\b[^.\n]{0,50}?\bini\s+(?:dibuat|ditandatangani))",
    re.IGNORECASE,
)
_OPEN_EN = re.compile(
    r"^\s*(?:this\b|these\b|the\s+parties\b|whereas\b|recitals\b|by\s+and\s+between|made\s+and\s+entered|"
    r"on\s+this\b|know\s+all|(?:we,?\s+)?the\s+undersigned\b|"
    # 'The Arrangement has been made and signed by and between:', 'On Monday, ...'
    r"the\s+(?:\w+\s+){1,4}?(?:has|have)\s+been\s+(?:made|signed|entered|concluded)\b|"
    r"on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)
NUMBER_LINE_RE = re.compile(
    r"^\s*\(?\s*(?:(?:N[O0]MO[RF]|Nomor|Number|NUMBER)\b|(?:NO|No|Ref|REF)\s*\."
    # an OCR'd text layer spaces the label out: 'N om or :'
    r"|N\s?[O0o]\s?m\s?[O0o]\s?[rR]\s*:)"
)
TITLE_KEYWORD_RE = re.compile(
    r"\b(?:PERJANJIAN|KESEPAKATAN|KESEPAHAMAN|NOTA|MEMORANDUM|AGREEMENT|MOU|MoU|MOA|ADDENDUM|ADENDUM|"
    r"AMANDEMEN|AMENDMENT|PERUBAHAN|KONTRAK|CONTRACT|LETTER\s+OF\s+INTENT|PERNYATAAN\s+KEHENDAK|"
    r"PIAGAM|ARRANGEMENT)\b",
    re.IGNORECASE,
)
_SIGNATURE_RE = re.compile(
    r"^\s*(?:(?:PIHAK|Pihak)\s+(?:PERTAMA|KESATU|KEDUA|KETIGA|I{1,3}|Pertama|Kedua)\s*[,:]?\s*(?:\t.*)?$|"
    r"IN\s+WITNESS|In\s+witness|Ditandatangani\s+di|Mengetahui\s*,?\s*$|LAMPIRAN\b|Lampiran\s*:?\s*$|"
    r"For\s+and\s+on\s+behalf\s+of)"
)
_CLOSING_RE = re.compile(r"^\s*(?:Demikian(?:lah)?\b|DEMIKIAN\b)")
# a previous line ending like this means 'Pasal N' continues a sentence (a cross-reference)
_CONTINUES = re.compile(
    r"(?:\b(?:dalam|pada|dimaksud|di|dan|atau|berlakunya|sesuai|ketentuan|oleh|dengan|tersebut|"
    r"menurut|berdasarkan|lihat|under|in|of|and|or|see|to|with)|[,(])\s*$",
    re.IGNORECASE,
)
# In a stripped line a _CONTINUES match ends at the end and is at most one word long
# ('berdasarkan', 11 characters), so searching the last characters finds it, where a search
# of the whole line would try every position.
_CONTINUES_REACH = 16


# function words a Title Case heading leaves in lower case
_SMALL_WORDS = frozenset(
    [
        "of",
        "and",
        "the",
        "to",
        "for",
        "in",
        "into",
        "on",
        "upon",
        "under",
        "at",
        "by",
        "with",
        "within",
        "from",
        "between",
        "a",
        "an",
        "or",
        "dan",
        "atau",
        "yang",
        "para",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
    ]
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int  # line index
    value: int
    suffix: str
    number: str
    heading: str | None
    rest: str | None


def _candidates(texts: list[str], style: str) -> list[_Candidate]:
    """Header candidates of one style among the stripped lines `texts`."""
    regex = {
        "pasal": PASAL_RE,
        "article": ARTICLE_RE,
        "numbered": NUMBERED_RE,
        "paragraph": PARAGRAPH_RE,
    }[style]
    found: list[_Candidate] = []
    # None matches an empty line, so the loop only sees the few lines that match
    for i, m in enumerate(map(regex.match, texts)):
        if m is None:
            continue
        text = texts[i]
        # the line before ('' after a paragraph break: whatever follows starts a sentence)
        prev_text = texts[i - 1] if i else ""
        if not (style != "numbered" and prev_text and _continues(prev_text)):
            groups = m.groupdict()
            parsed = parse_clause_number(groups.get("num") or groups.get("num2") or "")
            head = groups.get("head") or groups.get("head2") or groups.get("head3")
            rest = m.groupdict().get("rest")
            ok = parsed is not None
            if (
                ok
                and style == "pasal"
                and head
                and upper_ratio(head) < 0.6
                and ":" not in text[:12]
            ):
                # 'Pasal 1266 dan Pasal 1267 KUH Perdata' is a cross-reference, not a header
                ok = bool(re.match(r"^\s*(?:Pasal|PASAL)\s*\S+\s*[.:\-–—]", text))
            if ok and style == "numbered":
                ok = _is_numbered_heading(head or "", rest, prev_text)
            if ok and style == "paragraph":
                # a numbered paragraph starts after a finished sentence or the bridge
                ok = not prev_text or bool(_ENDS_SENTENCE.search(prev_text))
            if ok and parsed is not None:
                value, suffix = parsed
                found.append(
                    _Candidate(i, value, suffix, f"{value}{suffix}", _clean_heading(head), rest)
                )
    return found


def _continues(stripped: str) -> bool:
    return _CONTINUES.search(stripped, max(0, len(stripped) - _CONTINUES_REACH)) is not None


def _is_numbered_heading(head: str, rest: str | None, prev_text: str) -> bool:
    words = head.split()
    if not words or len(words) > 9:
        return False
    if prev_text and not re.search(r"[.:;!?)\"”]\s*$", prev_text) and not prev_text.isupper():
        return False
    # heading words are capitalised (Title Case) apart from short function words
    small = {
        "of",
        "and",
        "the",
        "to",
        "for",
        "in",
        "on",
        "a",
        "an",
        "or",
        "by",
        "with",
        "dan",
        "atau",
    }
    # '&' and other signs are neither: 'Prices, Terms & Conditions of Sale'
    words = [w for w in words if any(c.isalpha() for c in w)]
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return bool(words) and (capitalised == len(words) or (rest is not None and len(words) <= 5))


def _clean_heading(head: str | None) -> str | None:
    if head is None:
        return None
    head = re.sub(r"\s+", " ", head).strip().rstrip(":").strip()
    return head or None


def _best_chain(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest run of headers numbered 1, 2, 3 ... (repeats and one-step gaps tolerated)."""
    n = len(cands)
    if n == 0:
        return []
    score = [0.0] * n
    back = [-1] * n
    seen: dict[int, list[int]] = {}  # indices of the candidates before j, by number
    for j, c in enumerate(cands):
        score[j] = 1.0 if c.value == 1 and not c.suffix else 0.3
        # only a header numbered the same, one or two lower gains: visit those, in order
        before = [*seen.get(c.value - 2, ()), *seen.get(c.value - 1, ()), *seen.get(c.value, ())]
        seen.setdefault(c.value, []).append(j)
        for i in sorted(before):
            p = cands[i]
            gain = 0.0
            if c.value == p.value + 1 and not c.suffix:
                gain = 1.0
            elif c.value == p.value and c.suffix > p.suffix:
                gain = 1.0  # inserted article 5A after 5
            elif c.value == p.value and not c.suffix and not p.suffix:
                gain = 0.6  # a document that repeats a number
            elif c.value == p.value + 2 and not c.suffix:
                gain = 0.4  # a header lost to OCR or layout
            if gain and score[i] + gain > score[j]:
                score[j] = score[i] + gain
                back[j] = i
    end = max(range(n), key=lambda k: (score[k], -k))
    chain: list[_Candidate] = []
    k = end
    while k != -1:
        chain.append(cands[k])
        k = back[k]
    chain.reverse()
    return chain


def _pick_style(lines: list[Line], language: str) -> list[_Candidate]:
    texts = [line.text.strip() for line in lines]
    chains = {
        style: _best_chain(_candidates(texts, style)) for style in ("pasal", "article", "numbered")
    }
    order = (
        ["pasal", "article", "numbered"] if language == "id" else ["article", "pasal", "numbered"]
    )
    for style in order:
        minimum = 2 if style != "numbered" else 2
        if len(chains[style]) >= minimum:
            return chains[style]
    for style in order:
        if chains[style] and style != "numbered":  # one 'Pasal 1' is a clause; one '1. X' is not
            return chains[style]
    return _paragraph_chain(texts)


def _paragraph_chain(texts: list[str]) -> list[_Candidate]:
    """Numbered paragraphs as the sections of a document that has no other: three or more,
    numbered from 1, the first right after a bridge that ends with a colon ('the Parties
    hereto agree as follows:', 'PARA PIHAK sepakat ... sebagai berikut:'). Recitals' lists
    ('Mengingat: 1. Undang-Undang ...') come before the bridge and are never taken."""
    candidates = _candidates(texts, "paragraph")
    for first in (c for c in candidates if c.value == 1 and not c.suffix):
        k = first.index - 1
        while k >= 0 and not texts[k]:
            k -= 1
        if k < 0 or not texts[k].endswith(":") or not _BRIDGE_RE.search(texts[k]):
            continue
        chain = _best_chain([c for c in candidates if c.index >= first.index])
        if len(chain) >= 3 and chain[0] is first:
            return chain
    return []


_BRIDGE_RE = re.compile(
    r"(?:agree[sd]?|agreement|covenant|undertake)\b.*\b(?:follows|below)\s*:$"
    r"|\b(?:sepakat|bersepakat|menyepakati|setuju|ketentuan)\b.*\b(?:berikut|bawah\s+ini)\s*:$",
    re.IGNORECASE,
)


def _heading_after(lines: list[Line], index: int, language: str) -> tuple[str | None, int]:
    """The heading on the lines after a bare 'Pasal N' header, and the index of the body start."""
    j = index + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    if j >= len(lines):
        return None, j
    first = lines[j].text.strip()
    if not _looks_like_heading(first, language):
        return None, j
    parts = [first]
    k = j + 1
    if first.isupper():
        while k < len(lines):
            nxt = lines[k].text.strip()
            if (
                nxt
                and nxt.isupper()
                and len(" ".join(parts)) + len(nxt) <= 90
                and not re.match(r"^[(\d]", nxt)
                and not PASAL_RE.match(nxt)
                and len(nxt.split()) <= 6
                and not _SIGNATURE_RE.match(nxt)
            ):
                parts.append(nxt)
                k += 1
            else:
                break
    return _clean_heading(" ".join(parts)), k


_BAB_RE = re.compile(r"^\s*(?:BAB|Bab|CHAPTER|Chapter|BAGIAN|Bagian|PART|Part)\s+[IVXLC\d]+\b")
_ENDS_SENTENCE = re.compile(r"[.;:!?)\]\"”]\s*$")


def _heading_before(lines: list[Line], index: int, floor: int) -> int | None:
    """The line index of a heading printed just above a bare 'Pasal N' (MAKSUD DAN TUJUAN /
    PASAL 1), or None. It must stand alone: after a blank line or a finished sentence, so
    the last upper-case line of the previous clause's body ('... dilaksanakan oleh' / 'DINAS
    PENDIDIKAN') is not taken; a chapter title under 'BAB I' belongs to the chapter."""
    k = index - 1
    while k >= floor and not lines[k].text.strip():
        k -= 1
    if k < floor:
        return None
    text = lines[k].text.strip()
    if upper_ratio(text) < 0.7 or len(text.split()) > 10 or len(text) > 90:
        return None
    if _ENDS_SENTENCE.search(text) or re.search(r"[,]\s*$", text):
        return None
    if not _looks_like_heading(text, "id") or _BAB_RE.match(text):
        return None
    if PASAL_RE.match(text) or ARTICLE_RE.match(text) or _SIGNATURE_RE.match(text):
        return None
    before = k - 1
    while before >= floor and not lines[before].text.strip():
        before -= 1
    if before >= floor:
        prev = lines[before].text.strip()
        if _BAB_RE.match(prev):
            return None
        if before == k - 1 and not _ENDS_SENTENCE.search(prev):
            return None  # the heading would continue a sentence
    return k


def _looks_like_heading(text: str, language: str) -> bool:
    if len(text) > 100 or re.match(r"^[(\[\d•\-–]|^[a-z]\s*[.)]", text):
        return False
    if text[0].islower():
        return False
    if PASAL_RE.match(text) or ARTICLE_RE.match(text):
        return False
    if upper_ratio(text) >= 0.7 and len(text.split()) <= 12:
        return True
    words = text.rstrip(":").split()
    if len(words) <= 8 and not re.search(r"[.;,]\s*$", text):
        small = _SMALL_WORDS
        return all(w[0].isupper() or w.lower() in small for w in words)
    return False


def outline(text: str, language: str, *, ocr_title: bool = False) -> Outline:
    """Split cleaned text into the regions of an agreement. Never raises on odd input.

    `ocr_title`: the title page was read by OCR, so logo text may sit in the title block.
    """
    lines = split_lines(text)
    chain = _pick_style(lines, language)
    first_clause_line = chain[0].index if chain else len(lines)

    title_lines, number_lines, opening_index = _title_block(
        lines, first_clause_line, language, ocr_title=ocr_title
    )
    if language == "id" and title_lines and _is_english(title_lines):
        # English first, then the Indonesian version (DOMAIN 4.15): the Indonesian title
        # block before the Indonesian clauses is the agreement's title, its opening the
        # opening
        later = _indonesian_title_block(lines, opening_index, first_clause_line)
        if later is not None:
            title_lines, later_numbers, opening_index = later
            number_lines = later_numbers or number_lines
    opening_start = lines[opening_index].start if opening_index < len(lines) else len(text)

    signatures_index = _signatures_index(lines, chain[-1].index + 1 if chain else opening_index)
    # headings first: one printed above its 'Pasal N' line ends the clause before it
    headed: list[tuple[str | None, int, int]] = []  # (heading, body index, block start index)
    for pos, cand in enumerate(chain):
        heading, body_index, block_index = cand.heading, cand.index + 1, cand.index
        if heading is None and not cand.rest:
            heading, body_index = _heading_after(lines, cand.index, language)
            if heading is None:
                floor = chain[pos - 1].index + 1 if pos else opening_index
                above = _heading_before(lines, cand.index, floor)
                if above is not None:
                    heading, block_index = _clean_heading(lines[above].text), above
        headed.append((heading, body_index, block_index))
    clauses: list[ClauseBlock] = []
    for pos, cand in enumerate(chain):
        heading, body_index, block_index = headed[pos]
        body_start_offset: int | None = None
        if cand.rest:  # '1. Definitions. Body text on the same line'
            line = lines[cand.index]
            body_start_offset = line.start + line.text.find(cand.rest)
        end_index = headed[pos + 1][2] if pos + 1 < len(chain) else signatures_index
        if pos + 1 == len(chain):
            # the unnumbered closing ('Demikian ... dibuat dalam rangkap dua') is not part of
            # the last clause, unless it is that clause's whole body (a PENUTUP clause)
            for k in range(body_index + 1, min(end_index, len(lines))):
                if _CLOSING_RE.match(lines[k].text):
                    end_index = k
                    break
        body_start = (
            body_start_offset
            if body_start_offset is not None
            else (lines[body_index].start if body_index < len(lines) else len(text))
        )
        body_end = lines[end_index].start if end_index < len(lines) else len(text)
        clauses.append(
            ClauseBlock(
                number=cand.number,
                heading=heading,
                header_start=lines[block_index].start,
                body_start=min(body_start, body_end),
                body_end=body_end,
            )
        )
    preamble_end = (
        clauses[0].header_start
        if clauses
        else (lines[signatures_index].start if signatures_index < len(lines) else len(text))
    )
    signatures_start = lines[signatures_index].start if signatures_index < len(lines) else len(text)
    return Outline(
        text=text,
        title_lines=tuple(title_lines),
        number_lines=tuple(number_lines),
        opening_start=opening_start,
        preamble_end=preamble_end,
        clauses=tuple(clauses),
        signatures_start=signatures_start,
    )


def _title_block(
    lines: list[Line], limit: int, language: str, *, ocr_title: bool = False
) -> tuple[list[Line], list[Line], int]:
    """Title lines, NOMOR lines, and the index of the first line after the title block."""
    start = None
    for i, line in enumerate(lines[: min(limit, 40)]):
        text = line.text.strip()
        if (
            TITLE_KEYWORD_RE.search(text)
            and len(text) <= 120
            and not _OPEN_EN.match(text)
            and not _OPEN_ID.match(text)
        ):
            start = i
            break
        if text and (_OPEN_ID.match(text) or _OPEN_EN.match(text)):
            return [], [], i  # the preamble comes before any title line
    if start is None:
        start = next((i for i, ln in enumerate(lines[:limit]) if ln.text.strip()), 0)
    # A cover page often repeats the title block of page 1: split where a title starts
    # again, and keep the first complete one (with its TENTANG part).
    blocks: list[tuple[list[Line], list[Line]]] = [([], [])]
    i = start
    gap = False  # a blank line since the last line of the block
    while i < min(limit, start + 60):
        text = lines[i].text.strip()
        if not text:
            gap = i > start
            i += 1
            continue
        if i > start and _ends_title(text, language):
            break
        if gap and not ocr_title and not _continues_title(text, blocks[-1][0]):
            break
        gap = False
        if i == start and (_OPEN_ID.match(text) or _OPEN_EN.match(text)):
            break  # no title block: the document opens with its preamble
        title, numbers = blocks[-1]
        if NUMBER_LINE_RE.match(text):
            numbers.append(lines[i])
        elif _METADATA_RE.match(text):
            pass  # 'Tanggal : 28 Juni 2024' on a cover
        else:
            if len(title) >= 3 and _TITLE_START_RE.match(text):
                blocks.append(([], []))
            blocks[-1][0].append(lines[i])
        i += 1
    chosen = next((b for b in blocks if _has_subject(b[0])), blocks[0])
    numbers = chosen[1] or [n for b in blocks for n in b[1]]
    title = _drop_logo_text(chosen[0]) if ocr_title else chosen[0]
    title = _drop_translated_lines(title, language)
    return title, numbers, i


def _continues_title(text: str, title: list[Line]) -> bool:
    """Whether a line after a blank line still belongs to a title block written in title
    case with no connector yet: only a connector line (BETWEEN, AND, ON ...), a NOMOR line,
    or what follows a connector. 'Memorandum of Understanding' followed, after a gap, by
    'Background of Organizations' (a table of contents) has ended. Upper-case title blocks
    and OCR'd title pages (logo noise between the lines) are not cut here."""
    if not title or any(upper_ratio(ln.text) >= 0.7 for ln in title):
        return True  # an upper-case title block runs on as before (its end is _ends_title)
    if NUMBER_LINE_RE.match(text) or _METADATA_RE.match(text):
        return True
    if any(w.lower().rstrip(":") in _CONNECTORS for w in text.split()[:1]):
        return True
    last = title[-1].text.strip()
    return last.lower().rstrip(":") in _CONNECTORS or any(
        ln.text.strip().lower() in _CONNECTORS for ln in title
    )


# Title words by language, for a bilingual title block set line under line
# ('PERJANJIAN KERJA SAMA' / 'COOPERATION AGREEMENT' / 'ANTARA' / 'BETWEEN' ...)
_TITLE_WORDS: dict[str, frozenset[str]] = {
    "id": frozenset(
        [
            "antara",
            "dan",
            "dengan",
            "tentang",
            "mengenai",
            "perjanjian",
            "kerja",
            "sama",
            "kerjasama",
            "kesepakatan",
            "bersama",
            "nota",
            "kesepahaman",
            "yang",
            "untuk",
            "dalam",
            "pada",
            "pemerintah",
            "kabupaten",
            "kota",
            "provinsi",
            "sekolah",
            "menengah",
            "kejuruan",
            "pengembangan",
            "pembinaan",
            "pelaksanaan",
            "berbasis",
        ]
    ),
    "en": frozenset(
        [
            "between",
            "and",
            "with",
            "on",
            "regarding",
            "concerning",
            "agreement",
            "cooperation",
            "memorandum",
            "of",
            "understanding",
            "the",
            "for",
            "in",
            "based",
            "government",
            "regency",
            "city",
            "province",
            "school",
            "vocational",
            "high",
            "guidance",
            "development",
            "implementation",
        ]
    ),
}
_TRANSLATION_PAIRS = (("antara", "between"), ("tentang", "regarding"), ("tentang", "on"),
                      ("tentang", "concerning"), ("perjanjian", "agreement"))  # fmt: skip


def _drop_translated_lines(title: list[Line], language: str) -> list[Line]:
    """A title block printed in both languages line under line keeps its main language's
    lines; names (no title words of either language) stay. Only when both versions' own
    connectors are there (ANTARA and BETWEEN, TENTANG and REGARDING ...)."""
    words = [set(re.findall(r"[a-z]+", ln.text.lower())) for ln in title]
    every = set().union(*words) if words else set()
    if not any(a in every and b in every for a, b in _TRANSLATION_PAIRS):
        return title
    other = "en" if language == "id" else "id"
    kept = []
    for line, found in zip(title, words, strict=True):
        mine, theirs = len(found & _TITLE_WORDS[language]), len(found & _TITLE_WORDS[other])
        if theirs > mine:
            continue
        kept.append(line)
    return kept or title


def _is_english(title: list[Line]) -> bool:
    return detect("\n".join(line.text for line in title)) == "en"


def _indonesian_title_block(
    lines: list[Line], after: int, limit: int
) -> tuple[list[Line], list[Line], int] | None:
    """The last title block between `after` and `limit` (the first clause) that is not in
    English, as (title lines, NOMOR lines, index after it), or None."""
    for j in range(limit - 1, after, -1):
        text = lines[j].text.strip()
        if not (_TITLE_START_RE.match(text) and text.isupper()):
            continue
        title, numbers, end = _title_block(lines[j:], limit - j, "id")
        if title and not _is_english(title):
            return title, numbers, j + end
    return None


_TITLE_START_RE = re.compile(
    r"^\s*(?:SURAT\s+)?(?:PERJANJIAN|KESEPAKATAN|NOTA|MEMORANDUM|ADDENDUM|ADENDUM|AMANDEMEN|"
    r"PERUBAHAN|KONTRAK|AGREEMENT|AMENDMENT|LETTER\s+OF)\b",
    re.IGNORECASE,
)
_METADATA_RE = re.compile(r"^\s*\(?\s*(?:Tanggal|TANGGAL|Date|DATE)\s*:")
_CONNECTORS = frozenset(
    {
        "antara",
        "dan",
        "dengan",
        "tentang",
        "mengenai",
        "between",
        "and",
        "on",
        "with",
        "regarding",
        "concerning",
    }
)


def _has_subject(title: list[Line]) -> bool:
    return any(re.search(r"\b(?:TENTANG|MENGENAI)\b", ln.text, re.IGNORECASE) for ln in title)


def _drop_logo_text(title: list[Line]) -> list[Line]:
    """Drop logo text OCR reads into a title: mixed-case lines inside an upper-case title,
    and one-word lines that only repeat a word the title already has. Only for OCR'd
    title pages: a printed title may well have a mixed-case name ('PT Vale Indonesia Tbk')."""
    words = [ln.text.strip() for ln in title]
    upper = sum(1 for w in words if w.isupper() or w.lower() in _CONNECTORS)
    if len(title) < 4 or upper < 0.6 * len(title):
        return title
    kept: list[Line] = []
    seen: set[str] = set()
    for line, text in zip(title, words, strict=True):
        tokens = re.findall(r"\w+", text.upper())
        is_connector = text.lower() in _CONNECTORS
        if not is_connector and not text.isupper():
            continue
        if not is_connector and len(tokens) == 1 and tokens[0] in seen:
            continue
        seen.update(tokens)
        kept.append(line)
    return kept


_KOMPARISI_LINE = re.compile(
    r"^\s*(?:(?:\d{1,2}|[IVX]{1,4})[.)]\s*)?(?:(?:Nama|Name|Jabatan|Alamat)\s*(?::|\t)"
    r"|(?:PIHAK|Pihak)\s+(?:PERTAMA|KESATU|Pertama|Kesatu|I)\s*[:,.]?\s*$"
    r"|(?:FIRST\s+PARTY|First\s+Party)\s*[:,.]?\s*$)",
    re.IGNORECASE,
)


def _ends_title(text: str, language: str) -> bool:
    if _OPEN_ID.match(text) or _OPEN_EN.match(text):
        return True
    if PASAL_RE.match(text) or ARTICLE_RE.match(text) or NUMBERED_RE.match(text):
        return True
    # the komparisi's label rows or role headings, numbered or not ('1. Nama : ...',
    # 'Nama<tab>...', 'I. PIHAK PERTAMA')
    if _KOMPARISI_LINE.match(text):
        return True
    # prose: a long line that is mostly lower case
    return len(text) > 70 and upper_ratio(text) < 0.5


def _signatures_index(lines: list[Line], after: int) -> int:
    for i in range(max(after, 0), len(lines)):
        if _SIGNATURE_RE.match(lines[i].text):
            return i
    return len(lines)
