"""Title, subject and kind of document, from the title block lines."""

from __future__ import annotations

import re

from ingest.model import DocType
from ingest.textutil import fold

_AMENDMENT = re.compile(
    r"\b(?:ADDENDUM|ADENDUM|AMANDEMEN|AMENDMENT|AMENDING|PERUBAHAN\s+(?:ATAS|PERTAMA|KEDUA|KETIGA|"
    r"KEEMPAT|KE-?\s*\w+)|FIRST\s+AMENDMENT|SUPPLEMENT(?:AL)?\s+AGREEMENT)\b",
    re.IGNORECASE,
)
_MOU = re.compile(
    r"\b(?:KESEPAKATAN\s+BERSAMA|NOTA\s+KESEPAHAMAN|NOTA\s+KESEPAKATAN|MEMORANDUM\s+OF\s+UNDERSTANDING|"
    r"MEMORANDUM\s+SALING\s+PENGERTIAN|NOTA\s+SALING\s+PENGERTIAN|MOU|MSP|LOI|LETTER\s+OF\s+INTENT|"
    r"PERNYATAAN\s+KEHENDAK|PIAGAM\s+KERJA\s*SAMA)\b",
    re.IGNORECASE,
)
_AGREEMENT = re.compile(
    r"\b(?:PERJANJIAN|AGREEMENT|MEMORANDUM\s+OF\s+AGREEMENT|MOA|KONTRAK|CONTRACT|"
    r"IMPLEMENTING\s+ARRANGEMENT|IMPLEMENTATION\s+ARRANGEMENT)\b",
    re.IGNORECASE,
)
_SUBJECT_ID = re.compile(
    r"\b(?:TENTANG|MENGENAI|Tentang|Mengenai|tentang|mengenai)\b\s*:?\s*(?P<s>.+)$"
)
_SUBJECT_EN = re.compile(
    r"\b(?:ON|On|on|CONCERNING|Concerning|REGARDING|Regarding|RELATING\s+TO|Relating\s+to)\s+"
    r"(?P<s>.+?)(?:\s+(?:BETWEEN|Between|between)\b.*)?$"
)
_BETWEEN_PARTIES = re.compile(r"\b(?:BETWEEN|Between|between)\b.+?\b(?:AND|And|and)\b")
_SUBJECT_AFTER_PARTIES = re.compile(
    r"\s(?:ON|On|CONCERNING|Concerning|REGARDING|Regarding|RELATING\s+TO|Relating\s+to)\s+(?P<s>.+)$"
)
_TITLE_LEAD = re.compile(r"^\s*(?:EXHIBIT|Exhibit|LAMPIRAN)\s+[\w.]+\s*")


def title_from_lines(lines: list[str]) -> str:
    """The title as printed, whitespace folded."""
    return fold(" ".join(lines))


def find_subject(title: str) -> str | None:
    """The part after TENTANG / ON / CONCERNING in the title, or None."""
    m = _SUBJECT_ID.search(title)
    if m:
        subject = fold(m.group("s")).strip(" :")
        return subject or None
    # English: 'Memorandum of Understanding on Cooperation between A and B' -> 'Cooperation'
    between = _BETWEEN_PARTIES.search(title)
    if between:
        # 'MEMORANDUM ... BETWEEN A AND B ON COOPERATION IN ...': the subject follows the parties
        m = _SUBJECT_AFTER_PARTIES.search(title, between.end())
        if m:
            return fold(m.group("s")).strip(" :") or None
    head = _AGREEMENT.search(title) or _MOU.search(title) or _AMENDMENT.search(title)
    if head:
        m = _SUBJECT_EN.search(title, head.end())
        if m and m.start() - head.end() <= 3:
            subject = fold(m.group("s")).strip(" :")
            return subject or None
    return None


def find_doc_type(title: str) -> DocType:
    """mou, agreement, amendment or other, from the words of the title (subject excluded)."""
    m = _SUBJECT_ID.search(title)
    kind_part = title[: m.start()] if m else title
    if _AMENDMENT.search(kind_part):
        return "amendment"
    mou = _MOU.search(kind_part)
    agreement = _AGREEMENT.search(kind_part)
    if mou and agreement:
        return "mou" if mou.start() < agreement.start() else "agreement"
    if mou:
        return "mou"
    if agreement:
        return "agreement"
    return "other"
