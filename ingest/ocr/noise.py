"""Undo Tesseract's usual slips in agreement text; applied to OCR'd lines only.

'PIHAK PERTAM A', 'KERJ A SAMA' and letter-spaced headings ('P A S A L') are joined for
the words the structure and extractors key on; 'Pasa1 3', 'PASAL l' and 'Pasal1' become 'Pasal 3', 'PASAL 1'
and 'Pasal 1'; O/o and l/I/| inside numbers ('2O18', 'l7', '2Ol4') become digits. Letters
elsewhere are never touched: 'Il' alone may be a Roman II, and text is what people read.
In upper-case lines (titles, headings) stray marks at the ends ('TENTANG ©', ': PENDANAAN')
go, and a word split in two ('PENY USUNAN') is joined when its halves are not words and the
join is (Sastrawi's dictionary).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from ingest.extract.dates.common import MONTHS
from ingest.hyphenation import is_known_word

# Uppercase words of title blocks, party roles and clause headings that the structure and
# the extractors key on; an OCR'd space inside one ('PERTAM A', 'KERJ A', 'P A S A L') is
# joined. Words of three letters or fewer are left out: 'HA K' could be two words.
_KEY_WORDS_TEXT: Final = """
        PIHAK PERTAMA KEDUA KETIGA KESATU KEEMPAT PASAL PERJANJIAN KESEPAKATAN BERSAMA
        KESEPAHAMAN NOTA KERJA SAMA NOMOR TENTANG ANTARA ADENDUM ADDENDUM PERUBAHAN
        RUANG LINGKUP TUJUAN MAKSUD JANGKA WAKTU KEWAJIBAN PELAKSANAAN PEMBIAYAAN
        KETENTUAN PENUTUP PENYELESAIAN PERSELISIHAN KEADAAN KAHAR MEMAKSA EVALUASI
        KERAHASIAAN PEMUTUSAN PENGAKHIRAN KORESPONDENSI DOMISILI LAMPIRAN
        ARTICLE AGREEMENT MEMORANDUM UNDERSTANDING
