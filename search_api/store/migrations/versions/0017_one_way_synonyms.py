"""One-way synonyms and the reviewed default groups (issue #14 item 5).

- synonyms.also (JSON list, NULL read as none): terms a group finds one way only ('adendum'
  also finds 'perubahan'; 'perubahan' finds only itself).
- The default groups reviewed against the corpus (search_api/index/synonyms.py says why for
  each): a group still exactly as the store first seeded it becomes the reviewed group; a group
  an admin changed is left as the admin wrote it. A new default group is added when its name is
  free and none of its terms is already a term of another group.

The values are written out here, not imported: a migration stays what it was when it ran.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# name -> (terms as first seeded, reviewed terms, reviewed one-way terms)
_REVIEWED: dict[str, tuple[list[str], list[str], list[str]]] = {
    "framework": (
        [
            "MoU",
            "Memorandum of Understanding",
            "Nota Kesepahaman",
            "Nota Kesepakatan",
            "Kesepakatan Bersama",
            "KB",
            "Memorandum Saling Pengertian",
            "MSP",
            "Nota Saling Pengertian",
        ],
        [
            "MoU",
            "Memorandum of Understanding",
            "Nota Kesepahaman",
            "Nota Kesepakatan",
            "Kesepakatan Bersama",
            "Memorandum Saling Pengertian",
            "MSP",
            "Nota Saling Pengertian",
        ],
        ["KB"],
    ),
    "change": (
        ["Addendum", "Adendum", "Amandemen", "Perubahan", "Amendment"],
        [
            "Addendum",
            "Adendum",
            "Amandemen",
            "Amendment",
            "Perubahan Perjanjian",
            "Perubahan atas Perjanjian",
        ],
        ["Perubahan"],
    ),
    "dispute": (
        ["sengketa", "perselisihan", "dispute", "musyawarah untuk mufakat", "arbitrase"],
        ["sengketa", "perselisihan", "dispute"],
        ["arbitrase", "arbitration", "musyawarah untuk mufakat"],
    ),
    "default": (
        ["wanprestasi", "cidera janji", "ingkar janji", "default", "breach"],
        ["wanprestasi", "cidera janji", "cedera janji", "ingkar janji"],
        ["default", "breach"],
    ),
    "termination": (
        ["pengakhiran", "pemutusan", "berakhirnya", "termination"],
        ["pengakhiran", "pemutusan", "termination"],
        [],
    ),
    "money": (
        ["pembiayaan", "pendanaan", "biaya", "anggaran", "APBD", "funding"],
        ["pembiayaan", "pendanaan", "biaya", "anggaran", "funding", "financing"],
        ["APBD", "APBN"],
    ),
    "ip": (
        ["hak kekayaan intelektual", "HKI", "HaKI", "KI", "intellectual property"],
        ["hak kekayaan intelektual", "HKI", "HaKI", "KI", "intellectual property"],
        ["hak cipta", "paten", "merek", "copyright", "patent", "trademark"],
    ),
    "pemda": (
        ["Pemda", "Pemerintah Daerah"],
        ["Pemda", "Pemerintah Daerah"],
        [
            "Pemkab",
            "Pemerintah Kabupaten",
            "Pemkot",
            "Pemerintah Kota",
            "Pemprov",
            "Pemerintah Provinsi",
        ],
    ),
}
_ADDED: dict[str, list[str]] = {"arbitration": ["arbitrase", "arbitration"]}


def _key(term: str) -> str:
    # close enough to the store's own comparison (folded words) for seeded, plain-ASCII terms
    return " ".join(term.casefold().split())


def upgrade() -> None:
    op.add_column("synonyms", sa.Column("also", sa.JSON, nullable=True))
    table = sa.table(
        "synonyms",
        sa.column("name", sa.String),
        sa.column("terms", sa.JSON),
        sa.column("also", sa.JSON),
    )
    connection = op.get_bind()
    rows: dict[str, list[str]] = {
        name: list(terms)
        for name, terms in connection.execute(sa.select(table.c.name, table.c.terms))
    }
    for name, (seeded, terms, also) in _REVIEWED.items():
        if rows.get(name) == seeded:
            connection.execute(
                table.update().where(table.c.name == name).values(terms=terms, also=also)
            )
            rows[name] = terms
    if not rows:
        return  # a new store: the first start seeds the reviewed groups themselves
    taken = {_key(term) for terms in rows.values() for term in terms}
    for name, terms in _ADDED.items():
        if name not in rows and not taken & {_key(t) for t in terms}:
            values: dict[str, Any] = {"name": name, "terms": terms, "also": []}
            connection.execute(table.insert().values(**values))
            taken |= {_key(t) for t in terms}


def downgrade() -> None:
    op.drop_column("synonyms", "also")
