"""Hostile files, generated (never committed): each a function returning the bytes to upload.

Built by hand where a library would refuse to write them: raw PDF objects with our own
xref, zips with chosen names and sizes, image headers that declare absurd sizes.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable

import docx
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

AGREEMENT_LINES = (
    "PERJANJIAN KERJA SAMA",
    "ANTARA",
    "PEMERINTAH KABUPATEN CONTOH",
    "DENGAN",
    "UNIVERSITAS CONTOH",
    "NOMOR: 12/PKS/2024",
    "Pasal 1",
    "RUANG LINGKUP",
    "Para pihak sepakat bekerja sama dalam bidang pendidikan dan pelatihan.",
    "Pasal 2",
    "JANGKA WAKTU",
    "Perjanjian ini berlaku selama 3 (tiga) tahun sejak ditandatangani.",
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PASSWD_MARKERS = ("root:x:0:0", "/bin/bash", "/usr/sbin/nologin", "daemon:x:")


# -- valid documents ------------------------------------------------------------------------


def agreement_docx(marker: str = "", *, extra_paragraphs: Iterable[str] = ()) -> bytes:
    document = docx.Document()
    for line in AGREEMENT_LINES:
        document.add_paragraph(line)
    if marker:
        document.add_paragraph(f"Kode arsip {marker}.")
    for line in extra_paragraphs:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def agreement_pdf(marker: str = "", pages: int = 1) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    for _ in range(pages):
        text = canvas.beginText(72, A4[1] - 72)
        for line in (*AGREEMENT_LINES, f"Kode arsip {marker}." if marker else ""):
            text.textLine(line)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def docx_entries(data: bytes | None = None) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data or agreement_docx())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_of(entries: Iterable[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, content)
    return out.getvalue()


def docx_with(**replaced: bytes) -> bytes:
    """The agreement .docx with some parts replaced ('word/document.xml' as word__document_xml)."""
    entries = docx_entries()
    for key, value in replaced.items():
        entries[key.replace("__", "/").replace("_xml", ".xml").replace("_rels", ".rels")] = value
    return zip_of(entries.items())


def document_xml(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


# -- PDFs built object by object ------------------------------------------------------------


def raw_pdf(objects: list[bytes], *, root: int = 1, startxref: int | None = None) -> bytes:
    """A PDF of `objects` (numbered from 1) with a correct xref unless `startxref` is given."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), extra, content)


TEXT_CONTENT = b"BT /F1 12 Tf 72 720 Td (PERJANJIAN KERJA SAMA Pasal 1 RUANG LINGKUP) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def simple_pdf_objects(content: bytes = TEXT_CONTENT, pages_extra: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 %s>>" % pages_extra,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        FONT,
    ]