"""
KEY_WORDS: Final = tuple(sorted(_KEY_WORDS_TEXT.split(), key=len, reverse=True))
ROLE_WORDS: Final = ("PERTAMA", "KEDUA", "KETIGA", "KESATU", "KEEMPAT")


def _spaced(word: str) -> str:
    return r"\s?".join(word)


_BROKEN_KEY_WORD: Final = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(_spaced(w) for w in KEY_WORDS) + r")(?![A-Za-z])"
)
# 'Pihak Per tama', 'pihak kedu a': after PIHAK, role words in any case
_BROKEN_ROLE: Final = re.compile(
    r"(?i)(?<![a-z])(pihak\s+)(" + "|".join(_spaced(w) for w in ROLE_WORDS) + r")(?![a-z])"
)
_GLUED_ROLE: Final = re.compile(r"\b(PIHAK|Pihak)(" + "|".join(ROLE_WORDS) + r"|Kedua|Pertama)\b")
# 'Pasa1 3', 'PASAI 3', 'Pasal1', 'PASAL l', 'Pasal 1O' at the start of a line
_PASAL: Final = re.compile(
    r"^(?P<lead>[\s\"“]*)(?P<word>[Pp][Aa4][Ss5][Aa4][Ll1I|])(?P<space>\s*)"
    r"(?P<num>[0-9OolI|]{1,3})(?P<rest>[A-Z]?(?![A-Za-z0-9]).*)$"
)
# 'NOMOF :', 'N0MOR :', 'Nornor :' at the start of a number line
# 'N om or :', 'Nom or :' at a line's start: the label in title case, cut by spaces
_SPACED_LABEL: Final = re.compile(
    r"^(\s*)("
    + "|".join(_spaced(w.capitalize()) for w in ("NOMOR", "TENTANG", "ANTARA"))
    + r")(?=\s*[:.]|\s*$)"
)
# 'Nomor Pihak Kedua 1 445/23/UHK/2021': a number label's colon read as 1, l, | or ; (a line
# with no colon; the label may name whose number it is)
_LABEL_COLON: Final = re.compile(
    r"^(\s*(?:N[Oo0]m[Oo0]r|N[O0]M[O0]R|Number|NUMBER|No\.)(?:\s+[A-Za-z][a-z]+|\s+[A-Z]+){0,3})"
    r"\s+[1l|;i]\s+(?=[\w.-]*\s?/)"
)
_NOMOR: Final = re.compile(r"^(\s*)(?:N[O0]M[O0][RFPK]|N[o0]m[o0][rfp]|Nornor|NORNOR)(?=\s*[:.])")
# a run of digits and look-alikes holding at least one real digit: '2O18', 'l7', '1O.'
# ('|' only counts in Pasal numbers: next to a number it is usually a table rule)
_NUMBER: Final = re.compile(r"(?<![A-Za-z0-9])[0-9OolI]*[0-9][0-9OolI]*(?![A-Za-z0-9])")
_DIGIT_LOOKALIKES: Final = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
# A Roman month between slashes of an agreement number with an I read as 1, l or |:
# '198/HRD/DSA/X1/2021', '12/1V/2020'. Only a segment with a real Roman letter as well: a bare
# '1' or '11' may be a number, and is left alone.
_ROMAN_SEGMENT: Final = re.compile(r"(?<=/)(?=[I1l|H]*[VXH])[IVX1l|H]{2,4}(?=/)")
# A segment of an agreement number that OCR cut with a space ('596/85.A 09/PKS-UN/V 1/2018',
# '/PK S-PKS/'): upper-case letters and digits on both sides, one side one or two characters.
# Spaces next to a slash ('445/ 23/UHK') are printed so and stay; so does lower-case prose
# between slashes ('perangkat daerah/unit kerja/instansi').
_CUT_SEGMENT: Final = re.compile(
    r"(?<=/)(?P<a>[A-Z0-9][A-Z0-9.\-]*) (?P<b>[A-Z0-9][A-Z0-9.\-]*)(?=/)"
)
_ROMAN_MONTHS: Final = frozenset(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
)


# Specks and stray marks Tesseract reads at the ends of a title or heading line ('TENTANG ©');
# only in upper-case lines, where they cannot be part of the text.
_STRAY_MARKS: Final = "©®™«»•·*|~^°¢¤"
_STRAY_AT_END: Final = re.compile(rf"(?:\s+[{re.escape(_STRAY_MARKS)}]+)+\s*$")
_STRAY_AT_START: Final = re.compile(rf"^(\s*)(?:[{re.escape(_STRAY_MARKS)}:;]+\s+)+(?=[A-Z])")
_UPPER_WORD: Final = re.compile(r"[A-Z]+")


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _join_split_words(line: str) -> str:
    """'PENY USUNAN' -> 'PENYUSUNAN': two upper-case fragments next to each other, neither a
    word, whose join is (Sastrawi's dictionary or stem). Two words ('KERJA SAMA') stay."""
    words = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        first = words[i]
        if i + 1 < len(words):
            second = words[i + 1]
            if (
                _UPPER_WORD.fullmatch(first)
                and _UPPER_WORD.fullmatch(second)
                and len(first) + len(second) >= 6
                and not is_known_word(first)
                and not is_known_word(second)
                and is_known_word(first + second)
            ):
                out.append(first + second)
                i += 2
                continue
        out.append(first)
        i += 1
    return " ".join(out)


# A capital letter standing alone before the rest of its word: Tesseract sets a space after
# a wide or overhanging capital ('J uni', 'TANGGUNG J AWAB'). No Indonesian word is one
# capital letter; an initial ('M Yusuf'), the Balinese 'I Made' and English 'I' are followed
# by a word of their own, and their joins ('MYusuf', 'IMade') are no word.
_LONE_CAPITAL: Final = re.compile(
    r"(?<![A-Za-z.])(?P<digit>\d)?(?P<cap>[A-Z]) (?P<rest>[A-Za-z]{2,})\b"
)


def _join_lone_capital(m: re.Match[str]) -> str:
    joined = m["cap"] + m["rest"]
    if m["digit"] is not None:
        # '9J uli 2025': the day glued to the month it is cut from
        return f"{m['digit']} {joined}" if joined.lower() in MONTHS else m.group()
    if joined.lower() in MONTHS or is_known_word(joined):
        return joined
    if m["cap"] not in "AI" and m["rest"][0].islower():
        # 'J awa Timur', 'J akarta': a name's capital, cut off; an initial comes before a
        # capitalised name ('M Yusuf'), and only 'A' and 'I' stand alone as words
        return joined
    return m.group()


# A Roman list number at the start of a line read with l or | for I: 'Il. Nama : ...',
# 'll. PEMERINTAH ...'. Only letters I, l and | with at least one look-alike: '1.' and '11.'
# are Arabic list numbers and stay.
_ROMAN_LIST: Final = re.compile(r"^(?P<lead>\s*)(?P<n>(?=[Il|]*[l|])[Il|]{1,3})(?=[.)]\s+\S)")


def normalise_ocr_line(line: str) -> str:
    """`line` with the OCR slips above undone (spaces elsewhere are left to clean-up)."""
    line = _LONE_CAPITAL.sub(_join_lone_capital, line)
    line = _ROMAN_LIST.sub(lambda m: m["lead"] + re.sub(r"[l|]", "I", m["n"]), line)
    if _is_upper_line(line):
        line = _STRAY_AT_START.sub(r"\1", _STRAY_AT_END.sub("", line))
        line = _join_split_words(line)
    line = _BROKEN_KEY_WORD.sub(lambda m: re.sub(r"\s", "", m.group()), line)
    line = _SPACED_LABEL.sub(lambda m: m[1] + re.sub(r"\s", "", m[2]), line)
    line = _BROKEN_ROLE.sub(lambda m: m.group(1) + re.sub(r"\s", "", m.group(2)), line)
    line = _GLUED_ROLE.sub(r"\1 \2", line)
    line = _PASAL.sub(_fix_pasal, line)
    if ":" not in line:
        line = _LABEL_COLON.sub(r"\1 : ", line)
    line = _NOMOR.sub(
        lambda m: m.group(1) + ("NOMOR" if m.group()[-1].isupper() else "Nomor"), line
    )
    line = _CUT_SEGMENT.sub(
        lambda m: m["a"] + m["b"] if min(len(m["a"]), len(m["b"])) <= 2 else m.group(), line
    )
    line = _ROMAN_SEGMENT.sub(_fix_roman_month, line)
    return _NUMBER.sub(lambda m: m.group().translate(_DIGIT_LOOKALIKES), line)


def _fix_roman_month(m: re.Match[str]) -> str:
    roman = re.sub(r"[1l|]", "I", m.group()).replace("H", "II")  # 'IH': III
    return roman if roman in _ROMAN_MONTHS else m.group()


def normalise_ocr_lines(lines: Iterable[str]) -> tuple[str, ...]:
    """Each line through `normalise_ocr_line`."""
    return tuple(normalise_ocr_line(line) for line in lines)


def _fix_pasal(m: re.Match[str]) -> str:
    word = m.group("word")
    num = m.group("num")
    if not any(c.isdigit() for c in num) and set(num) - {"l", "|"}:
        return m.group()  # 'Pasal I', 'Pasal Il': Roman numerals, or letters; leave them
    fixed_word = "PASAL" if word[:2].isupper() else "Pasal"
    return f"{m.group('lead')}{fixed_word} {num.translate(_DIGIT_LOOKALIKES)}{m.group('rest')}"
