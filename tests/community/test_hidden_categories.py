"""Hidden categories: gone from the listings, the home page and the catalogue of
the member who hid them, and only theirs, with a note that says how many."""

import pytest
from django.conf import settings as django_settings

from community.members.preferences import hide_blog_category, hide_product_category
from community.models import HiddenCategory
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    ProductFactory,
    build_catalogue,
    build_site,
    member,
    text_of,
    warm_count,
)

pytestmark = pytest.mark.django_db

HIDE_URL = "/account/interests/categories/"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def shop():
    home, blog, _producers = build_site()
    catalogue = build_catalogue(home)
    author = AuthorFactory(name="Hanna Hof")
    recipes = CategoryFactory(name="Rezepte", slug="rezepte")
    farm = CategoryFactory(name="Vom Hof", slug="vom-hof")
    posts = {}
    for title, categories in [
        ("Kürbissuppe", [recipes]),
        ("Apfelkuchen", [recipes]),
        ("Ernte und Kuchen", [recipes, farm]),
        ("Heuernte", [farm]),
        ("Neue Kälber", [farm]),
    ]:
        posts[title] = BlogPageFactory(
            parent=blog,
            title=title,
            authors=[author],
            categories_list=categories,
            tag_names=["herbst"],
        )
    ProductFactory(title="Bergkäse", slug="bergkaese", category="Käse")
    ProductFactory(title="Frischkäse", slug="frischkaese", category="Käse")
    ProductFactory(title="Roggenbrot", slug="roggenbrot", category="Brot")
    return {
        "blog": blog,
        "catalogue": catalogue,
        "author": author,
        "recipes": recipes,
        "farm": farm,
        "posts": posts,
    }


@pytest.fixture
def anna(shop):
    """A member who never wants to see recipes or cheese."""
    anna = member("Anna Berger")
    hide_blog_category(anna, shop["recipes"])
    hide_product_category(anna, "Käse")
    return anna


def listing_urls(shop):
    blog = shop["blog"]
    return {
        "blog": blog.url,
        "tag": blog.url + blog.reverse_subpage("tag", args=["herbst"]),
        "author": blog.url + blog.reverse_subpage("author", args=["hanna-hof"]),
        "query_filter": blog.url + "?tag=herbst",
    }


LISTINGS = ["blog", "tag", "author", "query_filter"]


def titles_in(html, titles):
    return {title for title in titles if f">{title}</a>" in html}


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_members_listings_leave_out_what_they_hid_and_say_so(
    client, shop, anna, listing
):
    client.force_login(anna)

    response = client.get(listing_urls(shop)[listing])

    html = response.content.decode()
    assert titles_in(html, shop["posts"]) == {"Heuernte", "Neue Kälber"}
    text = text_of(response)
    assert "3 stories hidden by your settings — show them · change settings" in text
    assert 'href="/account/interests/#hidden"' in html


def test_the_hidden_categorys_own_listing_is_empty_but_says_why(client, shop, anna):
    client.force_login(anna)
    blog = shop["blog"]

    response = client.get(blog.url + blog.reverse_subpage("category", args=["rezepte"]))

    assert titles_in(response.content.decode(), shop["posts"]) == set()
    assert "3 stories hidden by your settings" in text_of(response)


def test_show_them_shows_everything_for_once(client, shop, anna):
    client.force_login(anna)
    blog = shop["blog"]

    first = client.get(blog.url + "?tag=herbst")
    assert f'href="{blog.url}?tag=herbst&amp;hidden=show"' in first.content.decode()
    response = client.get(blog.url + "?tag=herbst&hidden=show")

    html = response.content.decode()
    assert titles_in(html, shop["posts"]) == set(shop["posts"])
    assert "Showing 3 stories your settings hide. Hide them again" in text_of(response)
    assert f'href="{blog.url}?tag=herbst"' in html


def test_the_home_page_leaves_out_what_the_member_hid(client, shop, anna):
    client.force_login(anna)

    response = client.get("/")

    assert titles_in(response.content.decode(), shop["posts"]) == {
        "Heuernte",
        "Neue Kälber",
    }
    assert "3 stories hidden by your settings" in text_of(response)


def test_the_catalogue_leaves_out_the_product_categories_the_member_hid(
    client, shop, anna
):
    client.force_login(anna)

    response = client.get(shop["catalogue"].url)

    html = response.content.decode()
    assert titles_in(html, ["Bergkäse", "Frischkäse", "Roggenbrot"]) == {"Roggenbrot"}
    assert "2 products hidden by your settings — show them" in text_of(response)


@pytest.mark.parametrize("page", ["home", "blog", "catalogue"])
def test_other_members_and_anonymous_readers_see_everything(client, shop, anna, page):
    url, shown = {
        "home": ("/", shop["posts"]),
        "blog": (shop["blog"].url, shop["posts"]),
        "catalogue": (shop["catalogue"].url, ["Bergkäse", "Frischkäse", "Roggenbrot"]),
    }[page]
    anonymous = client.get(url)
    client.force_login(member("Bernd Leser"))
    bernd = client.get(url)

    for response in (anonymous, bernd):
        html = response.content.decode()
        assert "hidden by your settings" not in html
        assert titles_in(html, shown) == set(shown)