def pdf_truncated() -> bytes:
    data = agreement_pdf("terpotong")
    return data[: len(data) // 3]


def pdf_header_only() -> bytes:
    return b"%PDF-1.7\n"


def pdf_broken_xref() -> bytes:
    # startxref points into the middle of an object: readers must rebuild or refuse
    return raw_pdf(simple_pdf_objects(), startxref=40)


def pdf_page_tree_loop() -> bytes:
    objects = simple_pdf_objects()
    objects[1] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"  # Pages lists itself
    return raw_pdf(objects)


def pdf_parent_loop() -> bytes:
    objects = simple_pdf_objects()
    objects.append(b"<< /Type /Pages /Kids [7 0 R] /Count 1 /Parent 7 0 R >>")  # 6
    objects.append(b"<< /Type /Pages /Kids [6 0 R] /Count 1 /Parent 6 0 R >>")  # 7
    objects[1] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
    return raw_pdf(objects)


def pdf_self_referencing_object() -> bytes:
    objects = simple_pdf_objects()
    objects[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Loop 5 0 R >>"
    objects.append(b"[6 0 R 6 0 R]")  # an array that contains itself
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>"
    return raw_pdf(objects)


def pdf_huge_declared_length() -> bytes:
    objects = simple_pdf_objects()
    objects[3] = b"<< /Length 999999999999 >>\nstream\n%s\nendstream" % TEXT_CONTENT
    return raw_pdf(objects)


def pdf_deep_nested_arrays() -> bytes:
    depth = 100_000
    objects = simple_pdf_objects()
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * depth + b"]" * depth + b" >>"
    return raw_pdf(objects)


def pdf_deep_nested_dictionaries() -> bytes:
    depth = 50_000
    objects = simple_pdf_objects()
    objects[2] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Deep "
        + b"<< /A " * depth
        + b"1"
        + b" >>" * depth
        + b" >>"
    )
    return raw_pdf(objects)


def pdf_deep_graphics_nesting() -> bytes:
    content = b"q " * 100_000 + TEXT_CONTENT + b" Q" * 100_000
    return raw_pdf(simple_pdf_objects(content))


def pdf_claims_a_billion_pages() -> bytes:
    objects = simple_pdf_objects()
    objects[1] = b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>"
    return raw_pdf(objects)


def pdf_too_many_pages() -> bytes:
    """Real pages past NASKAH_MAX_PAGES (the suite sets 50): a tree of shared blank pages."""
    kids = b" ".join(b"3 0 R" for _ in range(60))
    objects = simple_pdf_objects()
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count 60 >>" % kids
    return raw_pdf(objects)


def pdf_flate_bomb() -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b"(x) Tj " * 10_000
    body = b"".join(compressor.compress(chunk) for _ in range(1_500)) + compressor.flush()
    objects = simple_pdf_objects()
    objects[3] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(body),
        body,
    )
    return raw_pdf(objects)


def pdf_encrypted() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(agreement_pdf("rahasia"))))
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_image_only() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    canvas.drawInlineImage(Image.new("L", (200, 280), 255), 0, 0, width=A4[0], height=A4[1])
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    objects = simple_pdf_objects()
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>"
    objects.append(b"<< /S /JavaScript /JS (app.alert('x')) >>")
    return raw_pdf(objects)


def pdf_with_zip_appended() -> bytes:
    return agreement_pdf("polyglot") + zip_of([("payload.txt", b"hidden")])


def zip_starting_with_pdf_header() -> bytes:
    return b"%PDF-1.7\n" + zip_of([("word/document.xml", document_xml(""))])


def docx_with_pdf_header_entry() -> bytes:
    # a zip whose first bytes hold "%PDF-": stored (uncompressed) first entry named like one
    entries = [("%PDF-1.7.xml", b"%PDF-1.7 x"), *docx_entries().items()]
    return zip_of(entries, method=zipfile.ZIP_STORED)


# -- Word zips --------------------------------------------------------------------------------


