"""Builders for the test suite: pages in a real tree, snippets and images."""

import datetime
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import factory
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction, Site

from blog.models import (
    Author,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageProducer,
    Certification,
    ProducerPage,
    ProducersIndexPage,
)
from community.models import CommunityIndexPage
from home.models import HomePage
from shop_link.models import Product, ProductIndexPage, ProductSource


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Autorin {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Hofladen"
    bio = "Steht seit Jahren an der Theke."
    photo = factory.SubFactory(ImageFactory)

    class Meta:
        model = Author


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = BlogCategory
        django_get_or_create = ("slug",)


class CertificationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Siegel {n}")

    class Meta:
        model = Certification


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"

    class Meta:
        model = BlogIndexPage


class ProducersIndexPageFactory(wagtail_factories.PageFactory):
    title = "Erzeuger"
    slug = "producers"

    class Meta:
        model = ProducersIndexPage


class ProducerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Hof Nummer {n}")
    place = "Lindenau"
    region = "Uckermark"
    since = 1987
    summary = "Ein kleiner Hof mit Weidehaltung."
    what_they_make = "Milch, Käse und Butter."
    how_they_produce = "Die Kühe stehen von Frühjahr bis Herbst auf der Weide."

    class Meta:
        model = ProducerPage
        skip_postgeneration_save = True

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create:
            publish(self)


def publish(page):
    """Publish the page through a revision, as the admin does, so it has dates."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def products_block(*products, heading=""):
    """A story block of product cards, as staff add it in the admin."""
    return ("products", {"heading": heading, "products": list(products)})


class BlogPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Geschichte vom Hof {n}")
    intro = "Eine kurze Geschichte aus dem Hofladen."
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(n))
    hero_image = factory.SubFactory(ImageFactory)
    hero_alt = "Ein Feld im Morgenlicht"
    body = factory.LazyFunction(lambda: [paragraph("Frische Milch vom Nachbarhof.")])

    class Meta:
        model = BlogPage
        # Publishing in tag_names saves the page; a save after it would write back
        # the stale instance and lose first_published_at and last_published_at.
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            BlogPageAuthor.objects.create(page=self, author=author, sort_order=position)

    @factory.post_generation
    def producers(self, create, extracted, **kwargs):
        for position, producer in enumerate(extracted or []):
            BlogPageProducer.objects.create(
                page=self, producer=producer, sort_order=position
            )

    @factory.post_generation
    def categories_list(self, create, extracted, **kwargs):
        if extracted:
            self.categories.set(extracted)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
        if extracted is not None or create:
            publish(self)


class ProductSourceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Quelle {n}")
    format = "merchant-xml"
    location = "https://shop.example.com/feed.xml"
    shop_name = "Hofladen Lindenau"
    shop_url = "https://shop.example.com"

    class Meta:
        model = ProductSource


class ProductFactory(factory.django.DjangoModelFactory):
    source = factory.SubFactory(ProductSourceFactory)
    external_id = factory.Sequence(lambda n: f"P-{n}")
    title = factory.Sequence(lambda n: f"Bergkäse Nummer {n}")
    slug = factory.Sequence(lambda n: f"bergkaese-nummer-{n}")
    description = "Zwölf Monate im Gewölbekeller gereift."
    link = factory.LazyAttribute(lambda o: f"https://shop.example.com/p/{o.slug}")
    price = Decimal("3.20")
    currency = "EUR"
    unit_quantity = Decimal("250")
    unit_measure = "g"
    brand = "Hof Lindenau"
    category = "Käse"
    last_seen_at = factory.LazyFunction(timezone.now)
    synced_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Product


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    title = "Produkte"
    slug = "products"

    class Meta:
        model = ProductIndexPage


def home_page():
    """The site's home page, created by the migration."""
    return HomePage.objects.get()


def build_catalogue(home=None):
    """The live product catalogue at /products/ under the home page."""
    return publish(ProductIndexPageFactory(parent=home or home_page()))


def build_site():
    """A home page with a blog and a producers section, as the demo has."""
    home = home_page()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.port = 80
    site.save()
    blog = publish(BlogIndexPageFactory(parent=home))
    producers = publish(ProducersIndexPageFactory(parent=home))
    return publish(home), blog, producers


def make_draft(page):
    """Take the page offline, as an editor's unpublish does."""
    page.unpublish()
    page.refresh_from_db()
    return page


def make_private(page):
    """Keep the page live but visible to logged-in users only."""
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    return page


__all__ = [
    "AuthorFactory",
    "BlogIndexPageFactory",
    "BlogPageFactory",
    "CategoryFactory",
    "CertificationFactory",
    "ImageFactory",
    "Page",
    "ProducerPageFactory",
    "ProductFactory",
    "ProductIndexPageFactory",
    "ProductSourceFactory",
    "ProducersIndexPageFactory",
    "build_catalogue",
    "build_site",
    "home_page",
    "make_draft",
    "make_private",
    "paragraph",
    "products_block",
    "publish",
]


# Shared helpers: reading what pages serve (heads, the sitemap, query counts).
# Test modules import these from here, never from one another.

SYNC_FEEDS = Path(__file__).parent / "shop_link" / "fixtures" / "sync"


def feed_source(feed="hofladen.xml", name="hofladen", **fields):
    """A Merchant Center XML source reading one of the sync fixtures."""
    return ProductSource.objects.create(
        name=name,
        format="merchant-xml",
        location=str(SYNC_FEEDS / feed),
        shop_name="Hofladen Lindenau",
        **fields,
    )


def merchant_xml(*items):
    """A Merchant Center RSS feed with the given items (dicts of g: fields)."""
    entries = "".join(
        "<item>"
        + "".join(f"<g:{key}>{escape(value)}</g:{key}>" for key, value in item.items())
        + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>'
        "<title>Hofladen</title><link>https://hofladen.example/</link>"
        f"<description>Feed</description>{entries}</channel></rss>"
    ).encode()


def merchant_item(external_id, title="Landbutter", price="2.90 EUR", **fields):
    """The g: fields of one product in a merchant_xml feed."""
    return {
        "id": external_id,
        "title": title,
        "link": f"https://hofladen.example/{external_id.lower()}",
        "price": price,
        "availability": "in_stock",
        **fields,
    }


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


def read_sitemap(client) -> dict[str, str | None]:
    """Each location in the sitemap with its lastmod."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def warm_count(client, url):
    """The number of queries a second request for url takes, once caches are warm."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


__all__ += [
    "BASE",
    "SYNC_FEEDS",
    "HeadParser",
    "Links",
    "feed_source",
    "links_of",
    "merchant_item",
    "merchant_xml",
    "read_sitemap",
    "text_of",
    "warm_count",
]


# --- builders shared with the demo's tests ---------------------------------------


def build_board(home=None):
    """The live discussion board at /community/ under the home page."""
    home = home or build_site()[0]
    board = CommunityIndexPage(title="Gemeinschaft", slug="community")
    home.add_child(instance=board)
    return publish(board)


__all__ += ["build_board"]
