"""No public page of the demo names another host, except the shops' product links
and links that staff or members wrote.

Every page a reader reaches from the front page is read, with the legal pages,
search, the feeds and the account forms, and every absolute URL in an attribute
that loads or links (src, href, action, srcset, poster, a meta tag's content, a
CSS url()) must point to the site itself. A link (`<a href>`) may also go to a
shop the products come from, carry the `ugc` mark that members' links get, or be
one that staff wrote into a page or the settings. Anything loaded from another
host is never allowed.
"""

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from wagtail.models import Page, Site

from home.legal import missing_from_legal_notice, missing_from_privacy_page
from home.models import ShopSettings
from shop_link.models import Product, ProductSource

pytestmark = pytest.mark.django_db

ABSOLUTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
URL_IN_TEXT = re.compile(r"""https?://[^\s"'<>\\]+""")
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "srcset", "poster", "content"}
# Where the crawl does not go: the admin, files, and views that change things.
NOT_CRAWLED = ("/admin/", "/static/", "/media/", "/documents/", "/i18n/", "/comments/")
# Pages no link leads to from the front page, or that need a query.
SEEDS = [
    "/",
    "/impressum/",
    "/privacy/",
    "/search/?q=K%C3%A4se",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/blog/feed/",
    "/blog/atom/",
    "/sitemap.xml",
]
FEED_ATTRIBUTES = {"href", "url", "src"}
FEED_TEXT_TAGS = {"link", "guid", "id", "uri", "comments", "loc"}
FEED_HTML_TAGS = {"description", "content", "summary", "encoded"}


@dataclass(frozen=True)
class Found:
    page: str
    tag: str
    attribute: str
    url: str
    rel: str = ""

    def __str__(self):
        return (
            f"{self.page}: <{self.tag} {self.attribute}={self.url!r} rel={self.rel!r}>"
        )


class UrlsOfHtml(HTMLParser):
    """Every URL in an attribute or a CSS url() of an HTML page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found: list[Found] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = attrs.get("rel") or ""
        for name, value in attrs.items():
            if not value:
                continue
            if name in URL_ATTRIBUTES:
                parts = value.split(",") if name == "srcset" else [value]
                for part in parts:
                    url = part.strip().split(" ")[0]
                    self.found.append(Found(self.page, tag, name, url, rel))
            elif name == "style":
                for url in CSS_URL.findall(value):
                    self.found.append(Found(self.page, tag, "style", url))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for url in CSS_URL.findall(data):
                self.found.append(Found(self.page, "style", "url()", url))


def urls_of_html(page: str, html: str) -> UrlsOfHtml:
    parser = UrlsOfHtml(page)
    parser.feed(html)
    return parser


def urls_of_feed(page: str, xml: bytes) -> list[Found]:
    """The URLs of a feed or sitemap: its elements' and its entries' HTML."""
    found = []
    root = ElementTree.fromstring(xml)  # noqa: S314 - the site's own output
    for element in root.iter():
        tag = element.tag.rpartition("}")[2]
        for name, value in element.attrib.items():
            if name in FEED_ATTRIBUTES:
                found.append(Found(page, f"feed {tag}", name, value))
        text = (element.text or "").strip()
        if tag in FEED_TEXT_TAGS and text:
            found.append(Found(page, f"feed {tag}", "text", text))
        elif tag in FEED_HTML_TAGS and text:
            found += urls_of_html(page, text).found
    return found


@dataclass
class Allowed:
    """What the site may name besides itself."""

    own: str
    shop_hosts: set[str]
    written: set[str]

    def judge(self, found: Found) -> bool:
        url = found.url.strip()
        if not ABSOLUTE.match(url):
            return True
        parts = urlsplit(url if url.lower().startswith("http") else f"http:{url}")
        if parts.netloc == self.own:
            return True
        if found.tag != "a" or found.attribute != "href":
            return False
        return (
            parts.hostname in self.shop_hosts
            or "ugc" in found.rel.split()
            or unescape(url) in self.written
        )


def urls_staff_wrote() -> set[str]:
    """Every web address in what staff write: pages and the shop's settings."""
    texts = []
    for page in Page.objects.live().specific():
        texts += [field.value_to_string(page) for field in page._meta.concrete_fields]
    for shop in ShopSettings.objects.all():
        texts += [field.value_to_string(shop) for field in shop._meta.concrete_fields]
    return {
        unescape(url) for text in texts for url in URL_IN_TEXT.findall(unescape(text))
    }


def shop_hosts() -> set[str]:
    """The hosts of the shops products come from, and of the shop's own."""
    urls = [*ProductSource.objects.values_list("shop_url", flat=True)]
    urls += ShopSettings.objects.values_list("shop_url", flat=True)
    return {urlsplit(url).hostname for url in urls if url}


