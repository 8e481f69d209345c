"""Where the faces appear: under posts, producer pages and products, and on
/feedback/ for a QR code; the same for every reader, without a cookie."""

import re

import pytest

from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    build_catalogue,
    build_site,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home, blog, producers = build_site()
    catalogue = build_catalogue(home)
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    return {
        "post": BlogPageFactory(parent=blog, title="Sauerteig zu Hause"),
        "producer": producer,
        "product": ProductFactory(slug="bergkaese", producer=producer),
        "catalogue": catalogue,
    }


def widget_of(html: str) -> str:
    return re.search(r"<section class=\"feedback.*?</section>", html, re.S)[0]


def hidden(html: str, name: str) -> str | None:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    return found[1] if found else None


@pytest.mark.parametrize("kind", ["post", "producer"])
def test_posts_and_producer_pages_carry_the_faces(client, site, kind):
    page = site[kind]

    response = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en")
    widget = widget_of(response.content.decode())

    assert "How do you like this page?" in widget
    assert hidden(widget, "page") == str(page.pk)
    assert hidden(widget, "channel") == "web"
    assert hidden(widget, "product") is None
    assert re.findall(r'name="face" value="(\w+)"', widget) == [
        "happy",
        "neutral",
        "unhappy",
    ]
    assert 'action="/feedback/send/"' in widget


def test_a_product_page_carries_the_faces_for_its_product(client, site):
    response = client.get("/products/bergkaese/", HTTP_ACCEPT_LANGUAGE="en")
    widget = widget_of(response.content.decode())

    assert response.status_code == 200
    assert hidden(widget, "product") == str(site["product"].pk)
    assert hidden(widget, "page") is None


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Happy", "Neutral", "Unhappy"]),
        ("de", ["Zufrieden", "Neutral", "Unzufrieden"]),
    ],
)
def test_each_face_is_named_in_the_readers_language(client, site, language, labels):
    response = client.get(site["post"].url, HTTP_ACCEPT_LANGUAGE=language)
    widget = widget_of(response.content.decode())

    named = re.findall(r'<span class="feedback__label">([^<]+)</span>', widget)
    assert named == labels
    # The drawings say nothing to a screen reader; the names do.
    assert widget.count('aria-hidden="true"') == 3


def test_the_faces_set_no_cookie_and_carry_no_token(client, site, settings):
    # The guests' comment form under a discussion has a CSRF token of its own;
    # without it, nothing else on these pages may need a cookie.
    settings.COMMUNITY_GUESTS_MAY_COMMENT = False
    for url in (site["post"].url, "/products/bergkaese/", "/feedback/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert not response.cookies, f"{url} set {list(response.cookies)}"
        assert "csrfmiddlewaretoken" not in widget_of(html)


def test_every_reader_gets_the_same_faces(client, site):
    first = widget_of(client.get(site["post"].url).content.decode())
    second = widget_of(client.get(site["post"].url).content.decode())

    assert first == second


@pytest.mark.parametrize(
    ("channel", "question"),
    [
        ("", "How was your visit?"),
        ("counter", "How was your shopping at our counter?"),
        ("delivery", "How was your delivery?"),
        ("online", "How was your order from our online shop?"),
    ],
)
def test_the_feedback_page_asks_about_the_channel_in_its_link(
    client, site, channel, question
):
    response = client.get(f"/feedback/?channel={channel}", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert response.status_code == 200
    heading = re.search(r'<h1 [^>]*id="feedback-question">([^<]+)</h1>', html)
    assert heading[1] == question
    assert hidden(html, "channel") == (channel or "web")
    assert '<meta name="robots" content="noindex">' in html


def test_the_feedback_page_refuses_a_channel_it_does_not_know(client, site):
    response = client.get("/feedback/?channel=<b>x</b>", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()

    assert response.status_code == 404
    assert "There is no such feedback channel." in html
    assert "<b>x</b>" not in html


def test_the_german_feedback_page_speaks_formally(client, site):
    response = client.get("/feedback/?channel=counter", HTTP_ACCEPT_LANGUAGE="de")
    text = text_of(response)

    assert "Wie war Ihr Einkauf bei uns an der Theke?" in text
    assert "Anonym: ohne Konto, ohne Cookie." in text
    assert not re.search(r"\b(du|dein|deine|dir|dich)\b", text.lower())
