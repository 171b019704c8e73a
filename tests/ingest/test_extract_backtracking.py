"""Guard against catastrophic backtracking: adversarial 200 KB texts must not take minutes.
The bound is loose on purpose; timings themselves live in bench/extractor_speed.py."""

import time

import pytest

from ingest.extract.dates import find_dates, find_signing
from ingest.extract.language import detect
from ingest.extract.numbers import find_numbers, find_references
from ingest.extract.term import find_effective, find_stated_expiry, find_term

ADVERSARIAL = {
    "number_words": "dua puluh ",
    "english_number_words": "twenty-one and ",
    "digits": "1 2 3 4 5 6 7 8 9 0 ",
    "placeholders": ". . . ……… ___ / / / ",
    "labels": "Nomor Nomor No. No. 1/2/3/4/5/6 ",
    "tanggal": "tanggal tanggal bulan tahun ",
    "this": "this this this this ",
    "towns": "Batam Kota Batam, ",
}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_extractors_stay_linear_on_200_kb(unit: str, language: str) -> None:
    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    started = time.perf_counter()
    find_dates(text, language)
    find_signing(text, language)
    find_term(text, language)
    find_stated_expiry(text, language)
    find_effective(text, language, None)
    find_numbers(text)
    find_references(text, [])
    detect(text)
    assert time.perf_counter() - started < 15
