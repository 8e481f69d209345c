"""Comment counts on the teasers of posts and producers, in the listing's query."""

import re

import pytest

from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    ProducerPageFactory,
    add_comment,
    build_site,
    member,
    warm_count,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def shop():
    home, blog, producers = build_site()
    author = AuthorFactory(name="Hanna Hof")
    category = CategoryFactory(name="Ernte", slug="ernte")
    talked_about = BlogPageFactory(
        parent=blog,
        title="Heuernte",
        authors=[author],
        categories_list=[category],
        tag_names=["heu"],
    )
    quiet = BlogPageFactory(
        parent=blog,
        title="Stille",
        authors=[author],
        categories_list=[category],
        tag_names=["heu"],
    )
    farm = ProducerPageFactory(parent=producers, title="Hof Sonnenwiese")
    anna = member("Anna Berger")
    add_comment(talked_about, anna, "Eins")
    add_comment(talked_about, anna, "Zwei")
    add_comment(talked_about, anna, "Gelöscht", is_removed=True)
    add_comment(talked_about, anna, "Wartet", is_public=False)
    add_comment(farm, anna, "Schöner Hof")
    return {
        "home": home,
        "blog": blog,
        "producers": producers,
        "post": talked_about,
        "quiet": quiet,
        "farm": farm,
        "author": author,
    }


def count_links(html, page):
    return re.findall(
        rf'<a class="teaser__comments" href="{re.escape(page.url)}#comments">'
        r"(\d+ comments?)</a>",
        html,
    )


@pytest.mark.parametrize(
    "listing", ["home", "blog", "category", "tag", "author", "query_filter"]
)
def test_post_teasers_show_their_public_comments_linked_to_the_discussion(
    client, shop, listing
):
    blog = shop["blog"]
    url = {
        "home": "/",
        "blog": blog.url,
        "category": blog.url + blog.reverse_subpage("category", args=["ernte"]),
        "tag": blog.url + blog.reverse_subpage("tag", args=["heu"]),
        "author": blog.url + blog.reverse_subpage("author", args=[shop["author"].slug]),
        "query_filter": blog.url + "?category=ernte",
    }[listing]

    html = client.get(url).content.decode()

    assert count_links(html, shop["post"]) == ["2 comments"]
    assert count_links(html, shop["quiet"]) == []


def test_producer_cards_show_their_comments(client, shop):
    html = client.get(shop["producers"].url).content.decode()

    assert count_links(html, shop["farm"]) == ["1 comment"]


def test_the_discussion_has_the_anchor_the_counts_link_to(client, shop):
    html = client.get(shop["post"].url).content.decode()

    assert 'id="comments"' in html


@pytest.mark.parametrize("url_of", ["home", "blog", "producers"])
def test_counts_cost_no_query_of_their_own(client, shop, url_of):
    url = "/" if url_of == "home" else shop[url_of].url
    before = warm_count(client, url)
    bernd = member("Bernd Leser")
    for page in (shop["post"], shop["quiet"], shop["farm"]):
        for n in range(5):
            add_comment(page, bernd, f"Noch einer {n}")
    BlogPageFactory(parent=shop["blog"])

    assert warm_count(client, url) == before
