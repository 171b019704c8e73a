"""Party names in the title block ('ANTARA A DENGAN B') and their display case."""

from __future__ import annotations

import re

from ingest.textutil import fold

_TITLE_PARTIES = re.compile(r"\b(?:ANTARA|Antara|BETWEEN|Between)\b\s+(?P<body>.+)$")
_TITLE_SPLIT = re.compile(r"\s+(?:DENGAN|Dengan|AND|And|and)\s+")
_TITLE_END = re.compile(r"\s+(?:TENTANG|MENGENAI|Tentang|Mengenai|ON|CONCERNING|REGARDING)\b.*$")
_UPPER_WORDS = {
    "PT",
    "PT.",
    "CV",
    "CV.",
    "TBK",
    "TBK.",
    "SMK",
    "SMA",
    "SMP",
    "SD",
    "SDN",
    "RSUD",
    "BPJS",
    "UPT",
    "BUMN",
    "BUMD",
    "DPRD",
    "II",
    "III",
    "IV",
    "UD",
    "KSP",
    "LLC",
    "INC.",
    "LTD.",
}
_LOWER_WORDS = {"dan", "dengan", "di", "ke", "dari", "untuk", "atas", "of", "and", "the", "for"}


def title_party_names(title: str) -> list[str]:
    """Party names in the title block ('ANTARA A DENGAN B'), as printed; may be placeholders."""
    m = _TITLE_PARTIES.search(title)
    if not m:
        return []
    body = _TITLE_END.sub("", m.group("body"))
    if re.search(r"\bDENGAN\b", body, re.I):
        parts = _TITLE_SPLIT.split(body)
    elif m.group(0)[:1] in "Bb":
        parts = re.split(r"\s+(?:AND|And|and)\s+", body)  # 'BETWEEN A AND B'
    else:
        parts = re.split(r"\s+(?:DAN|Dan)\s+", body)
    if len(parts) > 3:
        # 'DAN' inside a name ('FAKULTAS KEDOKTERAN DAN ILMU KESEHATAN'): keep two halves
        parts = [parts[0], " dan ".join(parts[1:])]
    return [fold(p).strip(" ,") for p in parts if fold(p)]


def smart_title(name: str) -> str:
    """'FAKULTAS KEDOKTERAN UNIVERSITAS TRISAKTI' -> 'Fakultas Kedokteran Universitas Trisakti'."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split()):
        if i > 0 and word.lower() in _LOWER_WORDS:
            words.append(word.lower())
        elif word.startswith("(") and len(word) <= 8:
            words.append(word)  # '(DSAW)', '(PERSERO)': an acronym in brackets
        elif word in _UPPER_WORDS or (
            len(word) <= 3 and re.fullmatch(r"[A-Z]{1,3}\.?|\d\w*", word)
        ):
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)
