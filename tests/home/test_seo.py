import datetime
import json

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from blog.models import BlogPage
from home.models import ShopSettings
from home.seo import json_ld_script, opening_hours_spec
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    HeadParser,
    ImageFactory,
    ProducerPageFactory,
    build_site,
)


def head_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def post(site):
    _, blog, _ = site
    return BlogPageFactory(
        parent=blog,
        title="Der erste Ziegenkäse des Jahres",
        intro="Im Mai kommt der erste Frischkäse von Hof Lindenau.",
        date=datetime.date(2026, 5, 2),
        updated=datetime.date(2026, 5, 12),
        authors=[AuthorFactory(name="Greta Hansen", role="Käsetheke")],
        categories_list=[CategoryFactory(name="Neues vom Hof", slug="neues-vom-hof")],
        tag_names=["ziegenmilch"],
    )


# Blog posts


def test_a_post_has_canonical_link_and_description(client, post):
    head = head_of(client, post.url)
    assert head.link("canonical") == [
        {"rel": "canonical", "href": "http://testserver" + post.url}
    ]
    assert head.first("description") == (
        "Im Mai kommt der erste Frischkäse von Hof Lindenau."
    )


def test_a_post_has_opengraph_tags_as_an_article(client, post):
    head = head_of(client, post.url)
    assert head.first("og:title") == "Der erste Ziegenkäse des Jahres"
    assert head.first("og:description") == (
        "Im Mai kommt der erste Frischkäse von Hof Lindenau."
    )
    assert head.first("og:type") == "article"
    assert head.first("og:url") == "http://testserver" + post.url
    assert head.first("og:site_name") == "Theke"
    assert head.first("og:locale") == "de_DE"
    assert head.first("article:published_time") == "2026-05-02"
    assert head.first("article:modified_time") == "2026-05-12"
    assert head.meta["article:author"] == [
        "http://testserver/blog/author/greta-hansen/"
    ]
    assert head.meta["article:tag"] == ["ziegenmilch"]


def test_the_preview_image_is_an_absolute_rendition_url_with_its_size(client, post):
    head = head_of(client, post.url)
    rendition = post.hero_image.get_rendition("fill-1200x630")
    assert head.first("og:image") == "http://testserver" + rendition.url
    assert head.first("og:image:width") == str(rendition.width)
    assert head.first("og:image:height") == str(rendition.height)
    assert head.first("og:image:alt") == post.hero_alt


def test_a_post_is_described_as_a_blog_posting(client, post):
    [data] = head_of(client, post.url).json_ld
    url = "http://testserver" + post.url
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Der erste Ziegenkäse des Jahres"
    assert data["description"] == "Im Mai kommt der erste Frischkäse von Hof Lindenau."
    assert data["datePublished"] == "2026-05-02"
    assert data["dateModified"] == "2026-05-12"
    assert data["url"] == url
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["image"]["@type"] == "ImageObject"
    assert data["image"]["url"].startswith("http://testserver/")
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Greta Hansen",
            "jobTitle": "Käsetheke",
            "url": "http://testserver/blog/author/greta-hansen/",
            "worksFor": {
                "@type": "Organization",
                "name": "Theke",
                "url": "http://testserver/",
            },
        }
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Theke",
        "url": "http://testserver/",
    }
    assert data["articleSection"] == ["Neues vom Hof"]


def test_json_ld_cannot_be_closed_by_a_title(client, site):
    _, blog, _ = site
    title = "Käse</script><script>alert(1)</script><!--"
    post = BlogPageFactory(parent=blog, title=title)
    response = client.get(post.url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    parser = HeadParser()
    parser.feed(html)
    assert parser.json_ld[0]["headline"] == title


def test_json_ld_script_escapes_what_could_end_the_element():
    html = json_ld_script({"a": "</script> & <!-- >"})
    body = html.removeprefix('<script type="application/ld+json">').removesuffix(
        "</script>"
    )
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"a": "</script> & <!-- >"}


def test_a_post_not_yet_in_the_tree_still_gets_a_head(site):
    """Previews of a new post render before the post has a place or a URL."""
    post = BlogPage(title="Neu", intro="Noch nicht gespeichert.", body=[])
    request = RequestFactory().get("/")
    html = Template("{% load seo_tags %}{% seo_head %}").render(
        Context({"request": request, "page": post})
    )
    assert '<meta property="og:title" content="Neu">' in html
    assert '"@type": "BlogPosting"' in html


# Author, listing and producer pages


def test_an_author_page_is_a_profile_page_about_a_person(client, post):
    head = head_of(client, "/blog/author/greta-hansen/")
    assert head.first("og:type") == "profile"
    assert head.first("og:title") == "Greta Hansen"
    assert head.link("canonical")[0]["href"] == (
        "http://testserver/blog/author/greta-hansen/"
    )
    [data] = head.json_ld
    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Greta Hansen"
    assert person["jobTitle"] == "Käsetheke"
    assert person["url"] == "http://testserver/blog/author/greta-hansen/"
    assert person["image"].startswith("http://testserver/")


def test_a_category_listing_names_its_category(client, post):
    head = head_of(client, "/blog/category/neues-vom-hof/")
    assert head.first("og:title") == "Neues vom Hof – Blog"
    assert head.json_ld == []


def test_a_filtered_listing_points_to_its_own_route(client, post):
    head = head_of(client, "/blog/", category="neues-vom-hof", page="2")
    assert head.link("canonical")[0]["href"] == (
        "http://testserver/blog/category/neues-vom-hof/?page=2"
    )


