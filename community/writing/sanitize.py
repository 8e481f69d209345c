"""Members' text: normalised on input, checked, and rendered once to safe HTML.

Members write plain text with a small Markdown subset: paragraphs, line breaks,
*emphasis*, **strong**, bulleted and numbered lists, > quotes, [links](https://…)
and bare http(s) addresses. Everything else, raw HTML included, stays visible
as text. The raw text is kept for editing; `render_text` runs once on save and
its result is stored beside it.
"""

import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "a"}
)
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_SCHEMES = frozenset({"http", "https"})
LINK_REL = "nofollow ugc noopener"

# Embedding and overriding controls reorder how text is displayed: a name or a
# link can be made to read differently from what it is.
BIDI_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")

# Markdown's parts that make HTML the subset does not allow, or that pass raw
# HTML through. Without them, their syntax stays text. What is left in the
# HTML stash afterwards is only character references (&amp; …), which bleach
# parses and writes out again as text.
_MARKDOWN_OFF = {
    "preprocessors": ("html_block",),
    # Reference definitions vanish from the text they are written in.
    "blockprocessors": ("code", "hashheader", "setextheader", "hr", "reference"),
    "inlinePatterns": (
        "backtick",
        "reference",
        "short_reference",
        "image_link",
        "image_reference",
        "short_image_ref",
        "automail",
        "html",
    ),
}


def _is_unwanted(char: str) -> bool:
    if char in "\n\t":
        return False
    if char == "\ufeff":
        # A byte order mark pasted along with text: invisible and meaningless.
        return True
    # Cc: control characters (NUL …); Cs: lone surrogates, which no UTF-8 holds.
    return unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS


def clean_input(raw: str) -> str:
    """The text as stored: controls and bidi overrides removed, newlines as \\n, NFC."""
    text = _NEWLINES.sub("\n", raw)
    text = "".join(char for char in text if not _is_unwanted(char))
    return unicodedata.normalize("NFC", text).strip()


def check_text(raw: str, max_length: int, *, single_line: bool = False) -> str:
    """The cleaned text, or ValidationError saying what is wrong with `raw`.

    Hostile or broken characters, HTML and links other than web addresses
    are refused, not silently dropped, so the writer learns why; the form
    keeps what they typed. `single_line` refuses line breaks and tabs too, for
    names and titles.
    """
    errors = []
    typed = _NEWLINES.sub("\n", raw)
    if single_line and any(char in typed for char in "\n\t"):
        errors.append(
            ValidationError(
                _("This must be a single line, without line breaks or tabs."),
                code="newline",
            )
        )
    if any(char in BIDI_CONTROLS for char in typed):
        errors.append(
            ValidationError(
                _(
                    "The text contains characters that reverse the reading "
                    "direction (right-to-left overrides). Please remove them."
                ),
                code="bidi",
            )
        )
    if any(_is_unwanted(char) and char not in BIDI_CONTROLS for char in typed):
        errors.append(
            ValidationError(
                _(
                    "The text contains invisible control characters (such as NUL). "
                    "Please remove them."
                ),
                code="control",
            )
        )
    if "\ufffd" in raw:
        errors.append(
            ValidationError(
                _(
                    "Part of the text could not be read (it was not valid UTF-8). "
                    "Please type it again."
                ),
                code="encoding",
            )
        )
    text = clean_input(raw)
    if len(text) <= max_length:
        # Only text of an allowed length is read for markup: the check renders
        # it, and an oversize text is refused for its length anyway.
        errors.extend(markup_errors(text))
    if len(text) > max_length:
        errors.append(
            ValidationError(
                ngettext_lazy(
                    "The text is too long: at most %(max)d character is allowed, "
                    "it has %(length)d.",
                    "The text is too long: at most %(max)d characters are allowed, "
                    "it has %(length)d.",
                    "max",
                ),
                code="max_length",
                params={"max": max_length, "length": len(text)},
            )
        )
    if errors:
        raise ValidationError(errors)
    return text


