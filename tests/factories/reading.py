"""Reading what pages serve: links, visible text, heads, JSON-LD, the sitemap and
the queries a request takes, and what it reads from the shared cache."""

import json
import re
from contextlib import contextmanager
from html.parser import HTMLParser
from unittest import mock
from xml.etree import ElementTree

from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext


class Links(HTMLParser):
    """Every <a> of a page with its attributes and text."""

    def __init__(self):
        super().__init__()
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {**dict(attrs), "text": ""}
            self.links.append(self._open)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def to(self, href):
        return [link for link in self.links if link.get("href") == href]


def links_of(response):
    parser = Links()
    parser.feed(response.content.decode())
    return parser


def text_of(response):
    """The visible words of a page, tags removed and spaces folded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    # Only ASCII white space folds: prices keep their no-break spaces.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


class HeadParser(HTMLParser):
    """The meta tags, links and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.json_ld = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def first(self, key):
        return self.meta[key][0]

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]


SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# The scheme and host the test client's absolute URLs start with.
BASE = "http://testserver"


def read_sitemap_index(client) -> dict[str, str | None]:
    """Each file the sitemap's index at /sitemap.xml names, with its lastmod."""
    return _read_xml(client, "/sitemap.xml", "sitemapindex", "sitemap")


def read_sitemap_file(client, url) -> dict[str, str | None]:
    """Each location in one file of the sitemap (an address from the index)."""
    return _read_xml(client, url.removeprefix(BASE), "urlset", "url")


def read_sitemap(client) -> dict[str, str | None]:
    """Each location in every file of the sitemap, with its lastmod."""
    found = {}
    for url in read_sitemap_index(client):
        found.update(read_sitemap_file(client, url))
    return found


def _read_xml(client, url, root_name, entry_name) -> dict[str, str | None]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}{root_name}"
    return {
        entry.findtext("sm:loc", namespaces=SITEMAP_NS): entry.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for entry in root.findall(f"sm:{entry_name}", SITEMAP_NS)
    }


def warm_count(client, url):
    """The number of queries a request for url takes once caches are warm: a
    real render, not one served from the page cache. Two requests warm them:
    the first may make the shop's settings, which purges every page, and so
    what each process remembers (the address's page among them)."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        for _ in range(2):
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def json_ld_of(html):
    """Every JSON-LD block of a page, in page order."""
    return [
        json.loads(found)
        for found in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def queries_to_render(client, url):
    """The number of queries one request for url takes, caches as they are."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@contextmanager
def cache_reads():
    """The keys read from the shared cache meanwhile, in order: a key for each
    get(), a list of keys for each get_many()."""
    reads = []
    get, get_many = cache.get, cache.get_many

    def counted_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    def counted_get_many(keys, *args, **kwargs):
        reads.append(list(keys))
        return get_many(keys, *args, **kwargs)

    with (
        mock.patch.object(cache, "get", counted_get),
        mock.patch.object(cache, "get_many", counted_get_many),
    ):
        yield reads
