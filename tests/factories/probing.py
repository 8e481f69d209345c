"""Probing the site with hostile input: what a page that answers it must not
hold, whether a refusal kept what was typed, the browser that sends it, and
which parameters and forms the code reads."""

import ast
import html as markup
import importlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from tests.factories.fuzz import as_read
from tests.factories.walking import fill_route, url_routes

# Pages of one listing read at most, following its own page links.
MAX_PAGES_READ = 40
PAGE_LINK = re.compile(r'href="([^"]*[?&](?:amp;)?(?:[a-z]*page|p)=\d+[^"]*)"')
# Modules of the admin's forms: staff write there, not the public.
ADMIN_MODULES = (
    "admin",
    "admin_views",
    "interest_admin",
    "staff_reset",
    "wagtail_hooks",
)

# Wagtail serves every page through this pattern; pages are read, not posted to.
SERVE = "^((?:[\\w\\-]+/)*)$"


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


# --- sending and reading -----------------------------------------------------------


class Sender:
    """One role's browser, which re-raises any exception of a view, stays
    logged in (a form may log out) and sends raw urlencoded bodies."""

    def __init__(self, user):
        self.user = user
        self.client = Client()

    def post(self, url, body, headers):
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.client.force_login(self.user)
        return self.client.post(
            url, body, content_type="application/x-www-form-urlencoded", **headers
        )

    def get(self, url):
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.client.force_login(self.user)
        return self.client.get(url)


def html_of(response) -> str:
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode(errors="replace")


def judge(response, body, name, writes, before, kept):
    """What is wrong with one answer to a hostile post, as lines."""
    wrong = []
    html = html_of(response)
    location = response.get("Location", "")
    if response.status_code >= 500:
        wrong.append(f"answered {response.status_code}")
    if location and leaves_site(location):
        wrong.append(f"sent to {location!r}")
    wrong.extend(f"shows {found}" for found in active_content(html))
    refused = response.status_code >= 400 or (
        response.status_code == 200 and has_error_message(html)
    )
    if not refused:
        return wrong
    if counts(writes) != before:
        wrong.append(f"refused but wrote {counts(writes)}, was {before}")
    if html and not has_error_message(html):
        wrong.append(f"refused ({response.status_code}) without saying why")
    shown = shown_values(html).get(name)
    sent = as_read(body, name)
    if shown is not None and not any(same_text(value, sent) for value in shown):
        wrong.append(f"lost the text: shows {shown[0][:60]!r}")
    too_big = len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if kept and shown is None and not too_big:
        wrong.append(f"refused ({response.status_code}) without the form")
    return wrong


def page_links(html, start):
    """The links of a listing to its other pages."""
    path = start.split("?")[0]
    found = [markup.unescape(link) for link in PAGE_LINK.findall(html)]
    return [
        path + link if link.startswith("?") else link
        for link in found
        if link.startswith(("?", path)) and not link.startswith("//")
    ]


def our_forms():
    """Every form class of the public site: ours, outside the admin's modules."""
    found, unseen = set(), [forms.BaseForm]
    while unseen:
        for subclass in unseen.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                unseen.append(subclass)
    return {
        form
        for form in found
        if form.__module__.split(".")[0] in OUR_APPS
        and form.__module__.rsplit(".", 1)[-1] not in ADMIN_MODULES
        and not form.__name__.startswith("_")
    }


def post_routes():
    """Every public URL pattern and every route of a routable page type."""
    found = {
        route
        for route in url_routes()
        if not route.startswith("admin/") and route != SERVE
    }
    for page_type in Page.objects.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(page_type).model_class()
        if issubclass(model, RoutablePageMixin):
            found.update(
                f"{model.__name__}:{route}"
                for route in url_routes(model().get_resolver().url_patterns)
                if route
            )
    return found


def resolve(value, world):
    """A value with "world:name.attribute" looked up in `world`."""
    if not (isinstance(value, str) and value.startswith("world:")):
        return value
    name, __, attribute = value.removeprefix("world:").partition(".")
    return getattr(world[name], attribute) if attribute else world[name]


def address_of(route, form, world):
    values = {name: resolve(value, world) for name, value in form.values.items()}
    if ":" in route and route[0].isupper():
        page_type, sub = route.split(":", 1)
        return world["board"].url.rstrip("/") + fill_route(sub, values)
    return fill_route(route, values)


def counts(models):
    return {model.__name__: model.objects.count() for model in models}