def docx_truncated() -> bytes:
    data = agreement_docx("terpotong")
    return data[: len(data) // 2]


def zip_bomb_flat() -> bytes:
    """One part inflating to 300 MB of zeros (about 300 KB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in docx_entries().items():
            archive.writestr(name, content)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as part:
            block = bytes(1024 * 1024)
            for _ in range(300):
                part.write(block)
    return out.getvalue()


def zip_bomb_lying_sizes() -> bytes:
    """A part that declares 1 KB but inflates to 50 MB: the central directory lies."""
    entries = docx_entries()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        archive.writestr("word/media/zeros.bin", bytes(50 * 1024 * 1024))
    data = bytearray(out.getvalue())
    _patch_sizes(data, b"word/media/zeros.bin", 1024)
    return bytes(data)


def _patch_sizes(data: bytearray, name: bytes, size: int) -> None:
    """Set the uncompressed size of `name` in its local header and central directory."""
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        position = data.find(signature)
        while position >= 0:
            length = struct.unpack_from(
                "<H", data, position + (26 if signature == b"PK\x03\x04" else 28)
            )[0]
            if data[position + name_offset : position + name_offset + length] == name:
                struct.pack_into("<I", data, position + size_offset, size)
            position = data.find(signature, position + 4)


def zip_bomb_nested() -> bytes:
    """A .docx carrying a zip of zips of zips (16 x 16 x 16 copies of 10 MB of zeros)."""
    inner = zip_of([("zeros.bin", bytes(10 * 1024 * 1024))])
    for _ in range(3):
        inner = zip_of((f"{i}.zip", inner) for i in range(16))
    return zip_of([*docx_entries().items(), ("word/embeddings/bomb.zip", inner)])


def zip_of_zips() -> bytes:
    inner = zip_of([("zeros.bin", bytes(1024 * 1024))])
    return zip_of((f"{i}.zip", inner) for i in range(16))


def docx_too_many_parts() -> bytes:
    return zip_of([*docx_entries().items(), *((f"word/x{i}.xml", b"<x/>") for i in range(5000))])


def docx_duplicate_parts() -> bytes:
    evil = document_xml("<w:p><w:r><w:t>Isi palsu</w:t></w:r></w:p>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in docx_entries().items():
            archive.writestr(name, content)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
            archive.writestr("word/document.xml", evil)
    return out.getvalue()


def docx_dotdot_part() -> bytes:
    return zip_of([*docx_entries().items(), ("../../../../tmp/naskah-evil.txt", b"x")])


def docx_absolute_part() -> bytes:
    return zip_of([*docx_entries().items(), ("/tmp/naskah-evil.txt", b"x")])


def docx_control_character_part() -> bytes:
    # a NUL would be cut by zipfile itself; a newline is kept in the name
    return zip_of([*docx_entries().items(), ("word/evil\n.xml", b"<x/>")])


def docx_macro_content_type() -> bytes:
    entries = docx_entries()
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    return zip_of(entries.items())


def docx_vba_project() -> bytes:
    return zip_of([*docx_entries().items(), ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")])


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
    + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


def docx_billion_laughs() -> bytes:
    return docx_with(word__document_xml=BILLION_LAUGHS.encode())


def _xxe(path: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE w:document [ <!ENTITY xxe SYSTEM "file://{path}"> ]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>PERJANJIAN KERJA SAMA Pasal 1</w:t></w:r></w:p></w:body></w:document>"
    )


def docx_external_entity() -> bytes:
    return docx_with(word__document_xml=_xxe("/etc/passwd").encode())


def docx_external_entity_utf16() -> bytes:
    text = _xxe("/etc/passwd").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    return docx_with(word__document_xml=text.encode("utf-16"))


def docx_external_entity_in_rels() -> bytes:
    rels = (
        '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>&xxe;</Relationships>'
    )
    return _with_part("_rels/.rels", rels.encode())


def docx_external_entity_in_content_types() -> bytes:
    entries = docx_entries()
    types = entries["[Content_Types].xml"].decode()
    types = types.replace(
        "<Types", '<!DOCTYPE t [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<Types', 1
    )
    return _with_part("[Content_Types].xml", types.encode())


def docx_parameter_entity_via_network() -> bytes:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE d [ <!ENTITY % ext SYSTEM "http://127.0.0.1:9/x.dtd"> %ext; ]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Pasal 1</w:t></w:r></w:p></w:body></w:document>'
    )
    return docx_with(word__document_xml=text.encode())


def _with_part(name: str, content: bytes) -> bytes:
    entries = docx_entries()
    entries[name] = content
    return zip_of(entries.items())


def docx_deep_nesting() -> bytes:
    depth = 100_000
    body = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    return docx_with(word__document_xml=document_xml(body))


def docx_100k_paragraphs() -> bytes:
    paragraphs = "".join(
        f"<w:p><w:r><w:t>Ayat {i} berlaku.</w:t></w:r></w:p>" for i in range(100_000)
    )
    head = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in AGREEMENT_LINES)
    return docx_with(word__document_xml=document_xml(head + paragraphs))


def docx_huge_text_node() -> bytes:
    """One 20-million-character run: past libxml2's 10 MB text node limit (no huge_tree)."""
    return docx_with(
        word__document_xml=document_xml(f"<w:p><w:r><w:t>{'a' * 20_000_000}</w:t></w:r></w:p>")
    )


# -- OLE, other formats, names ----------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_encrypted_docx() -> bytes:
    return OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)


