"""The register (Daftar Naskah) at 10,000 agreements, over real HTTP.

    .venv/bin/python bench/register.py                  # 10,000 agreements (bench/out/register-N)
    .venv/bin/python bench/register.py --keep           # reuse the filled store and its index
    .venv/bin/python bench/register.py --agreements 2000 --requests 100

Fills a store through `Store.add` (the real write path: the profile is derived from the
parties and subject as ingest derives it, numbers, references and standing kept in their
columns) with generated agreements: KB, PKS, addenda citing an earlier agreement's number
(most end later, so they extend it) and others, signed 2008-2026 or undated, ending in the
past, within 90 days, later or never stated, with regions, universities, schools,
hospitals, state and private companies, ministries and foundations as partners, Indonesian
and English, one in eight with a doubted value. `naskah reindex` builds the index in a child
process. A first `naskah serve` computes every Kelengkapan (the background refresh) and is
stopped; the measured server is a second start on that data, as after a restart:

- first read: the first `GET /api/register?limit=100` once the server answers /api/health
  (target <= 300 ms);
- a filtered page: `GET /api/register` with one or two filters (status, year, kind of
  document, cooperation kind, field of affairs, party, words, doubts), a sort and a page of
  100 rows at a random offset, p50 / p95 / p99 (target p95 <= 150 ms);
- the register page: `GET /daftar` with such filters, p50 / p95;
- XLSX export of all agreements: `GET /api/register/export?format=xlsx` (target <= 5 s), and
  the CSV for comparison.

Each request's server CPU time is recorded beside its wall time (on a shared machine the wall
time moves with the load, the CPU time far less). The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from served import free_port, load, naskah, naskah_env, pct, serve, server_cpu_ms, settle

from ingest.model import Agreement, Clause, Doubt, Party, Source, Term
from search_api.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
TODAY = date.today()

REGIONS = [
    "Kabupaten Gowa",
    "Kota Makassar",
    "Kabupaten Takalar",
    "Kabupaten Maros",
    "Kota Parepare",
    "Provinsi Sulawesi Selatan",
    "Kabupaten Bantaeng",
    "Kota Batam",
]
# partners by what kind of body they are; profile_of reads the kind from the name
PARTNERS = [
    "Universitas Hasanuddin",
    "Universitas Muhammadiyah Makassar",
    "Institut Teknologi Bandung",
    "Politeknik Negeri Ujung Pandang",
    "SMK Negeri 6 Batam",
    "SMA Negeri 1 Sungguminasa",
    "RSUD Syekh Yusuf",
    "Rumah Sakit Umum Daerah Labuang Baji",
    "PT Bank Rakyat Indonesia (Persero) Tbk",
    "PT PLN (Persero)",
    "Perusahaan Umum Daerah Air Minum Tirta Jeneberang",
    "PT Vale Indonesia Tbk",
    "PT Louis Alain",
    "CV Karya Mandiri",
    "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
    "Badan Pusat Statistik",
    "Yayasan Pendidikan Islam Al-Azhar",
    "Lembaga Swadaya Masyarakat Bina Desa",
    "Dinas Kesehatan Kabupaten Gowa",
]
SUBJECTS = [
    "Pengembangan Pendidikan dan Pelatihan Vokasi",
    "Pelayanan Kesehatan Masyarakat",
    "Pengelolaan Sistem Penyediaan Air Minum",
    "Penelitian dan Pengabdian kepada Masyarakat",
    "Pembangunan Jalan dan Jembatan",
    "Pemberdayaan Usaha Mikro, Kecil dan Menengah",
    "Pengembangan Pariwisata dan Kebudayaan",
    "Pengelolaan Sampah dan Lingkungan Hidup",
    "Penyaluran Kredit Usaha Rakyat",
    "Pengembangan Desa Wisata",
    "Pertukaran Data Kependudukan",
    "Penyediaan Tenaga Listrik",
]
CLAUSES = [
    ("MAKSUD DAN TUJUAN", "purpose", "Maksud dan tujuan kerja sama ini adalah {subject}."),
    ("RUANG LINGKUP", "scope", "Ruang lingkup kerja sama ini meliputi {subject} di wilayah."),
    ("HAK DAN KEWAJIBAN", "obligations", "PARA PIHAK berkewajiban melaksanakan kerja sama."),
    ("JANGKA WAKTU", "term", "Kerja sama ini berlaku untuk jangka waktu {years} (tahun)."),
    ("PEMBIAYAAN", "financing", "Biaya pelaksanaan dibebankan pada anggaran masing-masing."),
    ("PENYELESAIAN PERSELISIHAN", "dispute_resolution", "Diselesaikan secara musyawarah."),
    ("PENUTUP", "closing", "Naskah ini dibuat dalam rangkap dua bermaterai cukup."),
]
DOUBTS = [
    Doubt("parties", "fallback", "komparisi read by a second-choice rule"),
    Doubt("signed_date", "placeholder", "the date is left blank"),
    Doubt("expiry_date", "computed", "from the effective date and the term"),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def generate(n: int, rng: random.Random) -> Iterator[Agreement]:
    """`n` agreements in signing order; an addendum cites an earlier agreement's number."""
    earlier: list[tuple[str, date | None, date | None]] = []  # number, signed, expiry
    for i in range(n):
        doc_type = rng.choices(["mou", "agreement", "amendment", "other"], [30, 50, 15, 5])[0]
        if doc_type == "amendment" and not earlier:
            doc_type = "agreement"
        region, partner = rng.choice(REGIONS), rng.choice(PARTNERS)
        subject = rng.choice(SUBJECTS)
        language = "en" if rng.random() < 0.15 else "id"
        signed: date | None = date(2008, 1, 1) + timedelta(days=rng.randrange(19 * 365))
        if rng.random() < 0.03:
            signed = None
        years = rng.choice([1, 2, 3, 5, 5, 10])
        expiry = signed + timedelta(days=365 * years) if signed else None
        references: list[str] = []
        if doc_type == "amendment":
            number, their_signed, their_expiry = rng.choice(earlier[-2000:])
            references = [number]
            base = their_expiry or their_signed or TODAY
            # most addenda move the end later (they extend what they cite)
            expiry = base + timedelta(days=rng.choice([-200, 365, 730, 1095, 1460]))
        elif rng.random() < 0.2 and earlier:
            references = [rng.choice(earlier[-2000:])[0]]  # a PKS under a KB, a renewal
        if rng.random() < 0.05:
            expiry = None  # no end stated
        year = signed.year if signed else 2020
        number = f"{i + 1:05d}/{rng.randrange(1, 999)}/HUMKER/{ROMAN[i % 12]}/{year}"
        earlier.append((number, signed, expiry))
        kind = {"mou": "KESEPAKATAN BERSAMA", "amendment": "ADENDUM PERJANJIAN KERJA SAMA"}.get(
            doc_type, "PERJANJIAN KERJA SAMA"
        )
        title = (
            f"{kind} ANTARA PEMERINTAH {region.upper()} DENGAN {partner.upper()} "
            f"TENTANG {subject.upper()}"
        )
        # the cleaned text as ingest keeps it, each clause's span into it
        text, spans = f"{title}\nNOMOR : {number}\n\n", {"title": (0, len(title))}
        clauses = []
        for k, (heading, category, body) in enumerate(CLAUSES, 1):
            if rng.random() < 0.85:
                body = body.format(subject=subject, years=years)
                start = len(text)
                text += f"Pasal {k}\n{heading}\n{body}\n\n"
                clauses.append(Clause(str(k), heading, category, body, (start, len(text) - 2)))
                if category == "term":
                    spans["term"] = (start, len(text) - 2)
        yield Agreement(
            source=Source(f"naskah-{i:05d}.pdf", f"{i:064x}", "application/pdf", 8, False),
            language=language,  # type: ignore[arg-type]
            doc_type=doc_type,  # type: ignore[arg-type]
            title=title,
            subject=subject,
            numbers=[number],
            parties=[
                Party("PIHAK PERTAMA", f"Pemerintah {region}", "Drs. H. Contoh", "Bupati"),
                Party("PIHAK KEDUA", partner, "Ir. Contoh", "Direktur"),
            ],
            signed_date=signed,
            signed_place=region.split()[-1],
            effective_date=signed,
            term=Term(years=years),
            expiry_date=expiry,
            references=references,
            clauses=clauses,
            text=text,
            spans=spans,
            doubts=(rng.choice(DOUBTS),) if rng.random() < 0.125 else (),
        )


