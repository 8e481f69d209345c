"""A story, producer or product without a picture gets a quiet stand-in drawn in
the site's colours: the shop's leaf on a plain surface, no hatched box."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    build_catalogue,
    build_site,
)

pytestmark = pytest.mark.django_db

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "theke.css"


@pytest.fixture
def site():
    return build_site()


def card_of(html, title):
    """The teaser or product card whose title is `title`."""
    for card in re.findall(
        r"<article class=\"(?:teaser|product-card)[^\"]*\">.*?</article>", html, re.S
    ):
        if title in card:
            return card
    raise AssertionError(f"no card for {title!r}")


def placeholder_in(card):
    found = re.search(r'<div class="picture-placeholder[^"]*">(.*?)</div>', card, re.S)
    assert found, "the card has no picture placeholder"
    return found.group(0)


@pytest.mark.parametrize("where", ["blog", "home"])
def test_a_post_without_a_picture_shows_the_quiet_placeholder(client, site, where):
    home, blog, _ = site
    BlogPageFactory(parent=blog, title="Neue Öffnungszeiten", hero_image=None)

    html = client.get((blog if where == "blog" else home).url).content.decode()

    placeholder = placeholder_in(card_of(html, "Neue Öffnungszeiten"))
    assert "picture-placeholder--warm" in placeholder
    assert "teaser__placeholder" in placeholder
    assert '<svg class="picture-placeholder__mark"' in placeholder
    assert 'aria-hidden="true"' in placeholder


def test_a_post_with_a_picture_shows_it_and_no_placeholder(client, site):
    _, blog, _ = site
    BlogPageFactory(parent=blog, title="Heuernte")

    html = client.get(blog.url).content.decode()

    card = card_of(html, "Heuernte")
    assert 'class="teaser__image"' in card
    assert "picture-placeholder" not in card


def test_producers_and_products_without_a_picture_get_the_green_placeholder(
    client, site
):
    home, _, producers = site
    catalogue = build_catalogue(home)
    ProducerPageFactory(parent=producers, title="Kranichmühle")
    ProductFactory(title="Roggenmehl Type 1150")

    producer_card = card_of(client.get(producers.url).content.decode(), "Kranichmühle")
    product_card = card_of(
        client.get(catalogue.url).content.decode(), "Roggenmehl Type 1150"
    )

    assert "picture-placeholder--green" in placeholder_in(producer_card)
    assert "picture-placeholder--green" in placeholder_in(product_card)


def css_rules(css):
    """(selector, declarations) for every rule of the stylesheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.findall(r"([^{}]+)\{([^{}]*)\}", css)


def test_no_placeholder_is_drawn_with_a_hatched_pattern():
    rules = [
        (selector.strip(), body)
        for selector, body in css_rules(STYLESHEET.read_text())
        if "placeholder" in selector and "::placeholder" not in selector
    ]

    assert any(selector == ".picture-placeholder" for selector, _ in rules)
    hatched = [selector for selector, body in rules if "repeating-" in body]
    assert hatched == []
