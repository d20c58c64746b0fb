"""Small valid PDFs for tests: `pdf_bytes`, a minimal PDF 1.4 writer (one page per 45 lines,
Helvetica, Windows-1252), so the tests need no PDF library."""


def _pdf_text(value: str) -> bytes:
    encoded = value.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small valid PDF with a title and lines of text."""
    pages, chunk = [], []
    for line in [title, "", *lines]:
        chunk.append(line)
        if len(chunk) == 45:
            pages.append(chunk)
            chunk = []
    if chunk:
        pages.append(chunk)
    objects: list[bytes] = []
    font_id = 3
    page_ids = []
    contents = []
    for page_lines in pages:
        stream = [b"BT /F1 11 Tf 56 790 Td 14 TL"]
        for index, line in enumerate(page_lines):
            size = b"/F1 15 Tf " if index == 0 and page_lines is pages[0] else b"/F1 11 Tf "
            stream.append(size + b"(" + _pdf_text(line) + b") Tj T*")
        stream.append(b"ET")
        contents.append(b"\n".join(stream))
    # 1 catalog, 2 pages, 3 font, then per page: page object and content stream
    next_id = 4
    for _ in pages:
        page_ids.append(next_id)
        next_id += 2
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(f"{pid} 0 R".encode() for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(len(pages)).encode() + b" >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for pid, content in zip(page_ids, contents, strict=True):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {pid + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
