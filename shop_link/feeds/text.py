"""Text from feeds made plain and safe: no markup that acts, no hidden characters."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from django.utils.translation import gettext as _

# C0 and C1 control characters except tab, line feed and carriage return, lone
# surrogates (JSON may carry them; no database stores them) and the invisible
# marks that reorder text (bidi overrides and isolates, zero-width space, BOM).
HIDDEN_CHARACTERS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
    "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
)
HIDDEN = re.compile(f"[{HIDDEN_CHARACTERS}]")
# Anything that may need more than trimming: markup, references, script links.
SUSPECT = re.compile(f"[<&{HIDDEN_CHARACTERS}]|(?:script|data)\\s*:", re.I)
LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
# A tag, an end tag, or the start of a comment or CDATA section; written so that
# no text, however long or odd, makes these patterns backtrack much.
TAG = re.compile(
    r"<(?:[a-zA-Z][\w:.-]*(?:\s[^<>]*)?/?>|/[a-zA-Z][\w:.-]*\s*>|!--|!\[CDATA\[)"
)
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
SCRIPT_URL = re.compile(r"\b(?:java|vb)script\s*:|\bdata\s*:\s*text/html", re.I)
ACTIVE_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|form"
    r"|svg|math)\b",
    re.I,
)
# A <meta> that only names the character set, as text copied from a web page
# carries (Shopify descriptions often begin with one): it does nothing in a body.
HARMLESS_META = re.compile(
    r"<meta\s+(?:charset\s*=\s*[\"']?[\w.:-]+[\"']?"
    r"|http-equiv\s*=\s*[\"']?content-type[\"']?\s+content\s*=\s*"
    r"[\"'][\w/.;= -]*[\"'])\s*/?>",
    re.I,
)
EVENT_HANDLER = re.compile(r"<[^<>]*[\s\"'/]on[a-z]+\s*=", re.I)

SCRIPT_TAGS = frozenset({"script"})
EMBED_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet"})
ACTIVE_TAGS = frozenset({"base", "meta", "link", "form", "svg", "math"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
)
PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre"}
)
LINE_TAGS = frozenset({"div", "tr", "dt", "dd", "section", "article", "header"})
SILENT_TAGS = frozenset({"script", "style", "template", "noscript"})


class UnsafeText(ValueError):
    """The text carries markup that would act in a browser."""


def unsafe_markup(text: str) -> str | None:
    """What makes `text` unsafe ("a script", …), or None when nothing does."""
    match = ACTIVE_TAG.search(text)
    if match:
        return _describe_tag(match.group(1).lower())
    if EVENT_HANDLER.search(text):
        return _("an event handler attribute")
    if SCRIPT_URL.search(text):
        return _("a script link (javascript:)")
    return None


def _describe_tag(tag: str) -> str:
    if tag in SCRIPT_TAGS:
        return _("a script")
    if tag in EMBED_TAGS:
        return _("an embedded frame or object (<%(tag)s>)") % {"tag": tag}
    return _("active markup (<%(tag)s>)") % {"tag": tag}


def strip_harmless_meta(text: str) -> tuple[str, bool]:
    """The text without <meta> tags naming a character set, and whether any were."""
    if "<" not in text:
        return text, False
    cleaned = HARMLESS_META.sub("", text)
    return cleaned, len(cleaned) != len(text)


def strip_hidden(text: str) -> tuple[str, bool]:
    """The text without control and invisible characters, and whether any were there."""
    cleaned = HIDDEN.sub("", text)
    return cleaned, len(cleaned) != len(text)


def looks_like_html(text: str) -> bool:
    """Whether the text holds a tag (`<p>`, `</b>`, `<br/>`, a comment)."""
    return TAG.search(text) is not None


def single_line(text: str) -> str:
    """All runs of whitespace as one space, NFC-normalised, trimmed."""
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return unicodedata.normalize("NFC", text)


def paragraphs(text: str) -> str:
    """Lines trimmed and their spaces collapsed, at most one empty line in a row."""
    lines = (" ".join(line.split()) for line in LINE_BREAKS.sub("\n", text).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return unicodedata.normalize("NFC", text.strip())


class _PlainText(HTMLParser):
    """Collects the visible text of an HTML fragment and notes what would act."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.silent = 0
        # A list item's bullet waits for the item's first text, so that an
        # item that begins with a line break or holds nothing leaves no lone "•".
        self.bullet = False
        # Whitespace between list items is the source's layout, not a line.
        self.after_item = False
        self.unsafe: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inspect(tag, attrs)
        if tag in SILENT_TAGS:
            self.silent += 1
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inspect(tag, attrs)
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self.bullet = False
            self.after_item = True
        if tag in SILENT_TAGS:
            self.silent = max(0, self.silent - 1)
        elif tag in PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in LINE_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.silent:
            return
        if self.after_item and not data.strip():
            return
        self.after_item = False
        if self.bullet:
            if not data.strip():
                return
            self.parts.append("\n• ")
            data = data.lstrip()
            self.bullet = False
        self.parts.append(data)

    def _break(self, tag: str) -> None:
        self.after_item = False
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.bullet = True
        elif tag in PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in LINE_TAGS:
            self.parts.append("\n")

    def _inspect(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.unsafe:
            return
        if tag in SCRIPT_TAGS | EMBED_TAGS | ACTIVE_TAGS:
            self.unsafe = _describe_tag(tag)
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.unsafe = _("an event handler attribute")
                return
            if name in URL_ATTRIBUTES and value:
                squeezed = "".join(HIDDEN.sub("", value).split()).lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.unsafe = _("a script link (javascript:)")
                    return


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment, paragraphs and line breaks kept.

    Raises UnsafeText when the fragment holds scripts, event handlers, script
    links, frames or objects.
    """
    parser = _PlainText()
    # Comments go first: an unclosed one ends the text, as in a browser, and the
    # standard parser would take time growing with the square of their number.
    parser.feed(COMMENT.sub("", fragment))
    parser.close()
    if parser.unsafe:
        raise UnsafeText(parser.unsafe)
    return "".join(parser.parts)


def unescape(text: str) -> str:
    """Character references (`&amp;`, `&#228;`) resolved; other text as it is."""
    return html.unescape(text) if ENTITY.search(text) else text