def fill_store(data: Path, n: int, rng: random.Random) -> float:
    """A fresh store of `n` generated agreements (their index changes queued); seconds."""
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    store = Store.open(f"sqlite:///{(data / 'naskah.db').resolve()}")
    started = time.perf_counter()
    for k, agreement in enumerate(generate(n, rng), 1):
        store.add(agreement, size=0, extractor_version="bench")
        if k % 1000 == 0:
            print(f"  {k} stored ({time.perf_counter() - started:.0f}s)", flush=True)
    store.close()
    return time.perf_counter() - started


def reindex(data: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [naskah(), "reindex", "--batch", "500"],
        env=naskah_env(data),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


class Client:
    """A keep-alive connection that times each GET (wall ms) and the server's CPU ms."""

    def __init__(self, port: int, auth: dict[str, str], pid: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.auth, self.pid = auth, pid

    def get(self, path: str, params: dict[str, object] | None = None) -> tuple[float, float, bytes]:
        url = path + ("?" + urllib.parse.urlencode(params) if params else "")
        used = server_cpu_ms(self.pid)
        started = time.perf_counter()
        self.connection.request("GET", url, headers=self.auth)
        response = self.connection.getresponse()
        body = response.read()
        wall = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}: {body[:300]!r}")
        return wall, server_cpu_ms(self.pid) - used, body

    def close(self) -> None:
        self.connection.close()


FILTERS: list[dict[str, object]] = [
    {"status": "active"},
    {"status": "expiring"},
    {"status": "expired"},
    {"doc_type": "agreement"},
    {"doc_type": "amendment", "status": "active"},
    {"cooperation_kind": "ksdpk"},
    {"cooperation_kind": "ksdpl", "status": "active"},
    {"sector": "education"},
    {"sector": "health", "doc_type": "agreement"},
    {"party": "universitas"},
    {"q": "air minum"},
    {"q": "gowa", "status": "expired"},
    {"doubts": 1},
    {"language": "en"},
]
SORTS = ["signed_date", "expiry_date", "title", "status", "parties", "doc_type"]


def filters(rng: random.Random) -> dict[str, object]:
    f: dict[str, object] = dict(rng.choice(FILTERS))
    if rng.random() < 0.4:
        f["year"] = rng.randrange(2008, 2027)
    f["sort"] = rng.choice(SORTS)
    f["order"] = rng.choice(["asc", "desc"])
    return f


def measure(data: Path, n: int, requests: int) -> dict[str, object]:
    rng = random.Random(7)
    port = free_port()
    server, auth = serve(data, port)
    client = Client(port, auth, server.pid)
    out: dict[str, object] = {"agreements": n, "load_before": load()}
    try:
        wall, cpu, body = client.get("/api/register", {"limit": 100})
        first = json.loads(body)
        out["first_read_ms"], out["first_read_cpu_ms"] = wall, cpu
        if first["total"] != n:
            raise SystemExit(f"the register lists {first['total']} of {n} agreements")
        out["pending_at_start"] = first["stats"]["completeness_pending"]
        busy = settle(server.pid)
        print(f"server: {busy:.1f} CPU-seconds of start-up work, then quiet", flush=True)
        for _ in range(5):  # warm up
            client.get("/api/register", {**filters(rng), "limit": 100})
        api, api_cpu, totals = [], [], []
        for _ in range(requests):
            f = filters(rng)
            wall, cpu, body = client.get("/api/register", {**f, "limit": 1})
            total = json.loads(body)["total"]
            offset = rng.randrange(0, max(total, 1), 100) if total > 100 else 0
            wall, cpu, body = client.get("/api/register", {**f, "offset": offset, "limit": 100})
            api.append(wall)
            api_cpu.append(cpu)
            totals.append(total)
        out.update(
            page_p50=pct(api, 50),
            page_p95=pct(api, 95),
            page_p99=pct(api, 99),
            page_cpu_p95=pct(api_cpu, 95),
            rows_matching_median=sorted(totals)[len(totals) // 2],
        )
        html, html_cpu = [], []
        for _ in range(max(requests // 3, 10)):
            f = filters(rng)
            f["lang"] = "id"
            wall, cpu, _ = client.get("/daftar", f)
            html.append(wall)
            html_cpu.append(cpu)
        out.update(
            daftar_p50=pct(html, 50), daftar_p95=pct(html, 95), daftar_cpu_p95=pct(html_cpu, 95)
        )
        xlsx = []
        for _ in range(3):
            wall, cpu, body = client.get("/api/register/export", {"format": "xlsx"})
            xlsx.append((wall, cpu, len(body)))
        out["xlsx_ms"] = [round(w) for w, _, _ in xlsx]
        out["xlsx_cpu_ms"] = [round(c) for _, c, _ in xlsx]
        out["xlsx_mb"] = round(xlsx[-1][2] / 1e6, 2)
        wall, cpu, body = client.get("/api/register/export", {"format": "csv"})
        out["csv_ms"], out["csv_cpu_ms"] = round(wall), round(cpu)
    finally:
        client.close()
        server.terminate()
        server.wait()
    out["load_after"] = load()
    return out


def warm(data: Path, n: int) -> float:
    """A first start that computes every Kelengkapan (the background refresh), then stops:
    the measured start finds them kept, as a restarted server does. Seconds taken."""
    port = free_port()
    started = time.perf_counter()
    server, auth = serve(data, port)
    try:
        while True:
            client = Client(port, auth, server.pid)  # the server closes an idle connection
            _, _, body = client.get("/api/register", {"limit": 1})
            client.close()
            pending = json.loads(body)["stats"]["completeness_pending"]
            if not pending:
                break
            print(f"  Kelengkapan: {pending} of {n} still being computed", flush=True)
            time.sleep(15)
    finally:
        server.terminate()
        server.wait()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="reuse an existing data folder")
    args = parser.parse_args()
    data = ROOT / "bench" / "out" / f"register-{args.agreements}"
    if not (args.keep and (data / "naskah.db").exists()):
        seconds = fill_store(data, args.agreements, random.Random(42))
        print(f"{args.agreements} agreements stored in {seconds:.0f}s", flush=True)
        print(f"naskah reindex: {reindex(data):.0f}s", flush=True)
    # kept data may hold results of other checks (or code): a first start makes them fresh
    print(f"Kelengkapan of all computed by a first start: {warm(data, args.agreements):.0f}s")
    row = measure(data, args.agreements, args.requests)
    print(
        f"\n{row['agreements']} agreements; milliseconds (cpu: the server's CPU time). "
        f"Load {row['load_before']} before, {row['load_after']} after.\n"
        f"first read after a start   {row['first_read_ms']:8.0f}  (cpu {row['first_read_cpu_ms']:.0f};"
        f" target <= 300)\n"
        f"filtered page of 100 p50   {row['page_p50']:8.1f}\n"
        f"filtered page of 100 p95   {row['page_p95']:8.1f}  (cpu {row['page_cpu_p95']:.1f};"
        f" target <= 150)\n"
        f"filtered page of 100 p99   {row['page_p99']:8.1f}\n"
        f"/daftar page p50 / p95     {row['daftar_p50']:8.1f} / {row['daftar_p95']:.1f}"
        f"  (cpu p95 {row['daftar_cpu_p95']:.1f})\n"
        f"XLSX of all                {row['xlsx_ms']}  (cpu {row['xlsx_cpu_ms']};"
        f" {row['xlsx_mb']} MB; target <= 5000)\n"
        f"CSV of all                 {row['csv_ms']:8}  (cpu {row['csv_cpu_ms']})"
    )
    print(json.dumps(row))


if __name__ == "__main__":
    main()
