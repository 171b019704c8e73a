"""Outline + extracted fields -> Agreement (what the schema asks for, with source spans)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ingest.extract import categories
from ingest.extract.dates import find_dates, find_signing
from ingest.extract.numbers import find_numbers, find_references
from ingest.extract.parties import read_parties
from ingest.extract.term import compute_expiry, find_effective, find_stated_expiry, find_term
from ingest.extract.title import find_doc_type, find_subject, title_from_lines
from ingest.model import (
    Agreement,
    Clause,
    Doubt,
    Found,
    Language,
    Party,
    RawDocument,
    Source,
    Term,
)
from ingest.profile import profile_of
from ingest.structure import Outline
from ingest.textutil import fold


def assemble(raw: RawDocument, text: str, structure: Outline, language: Language) -> Agreement:
    spans: dict[str, tuple[int, int]] = {}
    title = title_from_lines([line.text for line in structure.title_lines])
    if structure.title_lines:
        spans["title"] = (structure.title_lines[0].start, structure.title_lines[-1].end)

    number_block = "\n".join(line.text for line in structure.number_lines)
    numbers = [f.value for f in find_numbers(number_block)]

    signatures = text[structure.signatures_start :]
    parties_read = read_parties(
        text,
        structure.opening_start,
        structure.preamble_end,
        language=language,
        title=title,
        signatures=signatures,
    )
    if not parties_read.parties and structure.clauses:
        # 'This MOU is made between A and B' can be the body of clause 1 (Introduction)
        first = structure.clauses[0]
        parties_read = read_parties(
            text,
            first.body_start,
            first.body_end,
            language=language,
            title=title,
            signatures=signatures,
        )
    parties_found = parties_read.parties
    if parties_found:
        spans["parties"] = (parties_found[0].span[0], parties_found[-1].span[1])

    signing = find_signing(text, language)
    date_doubts = signing.doubts()
    signed = _restated_date(text, language, signing.date, numbers)
    if signed is not None and signing.date is not None and signed.value != signing.date.value:
        date_doubts.append(
            Doubt(
                "signed_date",
                "disagree",
                f"the opening says {signing.date.value.isoformat()}, restated in brackets as "
                f"{signed.value.isoformat()}; the year of the agreement's numbers was taken",
            )
        )
    signed_date = signed.value if signed else None
    if signed:
        spans["signed_date"] = signed.span
    signed_place = signing.place.value if signing.place else None
    if signing.place:
        spans["signed_place"] = signing.place.span

    clauses = []
    for block in structure.clauses:
        body = fold(text[block.body_start : block.body_end])
        clauses.append(
            Clause(
                number=block.number,
                heading=block.heading,
                category=categories.classify(block.heading, body),
                text=body,
                span=(block.header_start, block.body_end),
            )
        )

    term_found = _term(text, language, structure, clauses)
    term = term_found.value if term_found else None
    if term_found:
        spans["term"] = term_found.span
    effective_found = find_effective(text, language, signed_date)
    effective = effective_found.value if effective_found else None
    if effective_found:
        spans["effective_date"] = effective_found.span
    stated_expiry = find_stated_expiry(text, language)
    if stated_expiry:
        expiry = stated_expiry.value
        spans["expiry_date"] = stated_expiry.span
    elif effective and term:
        expiry = compute_expiry(effective, term)
        if effective.day >= 29:
            # 29 February or 31 August + 6 months has no single obvious end (DOMAIN 4.4)
            date_doubts.append(
                Doubt("expiry_date", "computed", f"computed from a start on day {effective.day}")
            )
    else:
        expiry = None

    # the title block's numbers are the agreement's own: references come after it
    recitals = text[structure.opening_start : structure.preamble_end] or text
    references = [f.value for f in find_references(recitals, numbers)]

    parties = [f.value for f in parties_found]
    doubts = [*parties_read.doubts, *date_doubts, *_missing(parties, clauses, signed_date)]

    agreement = Agreement(
        source=Source(
            filename=raw.filename,
            sha256=raw.sha256,
            media_type=raw.media_type,
            pages=raw.page_count,
            ocr=raw.ocr,
        ),
        language=language,
        doc_type=find_doc_type(title),
        title=title,
        subject=find_subject(title),
        numbers=numbers,
        parties=parties,
        signed_date=signed_date,
        signed_place=signed_place,
        effective_date=effective,
        term=term,
        expiry_date=expiry,
        references=references,
        clauses=clauses,
        text=text,
        spans=spans,
        doubts=tuple(doubts),
    )
    # what follows from the text, derived once here: the service keeps it and filters on it
    return replace(agreement, profile=profile_of(agreement))


def _missing(parties: list[Party], clauses: list[Clause], signed: date | None) -> list[Doubt]:
    """What every agreement states and this extraction did not find."""
    out: list[Doubt] = []
    if not parties:
        out.append(Doubt("parties", "not_found", "no party found"))
    for i, party in enumerate(parties):
        if not party.representative:
            out.append(Doubt("parties", "not_found", f"no signer found for {party.name}", i))
    if not clauses:
        out.append(Doubt("clauses", "not_found", "no Pasal or Article found"))
    if signed is None:
        out.append(Doubt("signed_date", "not_found", "no signing date found"))
    return out


def _term(
    text: str, language: Language, structure: Outline, clauses: list[Clause]
) -> Found[Term] | None:
    """The stated duration. Where the agreement has a term clause (JANGKA WAKTU), only that
    clause and the preamble count: elsewhere '30 (tiga puluh) hari' is a notice period."""
    # a heading set above its 'Pasal N' can end up closing the clause before: the clause after
    # a term clause is read too
    regions: list[tuple[int, int]] = []
    for k, clause in enumerate(clauses):
        if clause.category == "term":
            regions.append(clause.span)
            if k + 1 < len(clauses):
                regions.append(clauses[k + 1].span)
    if not regions:
        return find_term(text, language)
    regions.append((0, structure.preamble_end))
    for start, end in regions:
        found = find_term(text[start:end], language)
        if found:
            return Found(found.value, (start + found.span[0], start + found.span[1]))
    return None


_RESTATED = re.compile(r"\s*\(\s*(?P<date>[^()]{6,40}?)\s*\)")


def _restated_date(
    text: str, language: Language, found: Found[date] | None, numbers: list[str]
) -> Found[date] | None:
    """'tanggal 28 bulan 06 tahun 2023 (28-06-2024)': when the date restated in brackets
    differs, the one whose year the agreement's own numbers carry wins."""
    if found is None:
        return None
    m = _RESTATED.match(text, found.span[1])
    if not m:
        return found
    restated = find_dates(m.group("date"), language)
    if not restated or restated[0].value == found.value:
        return found
    years = {y for n in numbers for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", n)}
    alternative = restated[0].value
    if str(alternative.year) in years and str(found.value.year) not in years:
        return Found(alternative, (m.start("date"), m.end("date")))
    return found
