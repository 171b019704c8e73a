"""Every hostile file through real HTTP: a 4xx with a clear message or a graceful extraction,
within 30 s, the server still answering, and nothing stored for a refused file."""

from __future__ import annotations

import io
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from fastapi.testclient import TestClient

from search_api.agreements import Library
from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.hostile import files
from tests.jobs import follow, wait_for_page

# Settings for the suite: small enough that the limits are reached by small generated files.
MAX_UPLOAD_MB = 5
MAX_PAGES = 50
TIME_LIMIT_S = 30.0


@dataclass(frozen=True)
class Refused:
    status: int
    code: str
    says: str  # part of the message that tells the user what happened


@dataclass(frozen=True)
class Read:
    """A graceful extraction: stored, with this in its title."""

    title: str = "PERJANJIAN KERJA SAMA"


TOO_LARGE = "Split the file"
DAMAGED = "damaged or truncated"
UNSAFE = "naskah does not open such files"
ENTITIES = "declares a DOCTYPE or XML entities"
POLYGLOT = "both a PDF and a zip archive"

CASES: dict[str, tuple[files.Maker, str, Refused | Read]] = {
    # PDF
    "pdf_truncated": (
        files.pdf_truncated,
        "perjanjian.pdf",
        Refused(422, "damaged_document", DAMAGED),
    ),
    "pdf_header_only": (
        files.pdf_header_only,
        "kosong.pdf",
        Refused(422, "damaged_document", DAMAGED),
    ),
    "pdf_broken_xref": (files.pdf_broken_xref, "xref.pdf", Read()),
    "pdf_page_tree_loop": (
        files.pdf_page_tree_loop,
        "loop.pdf",
        Refused(422, "damaged_document", "cyclic page references"),
    ),
    "pdf_parent_loop": (
        files.pdf_parent_loop,
        "parent.pdf",
        Refused(422, "damaged_document", "cyclic page references"),
    ),
    "pdf_self_referencing_object": (files.pdf_self_referencing_object, "self.pdf", Read()),
    "pdf_huge_declared_length": (
        files.pdf_huge_declared_length,
        "length.pdf",
        Refused(413, "document_too_large", "Declared stream length"),
    ),
    "pdf_deep_nested_arrays": (
        files.pdf_deep_nested_arrays,
        "arrays.pdf",
        Refused(422, "damaged_document", DAMAGED),
    ),
    "pdf_deep_nested_dictionaries": (files.pdf_deep_nested_dictionaries, "dicts.pdf", Read()),
    "pdf_deep_graphics_nesting": (files.pdf_deep_graphics_nesting, "q.pdf", Read()),
    "pdf_claims_a_billion_pages": (files.pdf_claims_a_billion_pages, "milyar.pdf", Read()),
    "pdf_too_many_pages": (
        files.pdf_too_many_pages,
        "tebal.pdf",
        Refused(413, "document_too_large", f"more than the {MAX_PAGES} naskah reads"),
    ),
    "pdf_flate_bomb": (
        files.pdf_flate_bomb,
        "bom.pdf",
        Refused(413, "document_too_large", "safety limit of the PDF reader"),
    ),
    "pdf_encrypted": (
        files.pdf_encrypted,
        "rahasia.pdf",
        Refused(422, "encrypted_document", "password-protected"),
    ),
    "pdf_image_only_blank": (
        files.pdf_image_only,
        "pindaian.pdf",
        Refused(422, "empty_document", "OCR found no text"),
    ),
    "pdf_with_javascript": (files.pdf_with_javascript, "js.pdf", Read()),
    "pdf_with_zip_appended": (
        files.pdf_with_zip_appended,
        "poliglot.pdf",
        Refused(422, "unsafe_document", POLYGLOT),
    ),
    "zip_starting_with_pdf_header": (
        files.zip_starting_with_pdf_header,
        "poliglot.docx",
        Refused(422, "unsafe_document", POLYGLOT),
    ),
    "docx_with_pdf_header_entry": (
        files.docx_with_pdf_header_entry,
        "poliglot2.docx",
        Refused(422, "unsafe_document", POLYGLOT),
    ),
    # Word zips
    "docx_truncated": (
        files.docx_truncated,
        "terpotong.docx",
        Refused(422, "damaged_document", DAMAGED),
    ),
    "zip_bomb_flat": (
        files.zip_bomb_flat,
        "bom.docx",
        Refused(413, "document_too_large", "unpacks to 300 MB"),
    ),
    "zip_bomb_lying_sizes": (
        files.zip_bomb_lying_sizes,
        "bohong.docx",
        Refused(422, "damaged_document", "Bad CRC-32"),
    ),
    # the nested zips are one opaque part: never unpacked, the agreement itself reads fine
    "zip_bomb_nested_in_docx": (files.zip_bomb_nested, "bersarang.docx", Read()),
    "zip_of_zips": (
        files.zip_of_zips,
        "arsip.docx",
        Refused(415, "unsupported_format", "zip archive, not a Word document"),
    ),
    "docx_too_many_parts": (
        files.docx_too_many_parts,
        "banyak.docx",
        Refused(413, "document_too_large", "more than the 1,000 naskah opens"),
    ),
    "docx_duplicate_parts": (
        files.docx_duplicate_parts,
        "ganda.docx",
        Refused(422, "unsafe_document", "twice"),
    ),
    "docx_dotdot_part": (
        files.docx_dotdot_part,
        "naik.docx",
        Refused(422, "unsafe_document", "unsafe name"),
    ),
    "docx_absolute_part": (
        files.docx_absolute_part,
        "absolut.docx",
        Refused(422, "unsafe_document", "unsafe name"),
    ),
    "docx_control_character_part": (
        files.docx_control_character_part,
        "kendali.docx",
        Refused(422, "unsafe_document", "unsafe name"),
    ),
    "docx_macro_content_type": (
        files.docx_macro_content_type,
        "makro.docx",
        Refused(415, "unsupported_format", "macro-enabled"),
    ),
    "docx_vba_project": (
        files.docx_vba_project,
        "vba.docx",
        Refused(415, "unsupported_format", "macro-enabled"),
    ),
    "docx_billion_laughs": (
        files.docx_billion_laughs,
        "lol.docx",
        Refused(422, "unsafe_document", ENTITIES),
    ),
    "docx_external_entity": (
        files.docx_external_entity,
        "xxe.docx",
        Refused(422, "unsafe_document", ENTITIES),
    ),
    "docx_external_entity_utf16": (
        files.docx_external_entity_utf16,
        "xxe16.docx",
        Refused(422, "unsafe_document", ENTITIES),
    ),
    "docx_external_entity_in_rels": (
        files.docx_external_entity_in_rels,
        "xxe-rels.docx",
        Refused(422, "unsafe_document", ENTITIES),
    ),
    "docx_external_entity_in_content_types": (
        files.docx_external_entity_in_content_types,
        "xxe-types.docx",
        Refused(422, "unsafe_document", ENTITIES),
    ),
    "docx_parameter_entity_via_network": (
        files.docx_parameter_entity_via_network,
        "xxe-net.docx",
        Refused(422, "unsafe_document", ENTITIES),
    ),
    "docx_deep_nesting": (
        files.docx_deep_nesting,
        "dalam.docx",
        Refused(422, "damaged_document", "Excessive depth"),
    ),
    "docx_huge_text_node": (
        files.docx_huge_text_node,
        "panjang.docx",
        Refused(422, "damaged_document", "Text node too long"),
    ),
    "docx_100k_paragraphs": (files.docx_100k_paragraphs, "ayat.docx", Read()),
    # OLE, other formats, wrong names
    "ole_encrypted_docx": (
        files.ole_encrypted_docx,
        "rahasia.docx",
        Refused(422, "encrypted_document", "password-protected"),
    ),
    "ole_legacy_doc": (
        files.ole_legacy_doc,
        "lama.doc",
        Refused(415, "legacy_word_format", ".doc"),
    ),
    "exe_named_pdf": (
        files.windows_executable,
        "perjanjian.pdf",
        Refused(415, "unsupported_format", "not a PDF or Word document"),
    ),
    "html_named_docx": (
        files.html_page,
        "perjanjian.docx",
        Refused(415, "unsupported_format", "web page"),
    ),
    "svg_with_entity_named_png": (
        files.svg_image,
        "scan.png",
        Refused(415, "unsupported_format", "not a PDF or Word document"),
    ),
    "empty_file": (files.empty_file, "kosong.pdf", Refused(422, "empty_document", "empty")),
    "pdf_named_docx": (files.agreement_pdf, "sebenarnya-pdf.docx", Read()),
    "docx_named_pdf": (files.agreement_docx, "sebenarnya-docx.pdf", Read()),
    # images
    "png_100k_square": (
        files.png_100k_square,
        "raksasa.png",
        Refused(413, "document_too_large", "too large to read"),
    ),
    "jpeg_65k_square": (
        files.jpeg_65k_square,
        "raksasa.jpg",
        Refused(413, "document_too_large", "too large to read"),
    ),
    "png_under_pillow_bomb_limit": (
        files.png_just_under_pillow_bomb_limit,
        "besar.png",
        Refused(413, "document_too_large", "15000x10000 pixels"),
    ),
    "tiff_10k_frames": (
        files.tiff_10k_frames,
        "halaman.tiff",
        Refused(413, "document_too_large", f"more than the {MAX_PAGES} pages"),
    ),
    "tiff_ifd_loop": (
        files.tiff_ifd_loop,
        "putar.tiff",
        Refused(422, "empty_document", "OCR found no text"),
    ),
    "png_truncated": (
        files.png_truncated,
        "potong.png",
        Refused(422, "damaged_document", "truncated"),
    ),
}