@pytest.mark.parametrize(
    ("page", "canonical"),
    [
        ("2", "http://testserver/blog/?page=2"),
        ("1", "http://testserver/blog/"),
        ("abc", "http://testserver/blog/"),
    ],
)
def test_each_page_of_a_listing_is_its_own_canonical(client, post, page, canonical):
    head = head_of(client, "/blog/", page=page)
    assert head.link("canonical")[0]["href"] == canonical


def test_a_producer_is_described_as_an_organization(client, site):
    _, _, producers = site
    producer = ProducerPageFactory(
        parent=producers,
        title="Hof Lindenau",
        summary="Ziegen auf der Weide.",
        place="Lindenau",
        region="Uckermark",
        since=1987,
        website="https://hof-lindenau.example",
        hero_image=ImageFactory(),
    )
    head = head_of(client, producer.url)
    assert head.first("og:title") == "Hof Lindenau"
    assert head.first("og:description") == "Ziegen auf der Weide."
    [data] = head.json_ld
    assert data["@type"] == "Organization"
    assert data["name"] == "Hof Lindenau"
    assert data["url"] == "https://hof-lindenau.example"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Lindenau",
        "addressRegion": "Uckermark",
    }
    assert data["foundingDate"] == "1987"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver" + producer.url


# The home page and the shop


@pytest.fixture
def shop(site):
    shop = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    shop.shop_name = "Hofladen Lindenau"
    shop.tagline = "Frisches vom Land"
    shop.street = "Dorfstraße 4"
    shop.postal_code = "17291"
    shop.city = "Lindenau"
    shop.opening_hours = "Mo–Fr 8–18 Uhr\nSa 8–13 Uhr\nSonntag geschlossen"
    shop.phone = "+49 39851 1234"
    shop.contact_email = "hallo@hofladen.example"
    shop.shop_url = "https://shop.hofladen.example"
    shop.save()
    return shop


def test_the_home_page_describes_the_shop_as_a_store(client, shop):
    head = head_of(client, "/")
    [[store, website]] = head.json_ld
    assert store == {
        "@context": "https://schema.org",
        "@type": "Store",
        "name": "Hofladen Lindenau",
        "description": "Frisches vom Land",
        "url": "http://testserver/",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Dorfstraße 4",
            "postalCode": "17291",
            "addressLocality": "Lindenau",
            "addressCountry": "DE",
        },
        "openingHours": ["Mo-Fr 08:00-18:00", "Sa 08:00-13:00"],
        "telephone": "+49 39851 1234",
        "email": "hallo@hofladen.example",
        "sameAs": ["https://shop.hofladen.example"],
    }
    assert website["@type"] == "WebSite"
    assert website["potentialAction"]["target"] == (
        "http://testserver/search/?q={search_term_string}"
    )


def test_the_home_page_previews_with_the_shop_name(client, shop):
    head = head_of(client, "/")
    assert head.first("og:site_name") == "Hofladen Lindenau"
    assert head.first("og:type") == "website"
    assert head.first("description") == "Frisches vom Land"
    assert head.link("canonical")[0]["href"] == "http://testserver/"


def test_the_locale_follows_the_language(client, post):
    client.cookies["django_language"] = "en"
    assert head_of(client, post.url).first("og:locale") == "en_GB"


def test_pages_without_a_page_object_still_get_a_head(client, site):
    head = head_of(client, "/search/", q="Käse")
    assert head.first("robots") == "noindex"
    assert head.link("canonical") == []
    assert head.first("og:site_name") == "Theke"


@pytest.mark.parametrize(
    ("line", "spec"),
    [
        ("Mo–Fr 8–18 Uhr", ["Mo-Fr 08:00-18:00"]),
        ("Sa 8:30 - 13 Uhr", ["Sa 08:30-13:00"]),
        ("Mo.–Fr.: 7.30–18.30", ["Mo-Fr 07:30-18:30"]),
        ("Mo bis Fr 8 bis 18", ["Mo-Fr 08:00-18:00"]),
        ("Di, Do 9–12 und 14–18 Uhr", ["Tu,Th 09:00-12:00", "Tu,Th 14:00-18:00"]),
        ("Monday to Friday 8-18h", ["Mo-Fr 08:00-18:00"]),
        ("Sonntag geschlossen", []),
        ("nach Absprache 9-10", []),
        ("Mo 25-26", []),
        ("Mo 8-12 und nach Absprache", []),
        ("", []),
    ],
)
def test_opening_hours_become_schema_org_specs_or_nothing(line, spec):
    assert opening_hours_spec(line) == spec


# Cost


def render_seo_head(page):
    """The number of queries the tag makes for a freshly loaded page."""
    page = BlogPage.objects.get(pk=page.pk)
    request = RequestFactory().get(page.url)
    context = page.get_context(request)
    with CaptureQueriesContext(connection) as queries:
        Template("{% load seo_tags %}{% seo_head %}").render(Context(context))
    return len(queries)


def test_seo_head_queries_do_not_grow_with_authors_or_tags(site):
    _, blog, _ = site

    def post_with(count):
        return BlogPageFactory(
            parent=blog,
            authors=[AuthorFactory() for _ in range(count)],
            categories_list=[CategoryFactory() for _ in range(count)],
            tag_names=[f"tag-{count}-{number}" for number in range(count)],
        )

    few, many = post_with(1), post_with(5)
    render_seo_head(few)  # warm the site, settings and rendition caches
    render_seo_head(many)
    assert render_seo_head(many) == render_seo_head(few)
