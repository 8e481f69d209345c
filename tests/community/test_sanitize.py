import html
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from community.writing.sanitize import (
    ALLOWED_TAGS,
    LINK_REL,
    check_text,
    clean_input,
    render_text,
)
from tests.factories import TEMPLATE_CASES, xss_cases


class _Inspector(HTMLParser):
    """Collects what a browser would see in rendered output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"element <{tag}>")
        allowed = {"href", "rel"} if tag == "a" else set()
        for name, _value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
        if tag == "a":
            attributes = dict(attrs)
            self.links.append(attributes)
            href = attributes.get("href") or ""
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                self.problems.append(f"href {href!r}")
            if attributes.get("rel") != LINK_REL:
                self.problems.append(f"rel {attributes.get('rel')!r}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"end tag </{tag}>")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.problems.append("comment")

    def handle_decl(self, decl):
        self.problems.append("declaration")

    def handle_pi(self, data):
        self.problems.append("processing instruction")

    def unknown_decl(self, data):
        self.problems.append("CDATA or unknown declaration")


def inspect(output: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(output)
    inspector.close()
    return inspector


CORPUS = xss_cases()


def test_the_corpus_holds_several_hundred_distinct_cases():
    assert len(CORPUS) >= 500
    assert len({name for name, _text, _keep in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize(
    ("text", "keep"),
    [(text, keep) for _name, text, keep in CORPUS],
    ids=[name for name, _text, _keep in CORPUS],
)
def test_hostile_text_renders_only_allowed_markup_and_stays_readable(text, keep):
    output = render_text(text)
    inspector = inspect(output)
    assert inspector.problems == [], output[:500]
    assert "\x00" not in output
    assert "\u202e" not in output
    if keep is not None:
        assert keep in "".join(inspector.text), output[:500]


@pytest.mark.parametrize("template", TEMPLATE_CASES)
def test_template_syntax_arrives_as_written(template):
    output = render_text(template)
    assert html.unescape("".join(inspect(output).text)) == template


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frische *Milch*", "<p>Frische <em>Milch</em></p>"),
        ("Frische **Milch**", "<p>Frische <strong>Milch</strong></p>"),
        ("Zeile eins\nZeile zwei", "<p>Zeile eins<br>\nZeile zwei</p>"),
        ("Eins\n\nZwei", "<p>Eins</p>\n<p>Zwei</p>"),
        ("- Käse\n- Brot", "<ul>\n<li>Käse</li>\n<li>Brot</li>\n</ul>"),
        ("1. Käse\n2. Brot", "<ol>\n<li>Käse</li>\n<li>Brot</li>\n</ol>"),
        ("> Gut so", "<blockquote>\n<p>Gut so</p>\n</blockquote>"),
        (
            "[Hofladen](https://hof.example/laden?a=1&b=2)",
            '<p><a href="https://hof.example/laden?a=1&amp;b=2" '
            'rel="nofollow ugc noopener">Hofladen</a></p>',
        ),
        (
            "Siehe https://hof.example/laden.",
            '<p>Siehe <a href="https://hof.example/laden" '
            'rel="nofollow ugc noopener">https://hof.example/laden</a>.</p>',
        ),
    ],
)
def test_the_markdown_subset_renders(text, expected):
    assert render_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Überschrift", "<p># Überschrift</p>"),
        ("Titel\n===", "<p>Titel<br>\n===</p>"),
        ("`code`", "<p>`code`</p>"),
        ("    eingerückt", "<p>eingerückt</p>"),
        ("---", "<p>---</p>"),
        ("![Bild](https://hof.example/b.jpg)", '<p>![Bild](<a href="https://hof'),
        ("[r]: https://hof.example", '<p>[r]: <a href="https://hof.example"'),
        ("<b>fett</b>", "<p>&lt;b&gt;fett&lt;/b&gt;</p>"),
    ],
)
def test_syntax_outside_the_subset_stays_text(text, expected):
    assert render_text(text).startswith(expected)


def test_bare_domain_names_are_not_linked():
    assert render_text("Bestellt auf hof.example oder www.hof.example") == (
        "<p>Bestellt auf hof.example oder www.hof.example</p>"
    )


@pytest.mark.parametrize(
    "url", ["/konto/", "//evil.example/x", "mailto:a@hof.example", "ftp://hof.example"]
)
def test_links_other_than_absolute_http_keep_only_their_text(url):
    assert render_text(f"[Hier]({url})") == "<p>Hier</p>"


def test_every_link_gets_the_rel_for_user_content():
    output = render_text("[a](https://a.example) <https://b.example> https://c.example")
    links = inspect(output).links
    assert len(links) == 3
    assert {link["rel"] for link in links} == {"nofollow ugc noopener"}


def test_empty_text_renders_to_nothing():
    assert render_text("") == ""
    assert render_text(" \n\t\x00 ") == ""


def test_clean_input_removes_controls_and_bidi_overrides_but_keeps_layout():
    raw = "\ufeff  Hal\x00lo\r\nWelt\rneu\t!\u202e\u2066x\u2069\x1b  "
    assert clean_input(raw) == "Hallo\nWelt\nneu\t!x"


def test_clean_input_composes_umlauts():
    assert clean_input("Ka\u0308se") == "Käse"


def test_check_text_returns_the_cleaned_text():
    assert check_text("  Guten Tag\r\n ", max_length=20) == "Guten Tag"


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def test_check_text_refuses_overlong_text_saying_the_limit():
    with pytest.raises(ValidationError) as caught:
        check_text("x" * 11, max_length=10)
    assert caught.value.error_list[0].code == "max_length"
    assert "at most 10 characters" in _messages(caught.value)[0]
    assert "it has 11" in _messages(caught.value)[0]


def test_check_text_refuses_nul_bytes():
    with pytest.raises(ValidationError) as caught:
        check_text("Hal\x00lo", max_length=100)
    assert [error.code for error in caught.value.error_list] == ["control"]


def test_check_text_refuses_right_to_left_overrides():
    with pytest.raises(ValidationError) as caught:
        check_text("Datei \u202efdp.exe", max_length=100)
    assert [error.code for error in caught.value.error_list] == ["bidi"]
    assert "right-to-left" in _messages(caught.value)[0]


def test_check_text_refuses_text_that_was_not_valid_utf8():
    typed = b"Caf\xe9".decode("utf-8", errors="replace")
    with pytest.raises(ValidationError) as caught:
        check_text(typed, max_length=100)
    assert [error.code for error in caught.value.error_list] == ["encoding"]


def test_check_text_reports_every_problem_at_once():
    with pytest.raises(ValidationError) as caught:
        check_text("\x00\u202e" + "x" * 20, max_length=10)
    codes = {error.code for error in caught.value.error_list}
    assert codes == {"control", "bidi", "max_length"}


def test_check_text_accepts_newlines_tabs_and_umlauts():
    assert check_text("Grüße\n\tvom Hof – Spaß", max_length=100) == (
        "Grüße\n\tvom Hof – Spaß"
    )


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>alert(1)</script>",
        '<p onclick="alert(1)">x</p>',
        '<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>',
        '<a href="/relative" rel="nofollow ugc noopener">x</a>',
        '<a href="https://ok.example">x</a>',
        "<!-- x -->",
        "<![CDATA[x]]>",
    ],
)
def test_the_corpus_check_would_catch_unsafe_output(unsafe):
    assert inspect(unsafe).problems


@pytest.mark.parametrize(
    "name", ["Anna\r\nBcc: x@evil.example", "Anna\nB", "A\tB", "A\u2028B"]
)
def test_check_text_refuses_line_breaks_in_single_line_fields(name):
    with pytest.raises(ValidationError) as caught:
        check_text(name, max_length=100, single_line=True)
    assert [error.code for error in caught.value.error_list] == ["newline"]


def test_check_text_accepts_a_single_line_name():
    assert check_text(" Anna Müller ", max_length=100, single_line=True) == (
        "Anna Müller"
    )


@pytest.fixture(autouse=True)
def _english_messages():
    """The assertions read the English messages; German is the site's default."""
    with translation.override("en"):
        yield
