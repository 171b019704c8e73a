"""Registration numbers: the agreement's own (`find_numbers`, from the title block) and those of
other agreements it implements or amends (`find_references`), as printed."""

from __future__ import annotations

import re

from ingest.extract.scan import WordLed
from ingest.model import Found

# 'NOMOR :', 'Nomor PIHAK PERTAMA :', 'Nomor PNJ :', 'No.', 'Number:'; OCR may print N0MOR.
_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[\t(])|(?<=[ ]{2})|(?<=\s)(?=(?-i:N[O0]MOR|NUMBER)))"
    r"(?:n[o0]mor|number|nr\.?|no\.?)(?![\w])"
    # a bilingual label: 'Nomor / Number :', 'No. / Nomor :'
    r"(?:[ \t]*/[ \t]*(?:n[o0]mor|number|no\.?)(?![\w]))?"
    # a qualifier before the colon: 'Nomor PIHAK PERTAMA :', 'Nomor PNJ :', 'No. of Party A:'
    r"(?:[ \t]+[A-Za-z][\w.]*(?:[ \t]+[A-Za-z][\w.]*){0,2}(?=[ \t]*:))?[ \t]*:?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# Cells on one line are separated by tabs or wide gaps.
_CELL_GAP = re.compile(r"\t|[ ]{3,}")
_TRAILING = ".,;:)]"
_PLACEHOLDER = re.compile(r"^[\s.…_/\-\[\]()]*$|[.…_]{3}")

# A number in the body: must start with a letter or digit, may have '/ ' as printed. A second
# number after 'dan' / 'and' / ',' may start on the next line.
_VALUE = r"[A-Za-z0-9][\w.\-]*(?:[ ]?/[ ]?[\w.\-]+)*"
REFERENCE = WordLed(
    re.compile(
        # the number may wrap to the next line after its label ('Nomor' / '119/...')
        rf"\b(?:n[o0]mor|number|no\.?)(?![\w])[ \t]*:?[ \t]*\n?[ \t]*(?P<value>{_VALUE})"
        rf"(?P<more>(?:[ \t]*(?:,|dan|and|&)[ \t]*\n?[ \t]*(?:(?:n[o0]mor|no\.?|number)[ \t]*:?[ \t]*)?{_VALUE})*)",
        re.IGNORECASE,
    ),
    ("no", "n0mor", "number"),
)
_MORE = re.compile(
    rf"(?:,|dan|and|&)[ \t]*\n?[ \t]*(?:(?:n[o0]mor|no\.?|number)[ \t]*:?[ \t]*)?({_VALUE})", re.I
)
# What the nearest document name before a number says it is. Agreements count; laws, decrees,
# powers of attorney, tax and identity numbers do not.
_KIND = re.compile(
    r"(?P<agreement>kesepakatan\s+bersama|nota\s+kesepahaman|nota\s+kesepakatan"
    r"|memorand\w+\s+(?:of\s+)?(?:understanding|agreement|saling\s+pengertian)"
    r"|perjanjian|kontrak|adendum|addendum|amandemen|amendment|agreement|contract"
    r"|\bMoU\b|\bMoA\b|\bPKS\b|\bKB\b|\bLoI\b)"
    r"|(?P<other>undang-undang|\bundang\b|peraturan|keputusan|instruksi|surat\s+edaran|\bsurat\b|"
    r"\bkuasa\b|\bSK\b|\bUU\b|\bPP\b|perpres|permen\w*|perda|perbup|pergub|perwal|kepmen\w*"
    r"|wajib\s+pajak|NPWP|\bakta\b|\bKTP\b|\bNIK\b|\bNIP\b|telepon|telp|phone|fax|rekening"
    r"|account|decree|regulation|\blaw\b|\bact\b|power\s+of\s+attorney)",
    re.IGNORECASE,
)
_KIND_REACH = 200
_LAW_YEAR = re.compile(r"\s+tahun\b", re.IGNORECASE)


def find_numbers(title_block: str) -> list[Found[str]]:
    """The agreement's own numbers from the NOMOR / No. / Number lines of the title block, as
    printed (internal spaces kept, trailing punctuation dropped), skipping unfilled blanks."""
    found: list[Found[str]] = []
    seen: set[str] = set()
    offset = 0
    for line in title_block.splitlines(keepends=True):
        for number in _numbers_in_line(line.rstrip("\r\n"), offset):
            # a bilingual title block gives the same number twice ('Nomor: X' / 'Number: X')
            if _key(number.value) not in seen:
                seen.add(_key(number.value))
                found.append(number)
        offset += len(line)
    return found


