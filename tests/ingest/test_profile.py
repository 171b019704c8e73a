"""The profile (partner types, cooperation kind, OPD, fields of affairs) is derived once, when
an agreement is assembled, from the same text the register used to derive it from on reads;
it stays out of the schema's JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import jsonschema
import pytest

from ingest import extract_bytes
from ingest.model import Party, Profile, profile_from_dict
from ingest.profile import derive_profile, profile_of

DOCUMENTS = Path(__file__).parent / "documents"
SCHEMA = json.loads((Path(__file__).parents[2] / "ingest/data/agreement.schema.json").read_text())


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_extracted_pks_carries_its_profile_and_the_schema_json_does_not() -> None:
    text = (DOCUMENTS / "pks-gowa-unismuh.txt").read_text()
    agreement = extract_bytes(_docx(text), "pks.docx")
    assert agreement.profile is not None
    assert agreement.profile == profile_of(agreement)
    # the region (its health office's head signs for it) with a university: a third party
    assert agreement.profile.partner_types == ("region", "university")
    assert agreement.profile.cooperation_kind == "ksdpk"
    assert agreement.profile.regional_office == "Dinas Kesehatan Kabupaten Gowa"
    assert "health" in agreement.profile.sectors
    as_json = agreement.to_dict()
    assert "profile" not in as_json
    jsonschema.validate(as_json, SCHEMA)


def test_an_english_mou_of_a_region_with_a_city_abroad_is_ksdpl() -> None:
    text = (DOCUMENTS / "kb-gowa-makassar-en.txt").read_text()
    agreement = extract_bytes(_docx(text), "kb.docx")
    assert agreement.profile == profile_of(agreement)
    assert agreement.profile is not None
    assert len(agreement.profile.partner_types) == len(agreement.parties)


@pytest.mark.parametrize(
    ("parties", "language", "kind"),
    [
        (["Pemerintah Kabupaten Gowa", "Pemerintah Kota Makassar"], "id", "ksdd"),
        (["Pemerintah Kabupaten Gowa", "PT Bank Contoh Tbk."], "id", "ksdpk"),
        (["Universitas Hasanuddin", "PT Bank Contoh Tbk."], "id", "other"),
        (["Regency Government of Gowa", "The City of Kitakyushu"], "en", "ksdpl"),
    ],
)
def test_the_profile_follows_the_parties_and_language(
    parties: list[str], language: str, kind: str
) -> None:
    found = derive_profile(
        [Party(None, name, None, None) for name in parties], language, "NOTA KESEPAKATAN", None
    )
    assert found.cooperation_kind == kind
    assert len(found.partner_types) == len(parties)


def test_a_profile_survives_its_dict() -> None:
    profile = Profile(("region", "university"), "ksdpk", "Dinas Pendidikan", ("education",))
    assert profile_from_dict(profile.to_dict()) == profile
    assert profile_from_dict({}) == Profile()
