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

from rapidfuzz import fuzz

# Words that name a subject in a body, beyond the taxonomy's own headings.
_BODY_KEYWORDS: dict[str, tuple[str, ...]] = {
    "dispute_resolution": ("perselisihan", "sengketa", "musyawarah", "mufakat", "arbitrase",
                           "dispute", "arbitration", "pengadilan negeri"),
    "financing": ("biaya", "pembiayaan", "dibebankan", "anggaran", "pembayaran", "keuntungan",
                  "bagi hasil", "kerugian", "modal", "pajak", "fee", "payment", "funding", "cost",
                  "price", "tax"),
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
    "definitions": ("capitalized terms", "capitalised terms", "shall have the meaning",
                    "shall have the meanings", "yang dimaksud dengan", "istilah-istilah"),
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
    # the boilerplate of common-law agreements
    "miscellaneous": ("general conditions", "general terms", "lain lain", "lain-lain",
                      "entire agreement", "severability", "counterparts", "waiver", "headings",
                      "assignment"),
    # what a distributor or agent is appointed to and where
    "scope": ("services", "areas", "fields", "bidang", "lingkup", "appointment", "territory"),
    "rights_obligations": ("responsibilities", "duties", "kewajiban", "hak", "tugas",
                           "tanggung jawab", "peran", "peta peran", "roles", "obligation",
                           "obligations", "covenants", "commitments", "undertakings"),
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
    """The category a heading names, or None when no known phrase occurs in it. A heading
    as OCR or a typist left it ('JANGKA W AKTU', 'PEMBATALANPERJANJIAN', 'KORESPODENSI') is
    matched with its spaces ignored, then within one or two letters (_near)."""
    norm = _norm(heading) or _norm(heading.replace("(", " ").replace(")", " "))
    if not norm:
        return None
    # The leftmost match is the phrase that starts earliest, and at that start the
    # alternation (longest first) takes the longest phrase; phrases of equal length that
    # both match there are the same phrase, which keeps its first category.
    pattern, keys = _phrases()
    m = pattern.search(norm)
    exact = None
    if m:  # where it starts once the spaces are gone, to compare with _near's matches
        squeezed_at = len(_squeeze(norm[: m.start()]))
        exact = (squeezed_at, -len(_squeeze(m.group())), keys[m.group()])
    return _near(_squeeze(norm), exact) or _close(norm)


def _squeeze(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


# A phrase matched without its spaces must be this long ('hak' inside any word is no sign),
# and a near match needs this many letters and this similarity (one wrong letter in 13 is 92)
_DESPACED_MIN = 5
_NEAR_MIN = 8
_NEAR_SCORE = 86.0


@cache
def _despaced() -> tuple[tuple[str, str], ...]:
    """(phrase without spaces, key), longest first, each phrase once."""
    _, keys = _phrases()
    seen: dict[str, str] = {}
    for phrase, key in keys.items():
        seen.setdefault(_squeeze(phrase), key)
    return tuple(sorted(seen.items(), key=lambda item: len(item[0]), reverse=True))


def _near(squeezed: str, exact: tuple[int, int, str] | None) -> str | None:
    """The key of the phrase found in a heading whose spaces are gone: the earliest
    occurrence (longest on a tie; `exact` is the match with spaces kept, as (start, -length,
    key)), else the closest phrase within a letter or two."""
    best = exact
    if len(squeezed) < _DESPACED_MIN:
        return best[2] if best else None
    for phrase, key in _despaced():
        if len(phrase) < _DESPACED_MIN:
            continue
        at = squeezed.find(phrase)
        if at >= 0 and (best is None or (at, -len(phrase)) < (best[0], best[1])):
            best = (at, -len(phrase), key)
    return best[2] if best is not None else None


def _close(norm: str) -> str | None:
    """The key of the phrase one to three heading words spell within a letter or two
    ('pemberjt ahuan' ~ 'pemberitahuan'). Whole words are compared, never a part of one:
    'indemnification' is not 'notification'."""
    words = norm.split()
    best: tuple[float, int, str] | None = None
    for start in range(len(words)):
        for size in (1, 2, 3):
            window = "".join(words[start : start + size])
            if start + size > len(words) or len(window) < _NEAR_MIN:
                continue
            for phrase, key in _despaced():
                if len(phrase) < _NEAR_MIN or abs(len(phrase) - len(window)) > 2:
                    continue
                score = fuzz.ratio(phrase, window)
                if score >= _NEAR_SCORE and (best is None or (score, len(phrase)) > best[:2]):
                    best = (score, len(phrase), key)
    return best[2] if best else None


@cache
def _body_words() -> tuple[tuple[str, str], ...]:
    pairs = [(w, key) for key, words in _BODY_KEYWORDS.items() for w in words]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def from_body(body: str, *, strong: bool = False) -> str | None:
    """The subject that clearly dominates a clause body, or None. `strong` asks for more:
    three mentions and twice any other subject (to overrule a heading we do not know)."""
    low = body.lower()
    scores: dict[str, int] = {}
    # longest words first, each occurrence blanked once counted: 'yang dimaksud dengan'
    # is a definition, not also the 'maksud' of a purpose
    for word, key in _body_words():
        if n := low.count(word):
            scores[key] = scores.get(key, 0) + n
            low = low.replace(word, " ")
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if strong and ranked[0][1] < 3:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def classify(heading: str | None, body: str) -> str:
    """One key of the clause taxonomy for a clause."""
    if heading:
        by_heading = from_heading(heading)
        if by_heading is None:
            # a real heading on a subject the taxonomy has no key for, unless its words and
            # body are plainly about one ('Bea Meterai dan Pajak': who pays)
            return from_body(f"{heading}\n{body}", strong=True) or "other"
        if by_heading != "miscellaneous":
            return by_heading
        by_body = from_body(body)  # 'KETENTUAN LAIN-LAIN' that only settles disputes
        return by_body if by_body in _SUBSTANTIVE else by_heading
    return from_body(body) or "other"
