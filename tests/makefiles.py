"""Small files of every format graphkit reads, made by the tests themselves."""

from __future__ import annotations

import io
from pathlib import Path


def pdf_bytes(pages: list[list[str]], title: str = "") -> bytes:
    """A minimal PDF with a text layer: each page holds its lines (Helvetica, ASCII);
    a page with no lines has no text at all (as a scanned page)."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    font = 3 + 2 * len(pages)
    for number, lines in enumerate(pages):
        content = 4 + 2 * number
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       f"<< /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode())
        ops = "".join(f"BT /F1 12 Tf 50 {800 - 20 * i} Td ({_escape(line)}) Tj ET\n"
                      for i, line in enumerate(lines))
        stream = ops.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = len(objects) + 1
    objects.append(f"<< /Title ({_escape(title)}) >>".encode("latin-1"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, info, xref))
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def docx_bytes(paragraphs: list[str], title: str = "", table: list[list[str]] | None = None
               ) -> bytes:
    """A .docx made with python-docx: an optional Title paragraph, paragraphs, a table."""
    import docx

    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def news_page(title: str, paragraphs: list[str], site: str = "Warta Contoh",
              url: str = "https://warta.example/berita/1", date: str = "2024-06-27",
              charset: str = "utf-8") -> str:
    """A saved news page with site chrome: navigation, related links, footer, script."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="{charset}"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<link rel="canonical" href="{url}">
<meta property="article:published_time" content="{date}T10:00:00+07:00">
<style>body {{ font-family: Arial; }}</style></head>
<body><header><nav><a href="/">Beranda</a> <a href="/politik">Politik</a>
<a href="/read/6">Raffi Ahmad</a> <a href="/read/7">Nagita Slavina</a></nav></header>
<main><article><h1>{title}</h1>{body}</article></main>
<aside><h3>Berita Terkait</h3><ul><li><a href="/read/8">Raffi Ahmad dan Nagita Slavina
liburan ke Bali</a></li><li><a href="/read/9">Deddy Corbuzier buka suara</a></li></ul></aside>
<footer><p>Hak cipta Warta Contoh Media Group. Redaksi: Jalan Palmerah Selatan.</p></footer>
<script>window.dataLayer = [{{"author": "Ayu Ting Ting"}}];</script>
</body></html>"""


def feed_xml(items: list[tuple[str, str, str, str]], title: str = "Warta Contoh") -> str:
    """An RSS 2.0 feed: (title, link, RFC 822 date, HTML description) per item."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
                      f"<description><![CDATA[{html}]]></description></item>"
                      for t, link, d, html in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>https://warta.example/</link>{entries}</channel></rss>")


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = folder / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return folder


def odt_bytes(paragraphs: list[str], title: str = "") -> bytes:
    """A minimal OpenDocument text file: a heading and paragraphs (one with `text:s`)."""
    import zipfile

    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
               f'<office:body><office:text><text:h text:outline-level="1">Berita</text:h>'
               f"{body}</office:text></office:body></office:document-content>")
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
            f"<dc:title>{title}</dc:title></office:meta></office:document-meta>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
    return buffer.getvalue()


def mhtml_bytes(html: str, location: str) -> bytes:
    """A page saved as MHTML (as Chrome writes it): the HTML part quoted-printable."""
    import quopri

    part = quopri.encodestring(html.encode("utf-8")).decode("ascii")
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: " + location + "\r\n"
            "Subject: page\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
            '\ttype="text/html";\r\n\tboundary="----B"\r\n\r\n------B\r\n'
            "Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {location}\r\n\r\n{part}\r\n------B--\r\n").encode("ascii")