def _numbers_in_line(line: str, offset: int) -> list[Found[str]]:
    found: list[Found[str]] = []
    labels = list(_LABEL.finditer(line))
    if not labels:
        return found
    ends = [following.start() for following in labels[1:]] + [len(line)]
    for label, end in zip(labels, ends, strict=True):
        pos = label.end()
        for cell in _CELL_GAP.split(line[pos:end]):
            number = _clean(cell)
            if number and not _PLACEHOLDER.search(number) and _looks_like_number(number):
                start = offset + line.index(number, pos)
                found.append(Found(number, (start, start + len(number))))
            pos += len(cell)
    return found


def _looks_like_number(value: str) -> bool:
    """A registration number has digits and is one token or slash-separated parts; OCR of
    a dotted blank ('3 kenakan') is neither."""
    if not any(c.isdigit() for c in value):
        return False
    return "/" in value or " " not in value.strip()


def _looks_like_reference(value: str) -> bool:
    """An agreement's registration number has parts ('119/1234/HUMKER/IX/2018', 'KB.01.02'):
    a bare '3' after 'Nomor' is a house or list number."""
    return any(c.isdigit() for c in value) and any(c in "/.-" for c in value.strip(".-"))


def _clean(cell: str) -> str:
    value = cell.strip()
    while value and value[-1] in _TRAILING and not _is_balanced_close(value):
        value = value[:-1].rstrip()
    return value.lstrip("(").strip()


def _is_balanced_close(value: str) -> bool:
    closing = value[-1]
    opening = {")": "(", "]": "["}.get(closing)
    return opening is not None and value.count(opening) >= value.count(closing)


def find_references(text: str, own_numbers: list[str]) -> list[Found[str]]:
    """Numbers of other agreements cited as this one's basis or amended by it ('Nota
    Kesepahaman Nomor X', 'amends the Agreement No. X'), deduplicated, in reading order.
    Laws, decrees, powers of attorney, tax numbers and the agreement's own numbers are left out."""
    own = {_key(n) for n in own_numbers}
    seen: set[str] = set()
    found: list[Found[str]] = []
    for match in REFERENCE.finditer(text):
        cited = _cited_kind(text, match.start())
        if cited is None:
            continue
        # 'Perjanjian ini Nomor X' is this agreement; 'nota kesepahaman dengan nomor X' is the
        # MoU it implements, even where the PKS was given the MoU's own numbers
        # ... and only where its label runs on in a sentence ('... dengan nomor X'): a title
        # block puts its NOMOR at the start of a line of its own
        line_start = text.rfind("\n", 0, match.start()) + 1
        itself = _names_itself(text, cited) or not text[line_start : match.start()].strip()
        values = [(match["value"], match.start("value"))]
        for more in _MORE.finditer(match["more"]):
            if "/" in more.group(1):
                values.append((more.group(1), match.start("more") + more.start(1)))
        for value, start in values:
            number = value.rstrip(".,;:-")
            end = start + len(number)
            if not _looks_like_reference(number) or _LAW_YEAR.match(text, start + len(value)):
                continue
            key = _key(number)
            if (key in own and itself) or key in seen:
                continue
            seen.add(key)
            found.append(Found(number, (start, end)))
    return found


def _cited_kind(text: str, pos: int) -> re.Match[str] | None:
    """The nearest document name before `pos` when it names an agreement, else None."""
    # Only the window before each number is searched: scanning the whole text for document
    # names cost more than the rest of field extraction together.
    window_start = max(0, pos - _KIND_REACH)
    last = None
    for last in _KIND.finditer(text, window_start, pos):  # noqa: B007 (we want the last one)
        pass
    if last is None or pos - last.start() > _KIND_REACH or last["agreement"] is None:
        return None
    return last


# 'Perjanjian ini', 'Perjanjian Kerja Sama ini', 'Agreement hereby'
_ITSELF_AFTER = re.compile(r"(?:\s+(?!n[o0]mor\b|no\b)[\w-]+){0,3}?\s+ini\b", re.IGNORECASE)
_ITSELF_BEFORE = re.compile(r"\b(?:this|the\s+present)\s+$", re.IGNORECASE)


def _names_itself(text: str, kind: re.Match[str]) -> bool:
    """'Perjanjian ini', 'this Agreement': the document speaks of itself."""
    return bool(
        _ITSELF_AFTER.match(text, kind.end())
        or _ITSELF_BEFORE.search(text, max(0, kind.start() - 14), kind.start())
    )


def _key(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()