def ole_legacy_doc() -> bytes:
    return OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(64)


def windows_executable() -> bytes:
    return b"MZ\x90\x00" + bytes(60) + b"This program cannot be run in DOS mode." + bytes(200)


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script>PERJANJIAN</body></html>"


def svg_image() -> bytes:
    return (
        b'<?xml version="1.0"?><!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>'
    )


def empty_file() -> bytes:
    return b""


# -- images -----------------------------------------------------------------------------------


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def png_declaring(width: int, height: int, rows: int = 0, channels: int = 1) -> bytes:
    """A PNG (gray, or RGB with 3 channels) claiming width x height, with `rows` rows of data."""
    color_type = {1: 0, 3: 2}[channels]
    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes(width * channels)
    data = b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def png_100k_square() -> bytes:
    return png_declaring(100_000, 100_000)


def png_just_under_pillow_bomb_limit() -> bytes:
    """150 million pixels: Pillow only warns, our page cap must refuse before decoding."""
    return png_declaring(15_000, 10_000, rows=10_000)


def jpeg_declaring(width: int, height: int) -> bytes:
    """A baseline JPEG header (SOI, DQT, SOF0, DHT, SOS) claiming width x height, no data."""
    quant = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    dht = b"\xff\xc4" + struct.pack(">H", 3 + 16 + 1) + b"\x00" + b"\x01" + bytes(15) + b"\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + quant + sof + dht + sos + bytes(64) + b"\xff\xd9"


def jpeg_65k_square() -> bytes:
    return jpeg_declaring(65_000, 65_000)


def tiff_frames(count: int) -> bytes:
    """A little-endian TIFF of `count` 1x1 grayscale frames sharing one pixel (written by
    hand: Pillow takes minutes to append ten thousand frames)."""
    pixel_offset = 8
    first_ifd = 10
    entries = 8
    ifd_size = 2 + 12 * entries + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", first_ifd) + b"\xff\x00")
    for index in range(count):
        here = first_ifd + index * ifd_size
        following = here + ifd_size if index + 1 < count else 0
        out += struct.pack("<H", entries)
        for tag, kind, value in (
            (256, 3, 1),  # ImageWidth
            (257, 3, 1),  # ImageLength
            (258, 3, 8),  # BitsPerSample
            (259, 3, 1),  # Compression: none
            (262, 3, 1),  # PhotometricInterpretation: black is zero
            (273, 4, pixel_offset),  # StripOffsets
            (278, 3, 1),  # RowsPerStrip
            (279, 4, 1),  # StripByteCounts
        ):
            out += struct.pack("<HHII", tag, kind, 1, value)
        out += struct.pack("<I", following)
    return bytes(out)


def tiff_10k_frames() -> bytes:
    return tiff_frames(10_000)


def tiff_ifd_loop() -> bytes:
    """A two-frame TIFF whose second IFD points back at the first."""
    out = io.BytesIO()
    Image.new("L", (1, 1), 255).save(
        out, format="TIFF", save_all=True, append_images=[Image.new("L", (1, 1), 0)]
    )
    data = bytearray(out.getvalue())
    first = struct.unpack_from("<I", data, 4)[0]
    entries = struct.unpack_from("<H", data, first)[0]
    second = struct.unpack_from("<I", data, first + 2 + 12 * entries)[0]
    entries2 = struct.unpack_from("<H", data, second)[0]
    struct.pack_into("<I", data, second + 2 + 12 * entries2, first)
    return bytes(data)


def png_truncated() -> bytes:
    out = io.BytesIO()
    Image.new("L", (400, 400), 128).save(out, format="PNG")
    return out.getvalue()[:200]


Maker = Callable[[], bytes]