def crawl(client, host: str) -> tuple[dict[str, int], list[Found]]:
    """Read every page reachable from the seeds; their statuses and URLs."""
    statuses, found = {}, []
    queue = list(SEEDS)
    while queue:
        path = queue.pop(0)
        if path in statuses:
            continue
        response = client.get(path, HTTP_HOST=host)
        statuses[path] = response.status_code
        if response.status_code != 200:
            continue
        content_type = response["Content-Type"]
        if "xml" in content_type:
            found += urls_of_feed(path, response.content)
            continue
        if "html" not in content_type:
            continue
        page = urls_of_html(path, response.content.decode())
        found += page.found
        for link in page.links:
            target = urlsplit(urljoin(f"http://{host}{path}", link))
            if (
                target.netloc == host
                and not target.query
                and not target.path.startswith(NOT_CRAWLED)
                and target.path != "/account/logout/"
            ):
                queue.append(target.path)
    return statuses, found


class TestTheDemosPublicPages:
    def test_no_page_names_another_host_but_the_shops_and_what_people_wrote(
        self, demo, client
    ):
        site = Site.objects.get(is_default_site=True)
        host = f"{site.hostname}:{site.port}"
        allowed = Allowed(own=host, shop_hosts=shop_hosts(), written=urls_staff_wrote())

        statuses, found = crawl(client, host)

        assert all(statuses[seed] == 200 for seed in SEEDS), statuses
        read = [path for path, status in statuses.items() if status == 200]
        products = Product.objects.count()
        assert len(read) > products, "the crawl missed most of the demo"
        for kind in ("/blog/", "/producers/", "/products/", "/community/"):
            assert sum(path.startswith(kind) for path in read) > 3, kind
        assert any(path.startswith("/community/questions/") for path in read)
        elsewhere = [item for item in found if ABSOLUTE.match(item.url)]
        assert {urlsplit(item.url).hostname for item in elsewhere} > {site.hostname}
        wrong = [str(item) for item in found if not allowed.judge(item)]
        assert wrong == [], "\n".join(wrong)

    def test_the_demos_legal_notice_and_privacy_page_lack_nothing(self, demo):
        shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))

        assert missing_from_legal_notice(shop) == []
        assert missing_from_privacy_page(shop) == []


# The judge itself, on pages made up for it

PAGE = "/made-up/"


def judged(html: str, written=()) -> list[str]:
    allowed = Allowed(
        own="localhost:8000", shop_hosts={"shop.example.com"}, written=set(written)
    )
    return [
        item.url for item in urls_of_html(PAGE, html).found if not allowed.judge(item)
    ]


def test_pictures_scripts_and_styles_from_elsewhere_are_caught():
    html = (
        '<link rel="stylesheet" href="https://fonts.example.net/css">'
        '<script src="//cdn.example.net/app.js"></script>'
        '<img src="/media/a.jpg" '
        'srcset="/media/a.jpg 1x, https://img.example.net/a.jpg 2x">'
        '<div style="background: url(https://img.example.net/b.png)"></div>'
        "<style>.x { background: url('https://img.example.net/c.png') }</style>"
        '<form action="https://forms.example.net/send"></form>'
        '<meta property="og:image" content="https://img.example.net/d.png">'
    )

    assert sorted(judged(html)) == [
        "//cdn.example.net/app.js",
        "https://fonts.example.net/css",
        "https://forms.example.net/send",
        "https://img.example.net/a.jpg",
        "https://img.example.net/b.png",
        "https://img.example.net/c.png",
        "https://img.example.net/d.png",
    ]


def test_links_to_the_shop_and_links_people_wrote_are_allowed_others_not():
    html = (
        '<a href="http://localhost:8000/blog/">blog</a>'
        '<a href="https://shop.example.com/produkt/1" rel="noopener external">buy</a>'
        '<a href="https://recipes.example.org/soup" rel="nofollow ugc noopener">a '
        "member's link</a>"
        '<a href="https://farm.example.org/">the farm, in a story</a>'
        '<a href="https://tracker.example.net/">a link no one wrote</a>'
        '<img src="https://shop.example.com/bild.jpg">'
    )

    assert judged(html, written={"https://farm.example.org/"}) == [
        "https://tracker.example.net/",
        "https://shop.example.com/bild.jpg",
    ]


def test_feeds_are_read_for_their_links_and_their_entries_html():
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom">'
        b'<link href="http://localhost:8000/blog/"/>'
        b"<entry><id>http://localhost:8000/blog/a/</id>"
        b'<content type="html">&lt;img src=&quot;https://img.example.net/x.png&quot;&gt;'
        b"</content></entry></feed>"
    )
    allowed = Allowed(own="localhost:8000", shop_hosts=set(), written=set())

    found = urls_of_feed("/blog/atom/", atom)

    assert [item.url for item in found if not allowed.judge(item)] == [
        "https://img.example.net/x.png"
    ]
    assert [item.url for item in found if allowed.judge(item)] == [
        "http://localhost:8000/blog/",
        "http://localhost:8000/blog/a/",
    ]