# HTML as a browser reads it, told apart from text that merely uses angle
# brackets ("<3", "a <b", "<Ihr Name>", "<<Bio>>", "Preis < 5 €"). A browser
# needs a letter right after "<" or "</", so no space is allowed there. Flagged
# are: a known element written as a tag ("<b>", "</p>", "<br/>", or with
# attributes); an element that runs or loads something, closed or not; any
# tag-like run with an event handler; comments, CDATA, doctypes and processing
# instructions. Each alternative scans at most to the next "<" or ">", so the
# search takes time in proportion to the text, however it is built.
_ELEMENTS = (
    "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|big|blink|blockquote|"
    "body|br|button|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|"
    "del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|font|"
    "footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|"
    "kbd|label|legend|li|link|main|map|mark|marquee|math|menu|meta|meter|nav|"
    "noscript|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|"
    "ruby|s|samp|script|section|select|small|source|span|strike|strong|style|sub|"
    "summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|"
    "track|tt|u|ul|var|video|wbr|xmp"
)
_ACTIVE_ELEMENTS = "embed|frame|iframe|img|math|object|script|style|svg"
_TAG = re.compile(
    rf"</?(?:{_ELEMENTS})(?:\s*/?>|\s[^<>=]*=)"
    rf"|<(?:{_ACTIVE_ELEMENTS})(?![a-z0-9-])"
    r"|<[a-z][a-z0-9-]*[\s/][^<>]*?\bon[a-z]+\s*="
    r"|<!(?:--|\[cdata\[|doctype\b)|<\?[a-z]",
    re.IGNORECASE,
)


class _LinkTargets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.targets.append(dict(attrs).get("href") or "")


def markup_errors(text: str) -> list[ValidationError]:
    """What a member's text does that plain text with Markdown may not.

    The rendering would make such input harmless anyway (tags become text, a
    `javascript:` link its bare words); telling the writer is the point.
    """
    errors = []
    if _TAG.search(text):
        errors.append(
            ValidationError(
                _(
                    "HTML such as <script> or <img> is not allowed here. Please "
                    "write plain text; *emphasis*, lists, > quotes and "
                    "[links](https://…) work as they are."
                ),
                code="html",
            )
        )
    if "](" in text or "<" in text:
        targets = _LinkTargets()
        targets.feed(_markdown().convert(_escape_unmatched_brackets(text)))
        targets.close()
        if not all(map(_is_allowed_href, targets.targets)):
            errors.append(
                ValidationError(
                    _(
                        "Links must be web addresses starting with http:// or "
                        "https://; other kinds, such as javascript: links, are not "
                        "allowed."
                    ),
                    code="link",
                )
            )
    return errors


_MAX_BRACKET_DEPTH = 3


def _escape_unmatched_brackets(text: str) -> str:
    """`text` with each [ and ( that nothing closes escaped for Markdown.

    Markdown looks for the end of a link from every opening bracket, which
    takes time growing with the square of the text's length when none comes,
    or when brackets nest deeply; brackets nested deeper than a link needs are
    escaped too.
    """
    opened: dict[str, list[int]] = {"[": [], "(": []}
    closing = {"]": "[", ")": "("}
    too_deep: list[int] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char in opened:
            opened[char].append(position)
            if len(opened[char]) > _MAX_BRACKET_DEPTH:
                too_deep.append(position)
        elif char in closing and opened[closing[char]]:
            opened[closing[char]].pop()
        position += 1
    unmatched = set(opened["["] + opened["("] + too_deep)
    if not unmatched:
        return text
    return "".join(
        "\\" + char if index in unmatched else char for index, char in enumerate(text)
    )


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["nl2br", "sane_lists"], output_format="html")
    for registry, names in _MARKDOWN_OFF.items():
        for name in names:
            getattr(
                md if registry != "blockprocessors" else md.parser, registry
            ).deregister(name)
    return md


def _is_allowed_href(href: str | None) -> bool:
    if not href:
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.scheme.lower() in ALLOWED_SCHEMES and bool(parts.netloc)


def _shape_link(attrs: dict, new: bool = False) -> dict | None:
    """Links as absolute http(s) with our rel; anything else falls back to text."""
    href = attrs.get((None, "href"))
    if not _is_allowed_href(href):
        return None
    return {(None, "href"): href, (None, "rel"): LINK_REL, "_text": attrs["_text"]}


# Bare addresses with their scheme. bleach's own pattern also finds bare domain
# names, and takes quadratic time on long runs of "(". Punctuation at the end
# belongs to the sentence; bleach moves an unbalanced ")" out of the link.
_URL = re.compile(r"https?://[^\s<>\"'`]*[^\s<>\"'`.,;:!?\]]", re.IGNORECASE)


def _cleaner() -> bleach.Cleaner:
    # A new one each time: a cleaner keeps parser state and is not thread-safe.
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_SCHEMES,
        strip=True,
        strip_comments=True,
        filters=[
            lambda source: LinkifyFilter(
                source=source, callbacks=[_shape_link], url_re=_URL, parse_email=False
            )
        ],
    )


def render_text(raw: str) -> str:
    """Safe HTML for a member's text, to be stored beside the raw text."""
    html = _markdown().convert(_escape_unmatched_brackets(clean_input(raw)))
    return _cleaner().clean(html).strip()


def plain_text(html: str) -> str:
    """The words of stored, sanitised HTML, on one line."""
    return " ".join(unescape(strip_tags(html)).split())
