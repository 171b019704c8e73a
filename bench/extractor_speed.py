"""Time every extractor on 200 KB of adversarial and real-looking text: `python bench/extractor_speed.py`."""

import time

from ingest.extract.dates import find_dates, find_signing
from ingest.extract.language import detect
from ingest.extract.numbers import find_numbers, find_references
from ingest.extract.term import find_effective, find_stated_expiry, find_term

SAMPLES = {
    "agreement": (
        "Pada hari ini Kamis tanggal dua puluh bulan September tahun dua ribu delapan belas, "
        "bertempat di Sungguminasa. Berdasarkan Kesepakatan Bersama Nomor 119/123/HUMKER/IX/2018 "
        "dan Undang-Undang Nomor 23 Tahun 2014, berlaku untuk jangka waktu 5 (lima) tahun "
        "sampai dengan tanggal 19 September 2023.\n"
    ),
    "number_words": "dua puluh ",
    "digits": "1 2 3 4 5 6 7 8 9 0 ",
    "labels": "Nomor Nomor No. No. 1/2/3/4/5/6 ",
}

for name, unit in SAMPLES.items():
    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    for language in ("id", "en"):
        started = time.perf_counter()
        find_dates(text, language)
        find_signing(text, language)
        find_term(text, language)
        find_stated_expiry(text, language)
        find_effective(text, language, None)
        find_numbers(text)
        find_references(text, [])
        detect(text)
        print(f"{name:13} {language} {time.perf_counter() - started:.2f}s")