def settings_for(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "max_upload_mb": MAX_UPLOAD_MB,
        "max_pages": MAX_PAGES,
        "extract_timeout_s": 20.0,
        "log_level": "WARNING",
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    data_dir = tmp_path_factory.mktemp("hostile")
    with signed_in_client(settings_for(data_dir)) as client:
        yield client, data_dir


def library_of(client: TestClient) -> Library:
    library: Library = client.app.state.library  # type: ignore[attr-defined]
    return library


def stored_counts(client: TestClient, data_dir: Path) -> tuple[int, int]:
    """(agreement rows, original files on disk)."""
    rows = client.get("/api/health").json()["agreements"]
    originals = sum(1 for p in (data_dir / "files").rglob("*") if p.is_file())
    return rows, originals


def assert_no_local_file_leaked(text: str) -> None:
    for marker in files.PASSWD_MARKERS:
        assert marker not in text


# Cases whose pages are images: Tesseract reads them (found by running without tesserocr).
READ_BY_OCR = {"pdf_image_only_blank", "tiff_ifd_loop"}
# Cases that take seconds on their own (measured with --durations): a body this large is read.
SLOW = {"docx_100k_paragraphs"}


MARKS = ((pytest.mark.ocr, READ_BY_OCR), (pytest.mark.slow, SLOW))


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=[m for m, names in MARKS if c in names]) for c in sorted(CASES)],
)
def test_hostile_file_is_refused_clearly_or_read_gracefully(
    case: str, served: tuple[TestClient, Path]
) -> None:
    client, data_dir = served
    make, filename, expected = CASES[case]
    data = make()
    rows, originals = stored_counts(client, data_dir)
    rejections = len(library_of(client).rejections())

    started = time.monotonic()
    response = client.post("/api/agreements", files={"file": (filename, data)})
    assert_no_local_file_leaked(response.text)
    job = None
    if response.status_code == 202:  # a scan: a job reads it and ends as the answer would
        job = follow(client, response.json()["id"], timeout_s=TIME_LIMIT_S)[-1]
        assert_no_local_file_leaked(str(job))
    elapsed = time.monotonic() - started

    assert elapsed < TIME_LIMIT_S, f"{case} took {elapsed:.1f}s"
    assert client.get("/api/health").status_code == 200
    if isinstance(expected, Refused):
        if job is not None:
            assert job["state"] == "failed", job
            error = {"code": job["code"], "message": job["message"]}
        else:
            assert response.status_code == expected.status, response.text
            error = response.json()["error"]
        assert error["code"] == expected.code
        assert error["message"].startswith(f"{filename}: ")
        assert expected.says in error["message"]
        assert stored_counts(client, data_dir) == (rows, originals)
        latest = library_of(client).rejections(1)[0]
        assert len(library_of(client).rejections()) == rejections + 1
        assert (latest.filename, latest.code, latest.size) == (filename, expected.code, len(data))
    else:
        if job is not None:
            assert job["state"] == "done", job
            body = client.get(f"/api/agreements/{job['agreement_id']}").json()
        else:
            assert response.status_code == 201, response.text
            body = response.json()
        assert expected.title in body["title"]
        assert body["source"]["filename"] == filename
        assert stored_counts(client, data_dir) == (rows + 1, originals + 1)
        assert_no_local_file_leaked(client.get(f"/api/agreements/{body['id']}").text)


