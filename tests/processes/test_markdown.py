"""The one Markdown function: rendering, sanitising, size limit, citation links."""

import html as html_module
import re
from html.parser import HTMLParser

import pytest

from core.markdown import MAX_MARKDOWN_BYTES, MarkdownTooLarge
from law.markdown import render
from tests.factories import LawFactory, NormFactory, StepFactory


def render_html(text, **options):
    return render(text, **options).html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<style>body{display:none}</style>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">klick</a>',
    "<div onmouseover=alert(1)>hover</div>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)><circle r=5></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<math href="javascript:alert(1)">x</math>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](  javascript:alert(1))",
    "[klick](java\tscript:alert(1))",
    "[klick](&#106;avascript:alert(1))",
    "[klick](&#x6A;avascript&#x3A;alert(1))",
    "[klick](javascript&colon;alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klick](vbscript:msgbox(1))",
    "![bild](javascript:alert(1))",
    '![bild](x" onerror="alert(1))',
    "![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[klick][ref]\n\n[ref]: javascript:alert(1)",
    '[klick][ref]\n\n[ref]: http://example.org "titel" onmouseover="alert(1)',
    "<javascript:alert(1)>",
    "<a href=\"javascript&#58;alert(1)\">x</a>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<x style=\"background:url(javascript:alert(1))\">",
    "**fett**<img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
]

SAFE_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "abbr", "del", "sup", "sub",
}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


class TagCollector(HTMLParser):
    """The real elements and attributes of an HTML string (text that merely looks like a tag is ignored)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    collector = TagCollector()
    collector.feed(html)
    problems = []
    for tag, attrs in collector.elements:
        if tag not in SAFE_TAGS:
            problems.append(f"tag {tag}")
        for name, value in attrs.items():
            if name.startswith("on") or name in {"style", "src", "srcset", "action", "formaction", "xlink:href"}:
                problems.append(f"attribute {name}")
            if name == "href":
                target = re.sub(r"[\x00-\x20]", "", value or "").lower()
                if ":" in target.split("/")[0] and not target.startswith(SAFE_SCHEMES):
                    problems.append(f"href {value}")
    return problems


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_executable_content_survives(payload, db):
    html = render_html(payload)
    assert executable_parts(html) == [], html


def test_allowed_markup_renders():
    html = render_html(
        "## Zweck\n\n**fett** und *kursiv*\n\n- eins\n- zwei\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "```\ncode\n```\n\n[BAMF](https://www.bamf.de) und [intern](/prozesse/) und <mailto:a@example.org>",
        link_citations=False,
    )
    assert '<h2 id="abschnitt-zweck">Zweck</h2>' in html
    assert "<strong>fett</strong>" in html and "<em>kursiv</em>" in html
    assert "<li>zwei</li>" in html
    assert "<table>" in html and "<td>2</td>" in html
    assert "<pre><code>code" in html
    assert '<a href="https://www.bamf.de">BAMF</a>' in html
    assert '<a href="/prozesse/">intern</a>' in html
    assert 'href="mailto:a@example.org"' in html_module.unescape(html)


def test_raw_html_is_shown_as_text_not_executed():
    html = render_html("Vorsicht <b>fett</b>", link_citations=False)
    assert "&lt;b&gt;fett&lt;/b&gt;" in html


def test_size_limit():
    render_html("a" * MAX_MARKDOWN_BYTES, link_citations=False)
    with pytest.raises(MarkdownTooLarge, match="höchstens 200 KB"):
        render_html("ä" * (MAX_MARKDOWN_BYTES // 2 + 1), link_citations=False)


@pytest.mark.django_db
def test_citations_link_to_norm_pages_but_not_in_code_or_for_unknown_laws():
    LawFactory()
    LawFactory(key="gg", abbreviation="GG", title="Grundgesetz", gii_slug="gg", cites_articles=True)
    rendered = render(
        "Nach § 81 Abs. 4 AufenthG und §§ 18a, 18b AufenthG, Art. 6 GG, § 1 XYZG.\n\n`§ 60a AufenthG`\n\n"
        "    § 25 AufenthG\n\n[schon ein Link § 5 AufenthG](https://example.org)"
    )
    html = rendered.html
    assert '<a class="citation" href="/recht/aufenthg/81/" title="§ 81 Abs. 4 AufenthG">§ 81 Abs. 4 AufenthG</a>' in html
    assert '>18a</a>, <a class="citation" href="/recht/aufenthg/18b/"' in html
    assert 'href="/recht/gg/6/" title="Art. 6 GG"' in html
    assert "§ 1 XYZG" in html and "/xyzg/" not in html
    assert "<code>§ 60a AufenthG</code>" in html
    assert "<code>§ 25 AufenthG\n</code>" in html
    assert '<a href="https://example.org">schon ein Link § 5 AufenthG</a>' in html
    assert rendered.cited_numbers() == {("AufenthG", "81"), ("AufenthG", "18a"), ("AufenthG", "18b"), ("GG", "6")}


@pytest.mark.django_db
def test_step_descriptions_link_citations_and_norm_pages_list_the_step(reader_client):
    norm = NormFactory(law=LawFactory(), number="81")
    step = StepFactory(
        description="Fortgeltung nach § 81 Abs. 4 Satz 1 AufenthG prüfen; Ausnahmen in § 81 Abs. 4 Satz 3 AufenthG."
    )
    assert 'href="/recht/aufenthg/81/"' in step.description_html
    assert list(step.text_citations.all()) == [norm]
    page = reader_client.get("/recht/aufenthg/81/").content.decode()
    assert f'href="{step.get_absolute_url()}"' in page
    assert "in der Beschreibung" in page


@pytest.mark.django_db
def test_citing_an_uncited_paragraph_creates_its_norm(reader_client):
    LawFactory()
    StepFactory(description="Siehe § 18g AufenthG.")
    assert reader_client.get("/recht/aufenthg/18g/").status_code == 200


def test_the_checker_itself_notices_executable_html():
    assert executable_parts("<img src=x onerror=alert(1)>") == ["tag img", "attribute src", "attribute onerror"]
    assert executable_parts('<a href="java&#x09;script:alert(1)">x</a>') == ["href java\tscript:alert(1)"]
    assert executable_parts("<p>&lt;script&gt;</p>") == []