def test_anonymous_pages_stay_the_same_whatever_members_hid(client, shop):
    urls = [shop["blog"].url, shop["catalogue"].url]
    before = [client.get(url).content for url in urls]
    anna = member("Anna Berger")
    hide_blog_category(anna, shop["recipes"])
    hide_product_category(anna, "Käse")

    after = [client.get(url) for url in urls]

    assert [response.content for response in after] == before
    assert all(not response.cookies for response in after)
    assert "Not interested" not in before[0].decode()


def test_a_member_hides_a_category_from_a_card_and_it_is_gone(client, shop):
    bernd = member("Bernd Leser")
    client.force_login(bernd)
    blog_url = shop["blog"].url
    html = client.get(blog_url).content.decode()
    assert "Not interested in “Vom Hof”" in html

    response = client.post(
        HIDE_URL,
        {"blog_category": shop["farm"].pk, "hide": "on", "next": blog_url},
    )

    assert response.status_code == 302
    assert response["Location"] == blog_url
    listing = client.get(blog_url)
    assert titles_in(listing.content.decode(), shop["posts"]) == {
        "Kürbissuppe",
        "Apfelkuchen",
    }
    assert "3 stories hidden by your settings" in text_of(listing)


def test_a_product_card_offers_its_category(client, shop):
    client.force_login(member("Bernd Leser"))

    html = client.get(shop["catalogue"].url).content.decode()

    assert 'name="product_category" value="Käse"' in html
    assert 'Not interested in this category<span class="visually-hidden">: Käse' in (
        html
    )


def test_a_category_is_shown_again_with_one_click(client, shop, anna):
    client.force_login(anna)

    client.post(HIDE_URL, {"blog_category": shop["recipes"].pk})
    client.post(HIDE_URL, {"product_category": "Käse"})

    assert not HiddenCategory.objects.filter(user=anna).exists()
    assert "hidden by your settings" not in text_of(client.get(shop["blog"].url))


def test_the_interests_page_ticks_the_hidden_categories(client, shop, anna):
    client.force_login(anna)

    html = client.get("/account/interests/").content.decode()

    box = f'id="blog-category-{shop["recipes"].pk}-box" name="hide" value="on" checked'
    assert box in html
    assert f'id="blog-category-{shop["farm"].pk}-box" name="hide" value="on">' in html


def test_a_next_address_on_another_site_is_not_followed(client, shop):
    client.force_login(member("Bernd Leser"))

    response = client.post(
        HIDE_URL,
        {
            "blog_category": shop["farm"].pk,
            "hide": "on",
            "next": "https://evil.example/",
        },
    )

    assert (
        response["Location"] == f"/account/interests/#blog-category-{shop['farm'].pk}"
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"blog_category": "99999999999999999999", "hide": "on"}, "no such story"),
        ({"blog_category": "²", "hide": "on"}, "no such story"),
        ({"blog_category": "1 OR 1=1", "hide": "on"}, "no such story"),
        ({"product_category": "Gibt es nicht", "hide": "on"}, "no product category"),
        ({"product_category": "K" * 5000, "hide": "on"}, "so long a name"),
        ({"hide": "on"}, "Say which one category"),
        (
            {"blog_category": "{recipes}", "product_category": "Käse", "hide": "on"},
            "Say which one category",
        ),
    ],
)
def test_hostile_input_gets_a_clear_error_and_hides_nothing(client, shop, data, error):
    bernd = member("Bernd Leser")
    client.force_login(bernd)
    data = {
        key: value.format(recipes=shop["recipes"].pk) for key, value in data.items()
    }

    response = client.post(HIDE_URL, data)

    assert response.status_code == 400
    assert error in text_of(response)
    assert not HiddenCategory.objects.filter(user=bernd).exists()


def test_anonymous_readers_cannot_hide_anything(client, shop):
    response = client.post(HIDE_URL, {"blog_category": shop["farm"].pk, "hide": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not HiddenCategory.objects.exists()


# What hiding costs. A member's listing takes a fixed number of queries more than
# an anonymous reader's, however much they hid and however many posts there are:
# the member's session, account and profile (3) and how many items their hidden
# categories leave out (1). Their hidden categories, and on the home page their
# interests for "For you", each process remembers while nothing was purged
# (community/members/preferences.py). A change here is a change in what every
# member's page view costs: look for the new query first.
MEMBER_EXTRA = {"blog": 4, "home": 4, "catalogue": 4}


def grow(shop, anna, scale):
    categories = [CategoryFactory() for _ in range(scale)]
    for n in range(3 * scale):
        BlogPageFactory(parent=shop["blog"], categories_list=[categories[n % scale]])
        ProductFactory(category=f"Sorte {n % scale}")
    for category in categories:
        hide_blog_category(anna, category)
    for n in range(scale):
        hide_product_category(anna, f"Sorte {n}")


@pytest.mark.parametrize("page", sorted(MEMBER_EXTRA))
def test_hidden_categories_cost_a_fixed_number_of_queries(client, shop, anna, page):
    url = {"blog": shop["blog"].url, "home": "/", "catalogue": shop["catalogue"].url}[
        page
    ]
    anonymous = warm_count(client, url)
    client.force_login(anna)
    small = warm_count(client, url)
    grow(shop, anna, 5)
    large = warm_count(client, url)

    assert small == large
    assert small - anonymous == MEMBER_EXTRA[page]
    assert django_settings.SESSION_COOKIE_NAME in client.cookies
