"""Clause category from its heading (clause-categories.json), falling back to the body.

A heading that joins two subjects takes the first ('JANGKA WAKTU DAN PENGAKHIRAN' -> term):
of the known heading phrases found in a heading, the one that starts earliest wins, the
longest on a tie. A heading that says nothing about the subject ('KETENTUAN LAIN-LAIN',
none at all) is decided by the body when one subject clearly dominates it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

# Words that name a subject in a body, beyond the taxonomy's own headings.
_BODY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "dispute_resolution": ("perselisihan", "sengketa", "musyawarah", "mufakat", "arbitrase",
                           "dispute", "arbitration", "pengadilan negeri"),
    "financing": ("biaya", "pembiayaan", "dibebankan", "anggaran", "pembayaran", "keuntungan",
                  "bagi hasil", "kerugian", "modal", "fee", "payment", "funding", "cost"),
    "term": ("jangka waktu", "berlaku selama", "masa berlaku", "diperpanjang", "term of",
             "remain in effect", "duration"),
    "termination": ("pengakhiran", "diakhiri", "mengakhiri", "pemutusan", "terminate", "termination"),
    "force_majeure": ("keadaan memaksa", "kahar", "force majeure", "bencana alam"),
    "confidentiality": ("rahasia", "kerahasiaan", "confidential"),
    "scope": ("ruang lingkup", "meliputi", "mempromosikan", "menawarkan", "scope"),
    "purpose": ("maksud", "tujuan", "bertujuan", "purpose", "objective"),
    "rights_obligations": ("hak dan kewajiban", "berkewajiban", "wajib", "bertanggung jawab",
                           "responsib", "obligation"),
    "coordination": ("korespondensi", "alamat", "narahubung", "notice", "contact"),
    "closing": ("demikian", "rangkap", "bermeterai", "in witness"),
}  # fmt: skip
# Heading words the taxonomy does not list but that name a subject just as clearly.
_EXTRA_HEADINGS: dict[str, tuple[str, ...]] = {
    "financing": ("financial", "financials", "fees", "compensation", "honorarium", "imbalan",
                  "pendanaan dan pembiayaan", "biaya", "insentif", "incentive", "incentives"),
    "coordination": ("notification", "notifications", "notice", "focal point", "focal points",
                     "contact", "contacts", "liaison", "komunikasi", "penghubung"),
    # a PKS's working clauses: who takes part, how they are chosen, what service they get
    "implementation": ("activities", "joint activities", "projects", "exchange of information",
                       "kegiatan", "program", "tata kerja", "peserta", "persyaratan peserta",
                       "identitas peserta", "seleksi", "penerimaan peserta", "pelayanan",
                       "participants", "selection"),
    "miscellaneous": ("general conditions", "general terms", "lain lain", "lain-lain"),
    "scope": ("services", "areas", "fields", "bidang", "lingkup"),
    "rights_obligations": ("responsibilities", "duties", "kewajiban", "hak", "tugas",
                           "tanggung jawab", "peran", "peta peran", "roles"),
    "confidentiality": ("confidential", "rahasia"),
    "dispute_resolution": ("dispute", "disputes", "arbitration", "perselisihan", "sengketa"),
    "termination": ("berakhirnya", "pengakhiran"),
    "term": ("duration", "jangka waktu", "masa berlaku", "period"),
    "governing_law": ("governing law", "applicable law", "jurisdiction"),
    "intellectual_property": ("intellectual property", "hak cipta", "paten", "merek"),
}  # fmt: skip


# What a 'LAIN-LAIN' clause may turn out to be about: a subject a clause is made for. Its
# passing words of purpose ('dilaksanakan dengan prinsip ... tujuan') or a closing formula
# leave it miscellaneous.
_SUBSTANTIVE = frozenset(
    {
        "dispute_resolution",
        "force_majeure",
        "confidentiality",
        "termination",
        "financing",
        "term",
        "coordination",
        "rights_obligations",
    }
)


@cache
def _taxonomy() -> dict[str, tuple[str, ...]]:
    data = json.loads(
        resources.files("ingest").joinpath("data/clause-categories.json").read_text("utf-8")
    )
    table: dict[str, tuple[str, ...]] = {}
    for key, entry in data["categories"].items():
        phrases = {_norm(h) for h in entry["headings"]}
        phrases.update({_norm(entry["id"]), _norm(entry["en"])} - {""})
        phrases.update(_norm(h) for h in _EXTRA_HEADINGS.get(key, ()))
        table[key] = tuple(sorted(phrases, key=len, reverse=True))
    return table


@cache
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every heading phrase, longest first, and each phrase's key (the
    first category in table order that lists it)."""
    keys: dict[str, str] = {}
    for key, phrases in _taxonomy().items():
        for phrase in phrases:
            if phrase:
                keys.setdefault(phrase, key)
    longest_first = sorted(keys, key=len, reverse=True)
    alternation = "|".join(re.escape(phrase) for phrase in longest_first)
    return re.compile(rf"\b(?:{alternation})\b"), keys


def category_keys() -> list[str]:
    return list(_taxonomy())


def _norm(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text)  # a bracketed gloss: 'KEADAAN KAHAR (FORCE MAJEURE)'
    text = text.lower().replace("kerjasama", "kerja sama")
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def from_heading(heading: str) -> str | None:
    """The category a heading names, or None when no known phrase occurs in it."""
    norm = _norm(heading) or _norm(heading.replace("(", " ").replace(")", " "))
    if not norm:
        return None
    # The leftmost match is the phrase that starts earliest, and at that start the
    # alternation (longest first) takes the longest phrase; phrases of equal length that
    # both match there are the same phrase, which keeps its first category.
    pattern, keys = _phrases()
    m = pattern.search(norm)
    return keys[m.group()] if m else None


def from_body(body: str) -> str | None:
    """The subject that clearly dominates a clause body, or None."""
    low = body.lower()
    scores: dict[str, int] = {}
    for key, words in _BODY_KEYWORDS.items():
        score = sum(low.count(w) for w in words)
        if score:
            scores[key] = score
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def classify(heading: str | None, body: str) -> str:
    """One key of the clause taxonomy for a clause."""
    if heading:
        by_heading = from_heading(heading)
        if by_heading is None:
            return "other"  # a real heading on a subject the taxonomy has no key for
        if by_heading != "miscellaneous":
            return by_heading
        by_body = from_body(body)  # 'KETENTUAN LAIN-LAIN' that only settles disputes
        return by_body if by_body in _SUBSTANTIVE else by_heading
    return from_body(body) or "other"
