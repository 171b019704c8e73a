"""Parties of a generated agreement: who they are, and how the komparisi and signatures say it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.variation import vocab
from tests.variation.model import Para, Rows

ID_ROLES = (
    ("PIHAK PERTAMA", "PIHAK KEDUA", "PIHAK KETIGA"),
    ("PIHAK PERTAMA", "PIHAK KEDUA", "PIHAK KETIGA"),
    ("PIHAK KESATU", "PIHAK KEDUA", "PIHAK KETIGA"),
    ("PIHAK I", "PIHAK II", "PIHAK III"),
)
EN_ROLES = (
    ("FIRST PARTY", "SECOND PARTY", "THIRD PARTY"),
    ("First Party", "Second Party", "Third Party"),
)


@dataclass
class Party:
    kind: str
    name: str  # gold name: the body bound
    position: str  # gold position, as the komparisi writes it
    office: str  # the office line of the signature block
    person: vocab.Person
    address: str
    title_name: str  # how the title names it
    role: str = ""
    proxy: str | None = None  # '... berdasarkan Surat Kuasa ... Nomor ... tanggal ...'
    instansi: str | None = None  # value of an 'Instansi' / 'Institution' row


def _address(rng: random.Random, town: str) -> str:
    return f"{rng.choice(vocab.STREETS)} Nomor {rng.randint(1, 250)}, {town}"


def make_party(rng: random.Random, kind: str, language: str) -> Party:
    en = language == "en"
    if kind == "regency":
        r = rng.choice(vocab.REGENCIES)
        pre = rng.choice(("", "", "", "Pj. ", "Plt. ", "Wakil "))
        p = vocab.person(rng)
        if en:
            pos = {
                "": "Regent",
                "Pj. ": "Acting Regent",
                "Plt. ": "Acting Regent",
                "Wakil ": "Vice Regent",
            }[pre]
            name = rng.choice((f"Government of {r} Regency", f"{r} Regency Government"))
            return Party(
                kind, name, f"{pos} of {r}", f"{pos} of {r}", p, _address(rng, r), name.upper()
            )
        name = rng.choice((f"Pemerintah Kabupaten {r}", f"Pemerintah Daerah Kabupaten {r}"))
        pos = f"{pre}Bupati {r}"
        return Party(kind, name, pos, pos.upper(), p, _address(rng, r), name.upper())
    if kind == "city":
        c = rng.choice(vocab.CITIES)
        p = vocab.person(rng)
        if en:
            name = f"Government of {c} City"
            return Party(kind, name, f"Mayor of {c}", "Mayor", p, _address(rng, c), name.upper())
        head = rng.choice(("Wali Kota", "Walikota"))
        return Party(
            kind,
            f"Pemerintah Kota {c}",
            f"{head} {c}",
            f"{head} {c}".upper(),
            p,
            _address(rng, c),
            f"PEMERINTAH KOTA {c.upper()}",
        )
    if kind == "province":
        pr = rng.choice(vocab.PROVINCES)
        p = vocab.person(rng)
        if en:
            pe = vocab.PROVINCE_EN.get(pr, pr)
            name = f"Provincial Government of {pe}"
            return Party(
                kind,
                name,
                f"Governor of {pe}",
                f"Governor of {pe}",
                p,
                _address(rng, pe),
                name.upper(),
            )
        return Party(
            kind,
            f"Pemerintah Provinsi {pr}",
            f"Gubernur {pr}",
            f"GUBERNUR {pr.upper()}",
            p,
            _address(rng, pr),
            f"PEMERINTAH PROVINSI {pr.upper()}",
        )
    if kind == "opd":
        # an office signs under a power of attorney from the regent
        r = rng.choice(vocab.REGENCIES)
        opd = rng.choice(vocab.OPDS)
        p = vocab.person(rng, civil_servant=True)
        d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
        num = f"{rng.choice(('180', '800', '119'))}/{rng.randint(10, 999)}/HUK/{y}"
        if en:
            oe = vocab.OPD_EN[opd]
            name = f"Government of {r} Regency"
            proxy = f"based on the Power of Attorney of the Regent of {r} Number {num} dated {d} {vocab.EN_MONTHS[m - 1]} {y}"
            return Party(
                kind,
                name,
                f"Head of the {oe} of {r} Regency",
                f"Head of the {oe}",
                p,
                _address(rng, r),
                name.upper(),
                proxy=proxy,
            )
        bound = rng.choice((f"Pemerintah Kabupaten {r}", f"{opd} Kabupaten {r}"))
        proxy = f"berdasarkan Surat Kuasa Bupati {r} Nomor {num} tanggal {d} {vocab.ID_MONTHS[m - 1]} {y}"
        return Party(
            kind,
            bound,
            f"Kepala {opd} Kabupaten {r}",
            f"KEPALA {opd.upper()}",
            p,
            _address(rng, r),
            bound.upper(),
            proxy=proxy,
        )
    if kind == "university":
        u = rng.choice(vocab.UNI_WORDS)
        town = rng.choice(vocab.CITIES)
        p = vocab.person(rng)
        if en:
            name = f"Universitas {u}"
            return Party(
                kind,
                name,
                f"Rector of Universitas {u}",
                "Rector",
                p,
                _address(rng, town),
                name.upper(),
            )
        if rng.random() < 0.3:
            fac = rng.choice(vocab.FACULTIES)
            name = f"Fakultas {fac} Universitas {u}"
            return Party(
                kind,
                name,
                f"Dekan Fakultas {fac} Universitas {u}",
                "DEKAN",
                p,
                _address(rng, town),
                name.upper(),
            )
        if rng.random() < 0.3:
            name = f"Politeknik Negeri {town}"
            return Party(
                kind,
                name,
                f"Direktur Politeknik Negeri {town}",
                "DIREKTUR",
                p,
                _address(rng, town),
                name.upper(),
            )
        name = f"Universitas {u}"
        return Party(
            kind, name, f"Rektor Universitas {u}", "REKTOR", p, _address(rng, town), name.upper()
        )
    if kind == "company":
        c = rng.choice(vocab.COMPANY_WORDS)
        name = rng.choice(("PT ", "PT. ")) + c + rng.choice(vocab.COMPANY_SUFFIX)
        town = rng.choice(vocab.CITIES)
        p = vocab.person(rng, english=en and rng.random() < 0.3)
        if en:
            pos = rng.choice(("President Director", "Managing Director", "Chief Executive Officer"))
            return Party(kind, name, pos, pos, p, _address(rng, town), name.upper())
        pos = rng.choice(("Direktur Utama", "Direktur", "Direktur Operasional"))
        full = rng.choice((pos, f"{pos} {name}"))
        return Party(kind, name, full, full.upper(), p, _address(rng, town), name.upper())
    if kind == "ministry":
        mid, men = rng.choice(vocab.MINISTRIES)
        p = vocab.person(rng, civil_servant=True)
        if en:
            name = f"Ministry of {men} of the Republic of Indonesia"
            pos = rng.choice((f"Secretary General of the Ministry of {men}", f"Minister of {men}"))
            return Party(kind, name, pos, pos, p, "Jakarta", name.upper())
        name = f"Kementerian {mid} Republik Indonesia"
        pos = rng.choice((f"Sekretaris Jenderal Kementerian {mid}", f"Menteri {mid}"))
        return Party(kind, name, pos, pos.upper(), p, "Jakarta", name.upper())
    if kind == "foreign":
        p = vocab.person(rng, english=True)
        if rng.random() < 0.5:
            name = rng.choice(vocab.FOREIGN_UNIS)
            pos = rng.choice(("President", "Vice-Chancellor", "Provost"))
        else:
            name = rng.choice(vocab.FOREIGN_ORGS)
            pos = rng.choice(("Executive Director", "Chair of the Board"))
        return Party(
            kind,
            name,
            pos,
            pos,
            p,
            f"{rng.randint(1, 90)} Harbour Road, {rng.choice(vocab.FOREIGN_CITIES)}",
            name.upper(),
        )
    raise ValueError(kind)


# -- komparisi, Indonesian ----------------------------------------------------------------


def komparisi_id(
    rng: random.Random, party: Party, lead: str, doc: str, style: str, headed: bool = False
) -> list[object]:
    """Blocks introducing one party, in one of the shapes agreements use."""
    who = party.person.written
    role = party.role
    proxy = f", {party.proxy}," if party.proxy else ""
    called = rng.choice(
        (
            f"selanjutnya disebut {role}",
            f"yang selanjutnya disebut sebagai {role}",
            f"untuk selanjutnya dalam {doc} ini disebut {role}",
            f'selanjutnya disebut "{role}"',
        )
    )
    if style == "prose":
        shape = rng.randrange(6)
        if shape == 4:
            # the institution first, then who represents it
            if rng.random() < 0.5:
                party.name = party.name.upper()  # the gold name is as the komparisi writes it
            inst = party.name
            text = (
                f"{lead} {inst}, berkedudukan di {party.address}, dalam hal ini diwakili oleh "
                f"{who} selaku {party.position}{proxy.rstrip(',')}, {called};"
            )
            return [Para(" ".join(text.split()), indent=0)]
        if shape == 5:
            text = (
                f"{lead} {party.name}, yang diwakili oleh {who}, {party.position}{proxy.rstrip(',')}, "
                f"yang bertindak untuk dan atas nama {party.name}, {called}."
            )
            return [Para(" ".join(text.split()), indent=0)]
        if shape == 0:
            text = (
                f"{lead} {who}, {party.position}, berkedudukan di {party.address}, dalam hal ini "
                f"bertindak dalam jabatannya{proxy} untuk dan atas nama {party.name}, {called}."
            )
        elif shape == 1:
            text = (
                f"{lead} {who}, selaku {party.position}{proxy} dalam hal ini bertindak untuk dan atas nama "
                f"serta sah mewakili {party.name}, yang berkedudukan di {party.address}, {called};"
            )
        elif shape == 2:
            text = (
                f"{lead} {who}, dalam kedudukannya selaku {party.position}, bertindak untuk dan atas "
                f"nama {party.name}{proxy.rstrip(',')}, beralamat di {party.address}, {called}."
            )
        else:
            text = (
                f"{lead} {who}, {party.position}{proxy} yang dalam hal ini bertindak untuk dan atas "
                f"nama {party.name}, {called}."
            )
        return [Para(" ".join(text.split()), indent=0)]
    # label rows, in one of several orders, sometimes with NIP / Instansi rows
    rows: list[tuple[str, str]] = [("Nama", who), ("Jabatan", party.position)]
    if party.person.nip and rng.random() < 0.7:
        rows.insert(1, ("NIP", party.person.nip))
    use_instansi = rng.random() < 0.35
    if use_instansi:
        rows.append(("Instansi", party.name))
    rows.append(("Alamat", party.address))
    if rng.random() < 0.3:
        # the office first, then the name
        rows[0], rows[1] = rows[1], rows[0]
    if headed:
        # the role heads the rows: 'PIHAK PERTAMA :' / 'Nama : ...'; no closing sentence
        if not use_instansi:
            rows.insert(len(rows) - 1, ("Instansi", party.name))
        head = f"{lead} {role}" + rng.choice(("", " :", ","))
        return [Para(head, align="left"), Rows(rows, style=style, lead=None)]
    tail_name = "instansi tersebut" if use_instansi and rng.random() < 0.5 else party.name
    trailer = rng.choice(
        (
            f"Dalam hal ini bertindak untuk dan atas nama {tail_name}{proxy.rstrip(',')}, {called}.",
            f"bertindak untuk dan atas nama {tail_name}{proxy.rstrip(',')}, {called}.",
        )
    )
    return [Rows(rows, style=style, lead=lead), Para(" ".join(trailer.split()), indent=1)]


# -- komparisi, English -------------------------------------------------------------------


def komparisi_en(
    rng: random.Random, party: Party, lead: str, doc: str, style: str, headed: bool = False
) -> list[object]:
    who = party.person.written
    # 'the "FIRST PARTY"' or '"the First Party"'
    q = f'the "{party.role}"' if party.role.isupper() else f'"the {party.role}"'
    proxy = f", {party.proxy}," if party.proxy else ""
    pronoun = rng.choice(("his", "her"))
    if style == "prose":
        shape = rng.randrange(3)
        if shape == 0:
            text = (
                f"{lead} {who}, {party.position}{proxy} acting for and on behalf of {party.name}, "
                f"domiciled at {party.address}, hereinafter referred to as {q};"
            )
        elif shape == 1:
            text = (
                f"{lead} {party.name}, having its office at {party.address}, represented by {who} "
                f"in {pronoun} capacity as {party.position}{proxy} (hereinafter referred to as {q});"
            )
        else:
            text = (
                f"{lead} {who}, in {pronoun} capacity as {party.position}{proxy} acting for and on behalf "
                f"of {party.name}, hereinafter referred to as {q}."
            )
        return [Para(" ".join(text.split()), indent=0)]
    title_label = rng.choice(("Title", "Position", "Designation"))
    rows = [("Name", who), (title_label, party.position), ("Address", party.address)]
    if headed:
        rows.insert(2, ("Institution", party.name))
        return [
            Para(f"{lead} {party.role.upper()}" + rng.choice(("", ":")), align="left"),
            Rows(rows, style=style),
        ]
    use_inst = rng.random() < 0.3
    if use_inst:
        rows.insert(2, ("Institution", party.name))
    if rng.random() < 0.25:
        rows[0], rows[1] = rows[1], rows[0]
    trailer = f"acting for and on behalf of {party.name}{proxy.rstrip(',')}, hereinafter referred to as {q};"
    return [
        Rows(rows, style=style, lead=lead),
        Para(" ".join(trailer.split()), indent=1),
    ]


# -- signatures ---------------------------------------------------------------------------


def signer_line(rng: random.Random, person: vocab.Person, caps: bool) -> str:
    if not caps:
        return person.written
    # the name part in capitals, titles as written (what most signature blocks do)
    parts = person.written.split(", ")
    head = parts[0].split(" ")
    head = [w if w.endswith(".") else w.upper() for w in head]
    return ", ".join([" ".join(head), *parts[1:]])


def signature_column_id(rng: random.Random, party: Party, stamp: bool) -> list[str]:
    lines = [f"{party.role},"]
    if party.kind == "opd":
        bupati = party.proxy.split("Surat Kuasa ")[1].split(" Nomor")[0] if party.proxy else ""
        lines += [f"a.n. {bupati.upper()}", f"{party.office},"]
    elif party.kind in {"company", "university"} and rng.random() < 0.5:
        lines += (
            [party.title_name + ",", party.office + ","]
            if party.office.upper() not in party.title_name
            else [party.office + ","]
        )
    else:
        lines.append(party.office + ",")
    lines += [""]
    if stamp:
        lines.append("Meterai Rp10.000")
    lines += ["", signer_line(rng, party.person, rng.random() < 0.7)]
    if party.person.nip:
        lines.append(f"NIP. {party.person.nip}")
    return lines


def signature_column_en(rng: random.Random, party: Party, shape: int) -> list[str]:
    if shape == 0:
        return [
            f"FOR THE {party.role.upper()},",
            party.name,
            "",
            "",
            signer_line(rng, party.person, True),
            party.position,
        ]
    if shape == 1:
        return [
            f"For and on behalf of {party.name}",
            "",
            "",
            signer_line(rng, party.person, False),
            f"{party.position}",
        ]
    # the one-liner 'Org Name (Position)' under the name
    return [
        f"{party.role.upper()},",
        "",
        "",
        signer_line(rng, party.person, False),
        f"{party.name} ({party.position})",
    ]
