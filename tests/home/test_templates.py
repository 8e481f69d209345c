import re

import pytest
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from home.models import ShopSettings
from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    build_site,
    make_draft,
    make_private,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home, blog, producers = build_site()
    for section in (blog, producers):
        section.show_in_menus = True
        publish(section)
    return home, blog, producers


@pytest.fixture
def shop(site):
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = "Hofladen Lindenhof"
    settings.tagline = "Vom Hof nebenan"
    settings.street = "Dorfstraße 12"
    settings.postal_code = "17291"
    settings.city = "Lindenau"
    settings.opening_hours = "Di–Fr 9–18 Uhr\nSa 8–13 Uhr"
    settings.shop_url = "https://shop.example/"
    settings.phone = "+49 3984 123456"
    settings.contact_email = "hallo@lindenhof.example"
    settings.save()
    return settings


def get(client, url, language="de"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


# The frame of every page


def test_every_page_has_landmarks_a_skip_link_and_its_language(client, site):
    html = get(client, "/")
    assert '<html lang="de">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert re.search(r'<nav class="main-nav" aria-label="[^"]+">', html)
    assert '<html lang="en">' in get(client, "/", language="en")


def test_the_header_has_a_labelled_site_search(client, site):
    html = get(client, "/")
    form = re.search(r'<form class="search-form"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'role="search"' in form
    assert 'method="get"' in form
    assert f'action="{reverse("search")}"' in form
    assert 'name="q"' in form
    label = re.search(r'<label[^>]*for="site-search"[^>]*>([^<]+)</label>', form)
    assert label and label.group(1).strip()
    assert 'id="site-search"' in form


def test_the_language_switcher_posts_every_language_and_marks_the_current_one(
    client, site
):
    html = get(client, "/blog/?page=1")
    form = re.search(
        r'<form class="language-switcher"[^>]*>.*?</form>', html, re.S
    ).group(0)
    assert f'action="{reverse("set_language")}"' in form
    assert 'method="post"' in form
    assert "csrfmiddlewaretoken" not in form  # switching language sets no cookie
    assert '<input type="hidden" name="next" value="/blog/?page=1">' in form
    assert re.search(r'value="de" lang="de" aria-pressed="true">Deutsch<', form)
    assert re.search(r'value="en" lang="en" aria-pressed="false">English<', form)


def test_switching_the_language_renders_the_site_in_english(client, site):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/blog/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/blog/"
    html = client.get("/blog/").content.decode()
    assert '<html lang="en">' in html
    assert re.search(r'aria-pressed="true">English<', html)


def test_the_main_menu_marks_the_current_section(client, site):
    _, blog, producers = site
    post = BlogPageFactory(parent=blog)
    html = get(client, post.url)
    assert f'href="{blog.url}" aria-current="true"' in html
    assert f'href="{producers.url}">' in html
    assert f'href="{blog.url}" aria-current="page"' in get(client, blog.url)


def test_the_footer_shows_address_hours_contact_shop_and_feeds(client, shop):
    html = get(client, "/blog/")
    footer = html[html.index("<footer") :]
    assert "Dorfstraße 12" in footer and "17291 Lindenau" in footer
    assert "<li>Di–Fr 9–18 Uhr</li>" in footer
    assert 'href="tel:+493984123456"' in footer
    assert 'href="mailto:hallo@lindenhof.example"' in footer
    assert 'href="https://shop.example/"' in footer
    assert re.search(r'href="[^"]*/blog/feed/"', footer)
    assert re.search(r'href="[^"]*/blog/atom/"', footer)


def test_pages_run_no_inline_script_and_load_nothing_from_elsewhere(client, shop):
    html = get(client, "/")
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script or 'type="application/ld+json"' in script
    assert not re.search(r"""\s(src|srcset)=["']https?://""", html)
    assert 'rel="stylesheet" href="http' not in html


# The home page


def test_the_home_page_shows_hero_welcome_and_visit_section(client, shop, site):
    home, _, _ = site
    home.hero_title = "Vom Feld auf die Theke"
    home.hero_text = "Was in der Uckermark wächst."
    home.welcome = "<p>Schön, dass Sie da sind.</p>"
    publish(home)
    html = get(client, "/")
    assert re.search(r"<h1[^>]*>Vom Feld auf die Theke</h1>", html)
    assert "Was in der Uckermark wächst." in html
    assert "Schön, dass Sie da sind." in html
    main = html[html.index("<main") : html.index("</main>")]
    assert 'id="visit"' in main
    assert "Sa 8–13 Uhr" in main


def test_the_home_page_teases_the_six_newest_public_posts(client, site):
    _, blog, _ = site
    posts = [BlogPageFactory(parent=blog) for _ in range(8)]
    make_draft(BlogPageFactory(parent=blog, title="Entwurf vom Hof"))
    make_private(BlogPageFactory(parent=blog, title="Nur für Angemeldete"))
    html = get(client, "/")
    newest = sorted(posts, key=lambda post: post.date, reverse=True)
    for post in newest[:6]:
        assert f'href="{post.url}"' in html
    for post in newest[6:]:
        assert f'href="{post.url}"' not in html
    assert "Entwurf vom Hof" not in html
    assert "Nur für Angemeldete" not in html


def test_the_home_page_shows_the_live_producers(client, site):
    _, _, producers = site
    farm = ProducerPageFactory(parent=producers, title="Milchhof Brandt")
    make_draft(ProducerPageFactory(parent=producers, title="Hof in Gründung"))
    html = get(client, "/")
    assert f'href="{farm.url}"' in html
    assert "Hof in Gründung" not in html


@pytest.mark.usefixtures("rendered")
def test_the_home_page_needs_the_same_queries_for_few_or_many_stories(client, site):
    _, blog, producers = site
    for _ in range(2):
        BlogPageFactory(parent=blog)
        ProducerPageFactory(parent=producers)
    # The first request makes the shop's settings, which purges everything.
    get(client, "/")
    get(client, "/")
    few = count_queries(client, "/")
    for _ in range(6):
        BlogPageFactory(parent=blog)
        ProducerPageFactory(parent=producers)
    get(client, "/")
    assert count_queries(client, "/") == few


# Error pages


def test_a_missing_page_answers_404_in_the_site_design(client, shop):
    response = client.get("/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Hofladen Lindenhof" in html
    assert "This page is not on our shelves" in html
    assert 'role="search"' in html
    assert 'id="search-not-found"' in html


def test_the_500_page_renders_without_database_or_context_processors():
    with CaptureQueriesContext(connection) as queries:
        html = loader.get_template("500.html").render({})
    assert len(queries) == 0
    assert "<h1" in html
    assert "theke.css" in html
    assert 'href="/"' in html


def test_reading_pages_sets_no_cookie(client, site):
    """Readers are never tracked: no page a reader opens sets a cookie."""
    _, blog, producers = site
    for url in ("/", blog.url, producers.url, "/search/?q=milch"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, f"{url} set {list(response.cookies)}"