def test_the_suite_has_at_least_thirty_generated_files() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\perjanjian.pdf", "perjanjian.pdf"),
        ("perjanjian\x01\x1b[31m\x7f\t.pdf", "perjanjian[31m.pdf"),
        ("\u202eperjanjian\u200b.pdf", "perjanjian.pdf"),
        ("..", "upload"),
        ("a" * 600 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_upload_name_is_kept_without_paths_or_control_characters(
    sent: str, kept: str, served: tuple[TestClient, Path]
) -> None:
    client, data_dir = served
    response = post_raw_name(client, sent, files.agreement_pdf(marker=sent[-40:]))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["source"]["filename"] == kept
    # the original lives under its sha256 in the files folder, whatever the name said
    stored = data_dir / "files" / body["source"]["sha256"][:2] / body["source"]["sha256"][2:4]
    assert (stored / body["source"]["sha256"]).is_file()
    assert not (data_dir.parent / "etc").exists()

    download = client.get(f"/api/agreements/{body['id']}/file")
    assert download.status_code == 200
    disposition = download.headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''" in disposition
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in download.headers["content-security-policy"]
    assert "set-cookie" not in download.headers


def post_raw_name(client: TestClient, filename: str, data: bytes) -> httpx.Response:
    """POST a multipart body written by hand: httpx would percent-encode control characters
    in the name, and a hostile client does not."""
    body = (
        b'--naskah\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename.encode()
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + data
        + b"\r\n--naskah--\r\n"
    )
    return client.post(
        "/api/agreements",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=naskah"},
    )


def test_upload_over_the_size_limit_is_refused_before_the_body_is_read(
    served: tuple[TestClient, Path],
) -> None:
    client, data_dir = served
    rows, originals = stored_counts(client, data_dir)
    data = files.agreement_pdf() + bytes((MAX_UPLOAD_MB + 1) * 1024 * 1024)
    response = client.post("/api/agreements", files={"file": ("besar.pdf", data)})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "file_too_large"
    assert f"larger than {MAX_UPLOAD_MB} MB" in error["message"]
    assert "NASKAH_MAX_UPLOAD_MB" in error["message"]
    assert stored_counts(client, data_dir) == (rows, originals)
    assert client.get("/api/health").status_code == 200


def test_text_past_the_character_cap_is_refused(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, max_chars=5_000)
    with signed_in_client(settings) as client:
        data = files.agreement_docx(extra_paragraphs=["Ayat yang panjang sekali."] * 400)
        response = client.post("/api/agreements", files={"file": ("panjang.docx", data)})
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "document_too_large"
        assert "more than the 5,000 naskah reads" in response.json()["error"]["message"]
        assert stored_counts(client, tmp_path) == (0, 0)


def _scan(page_count: int = 20) -> bytes:
    """A TIFF of text pages: OCR takes seconds (several pages per worker core)."""
    from PIL import Image, ImageDraw

    pages = []
    for number in range(1, page_count + 1):
        page = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(page)
        for row in range(30):
            draw.text((100, 100 + row * 50), f"Pasal {number}.{row} Para pihak sepakat", fill=0)
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(
        out,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="tiff_adobe_deflate",
    )
    return out.getvalue()


@pytest.mark.ocr
def test_a_file_past_the_wall_clock_limit_is_refused_and_its_worker_replaced(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path, extract_timeout_s=1.0, ocr_page_timeout_s=0.01)
    scan = _scan()
    with signed_in_client(settings) as client:
        started = time.monotonic()
        response = client.post("/api/agreements", files={"file": ("lambat.tiff", scan)})
        assert response.status_code == 202, response.text  # a scan: a job reads it
        job = follow(client, response.json()["id"])[-1]
        assert time.monotonic() - started < 10
        assert job["state"] == "failed", job
        assert job["attempts"] == 3  # a timeout is tried again, up to NASKAH_JOB_ATTEMPTS
        error = {"code": job["code"], "message": job["message"]}
        assert error["code"] == "extraction_timeout"
        assert error["message"].startswith("lambat.tiff: reading stopped after 1 s")
        assert "split it and upload the parts" in error["message"]
        assert stored_counts(client, tmp_path) == (0, 0)
        # the next file gets a fresh worker
        ok = client.post("/api/agreements", files={"file": ("baik.docx", files.agreement_docx())})
        assert ok.status_code == 201, ok.text


@pytest.mark.slow
def test_a_file_past_the_memory_cap_is_refused(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, extract_memory_mb=256)
    with signed_in_client(settings) as client:
        # 72 million RGB pixels decode to 216 MB: under the page cap, over the memory cap
        data = files.png_declaring(8_000, 9_000, rows=9_000, channels=3)
        response = client.post("/api/agreements", files={"file": ("berat.png", data)})
        assert response.status_code == 413, response.text
        error = response.json()["error"]
        assert error["code"] == "extraction_out_of_memory"
        assert "more than 256 MB of memory" in error["message"]
        assert stored_counts(client, tmp_path) == (0, 0)
        ok = client.post("/api/agreements", files={"file": ("baik.docx", files.agreement_docx())})
        assert ok.status_code == 201, ok.text


def _workers() -> list[psutil.Process]:
    """Extraction workers: grandchildren of this process, through the forkserver."""
    return [
        child for child in psutil.Process().children(recursive=True) if child.ppid() != os.getpid()
    ]


@pytest.mark.ocr
def test_a_worker_killed_mid_file_is_a_clear_refusal_and_is_replaced(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, extract_timeout_s=60.0, job_attempts=1)
    scan = _scan()
    with signed_in_client(settings) as client:
        response = client.post("/api/agreements", files={"file": ("pindai.tiff", scan)})
        assert response.status_code == 202, response.text  # a scan: a job reads it
        wait_for_page(client, response.json()["id"], 1)  # the worker is reading
        for worker in _workers():
            os.kill(worker.pid, signal.SIGSEGV)
        job = follow(client, response.json()["id"])[-1]
        assert job["state"] == "failed", job
        error = {"code": job["code"], "message": job["message"]}
        assert error["code"] == "extraction_crashed"
        assert "SIGSEGV" in error["message"]
        assert stored_counts(client, tmp_path) == (0, 0)
        # both workers died (one idle): both are replaced
        for name in ("a.docx", "b.docx"):
            data = files.agreement_docx(marker=name)
            ok = client.post("/api/agreements", files={"file": (name, data)})
            assert ok.status_code == 201, ok.text


@pytest.mark.ocr
def test_a_job_whose_worker_is_killed_is_read_again_by_a_fresh_worker(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, extract_timeout_s=60.0, job_attempts=2)
    scan = _scan(6)
    with signed_in_client(settings) as client:
        response = client.post("/api/agreements", files={"file": ("pindai.tiff", scan)})
        assert response.status_code == 202, response.text
        wait_for_page(client, response.json()["id"], 1)
        for worker in _workers():
            os.kill(worker.pid, signal.SIGSEGV)
        job = follow(client, response.json()["id"])[-1]
        assert (job["state"], job["attempts"], job["page"], job["pages"]) == ("done", 2, 6, 6)
        assert stored_counts(client, tmp_path) == (1, 1)
