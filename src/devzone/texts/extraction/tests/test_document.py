"""Loading uploads: plain text, HTML and PDF, and where the publication date comes from."""

from __future__ import annotations

from datetime import date

import pytest

from devzone.texts.extraction import (
    PUBLISHED_NONE,
    PUBLISHED_PAGE,
    PUBLISHED_USER,
    detect_published,
    extract,
    load_document,
)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Fostering\n发布日期:2023-09-06 浏览次数:\n", date(2023, 9, 6)),
        ("Wednesday, October 11, 2023\n\nZhaoqing\n", date(2023, 10, 11)),
        ("Invest in Zhaoqing Published in Guangdong on 2023-10-11 22:41\n", date(2023, 10, 11)),
        ("金华日报 2023年9月6日\n", date(2023, 9, 6)),
        ("A page without a date\n", None),
    ],
)
def test_publication_date_is_found_on_the_page(head, expected):
    assert detect_published(head + "Body text.") == expected


def test_the_user_date_wins_and_the_source_is_recorded():
    page = load_document("发布日期:2023-09-06\nText.")
    user = load_document("发布日期:2023-09-06\nText.", published=date(2024, 1, 1))
    none = load_document("Text.")
    assert (page.published, page.published_source) == (date(2023, 9, 6), PUBLISHED_PAGE)
    assert (user.published, user.published_source) == (date(2024, 1, 1), PUBLISHED_USER)
    assert (none.published, none.published_source) == (None, PUBLISHED_NONE)


def test_language_and_title():
    assert load_document("规模以上工业增加值4745.61亿元").language == "zh"
    doc = load_document("Jinyi Accelerates Major Projects\nThe New District grew.")
    assert (doc.language, doc.title) == ("en", "Jinyi Accelerates Major Projects")


def test_html_drops_scripts_and_navigation():
    html = (
        "<html><head><script>var views = 12345;</script><style>p{}</style></head><body>"
        "<nav>Home 12 > >></nav><h1>Jinhua</h1><p>发布日期:2023-09-06</p>"
        "<p>Last year, they delivered 111,200 vehicles.</p><footer>© 2023 1 2 3</footer>"
        "</body></html>"
    )
    doc = load_document(html.encode(), content_type="text/html")
    assert "12345" not in doc.text and "Home" not in doc.text
    assert doc.published == date(2023, 9, 6)
    assert [(f.metric, f.value, f.period.label) for f in extract(doc)] == [
        ("vehicles_delivered", 111200, "2022")
    ]


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose content stream draws ``text`` (ASCII) in Helvetica."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_is_extracted():
    pytest.importorskip("pypdf")
    raw = _pdf_with_text("In 2021, there were 20,381 newly registered companies in 2021.")
    doc = load_document(raw, filename="report.pdf")
    assert [(f.metric, f.value) for f in extract(doc)] == [("new_enterprises", 20381)]


def test_a_damaged_pdf_is_reported_not_a_traceback() -> None:
    from devzone.texts.extraction import PdfUnavailable

    with pytest.raises(PdfUnavailable, match="damaged"):
        load_document(b"%PDF-1.4 garbage", filename="report.pdf")


@pytest.mark.parametrize(
    ("raw", "filename"),
    [
        ("肇庆市地区生产总值1985.6亿元，同比增长3.2%。".encode("gbk"), "zq.txt"),
        ("\ufeff肇庆市地区生产总值1985.6亿元，同比增长3.2%。".encode(), "zq.txt"),
        (
            (
                '<html><head><meta charset="gb2312"><title>肇庆</title></head>'
                "<body><p>肇庆市地区生产总值1985.6亿元，同比增长3.2%。</p></body></html>"
            ).encode("gb2312"),
            "zq.html",
        ),
    ],
    ids=["gbk text", "utf-8 with bom", "gb2312 page"],
)
def test_chinese_encodings_are_read(raw, filename):
    document = load_document(raw, filename=filename)

    assert "肇庆市地区生产总值1985.6亿元" in document.text
    assert "\ufffd" not in document.text and not document.text.startswith("\ufeff")
    assert document.language == "zh"
