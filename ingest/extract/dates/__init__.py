"""Dates in agreement text: every date (`find_dates`) and the signing date (`find_signing`)."""

from ingest.extract.dates.languages import FINDERS, find_dates, language_rules
from ingest.extract.dates.signing import Signing, find_signing

__all__ = ["FINDERS", "Signing", "find_dates", "find_signing", "language_rules"]
