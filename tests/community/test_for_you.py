"""“For you” on the home page: the newest stories and products that serve the
interests a member chose, and nothing learnt from what anyone reads."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from community.members.interests import NEW_PRODUCTS, OFFERS, RECIPES, TASTINGS
from community.members.preferences import choose_interest, hide_product_category
from community.models import InterestCategories
from shop_link.models import Product
from tests.factories import (
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


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def shop():
    home, blog, _producers = build_site()
    build_catalogue(home)
    recipes = CategoryFactory(name="Rezepte", slug="rezepte")
    events = CategoryFactory(name="Termine", slug="termine")
    farm = CategoryFactory(name="Vom Hof", slug="vom-hof")
    BlogPageFactory(
        parent=blog,
        title="Kürbissuppe",
        date=datetime.date(2026, 9, 1),
        categories_list=[recipes],
    )
    BlogPageFactory(
        parent=blog,
        title="Apfelkuchen",
        date=datetime.date(2026, 9, 20),
        categories_list=[recipes],
    )
    BlogPageFactory(
        parent=blog,
        title="Käseverkostung",
        date=datetime.date(2026, 9, 10),
        categories_list=[events],
    )
    BlogPageFactory(parent=blog, title="Heuernte", categories_list=[farm])
    row = InterestCategories.objects.get(interest=RECIPES)
    row.blog_categories.set([recipes])
    row.product_categories = ["Mehl"]
    row.save()
    InterestCategories.objects.get(interest=TASTINGS).blog_categories.set([events])
    old = timezone.now() - datetime.timedelta(days=200)
    for title, category, sale_price, created_at in [
        ("Dinkelmehl", "Mehl", None, old),
        ("Bergkäse im Angebot", "Käse", Decimal("2.50"), old),
        ("Neuer Ziegenkäse", "Käse", None, timezone.now()),
        ("Alter Gouda", "Käse", None, old),
    ]:
        product = ProductFactory(title=title, category=category, sale_price=sale_price)
        Product.objects.filter(pk=product.pk).update(created_at=created_at)
    return {"blog": blog}


def for_you(response):
    """The text of the "For you" section, or None without one."""
    text = text_of(response)
    if "For you Change your interests" not in text:
        return None
    start = text.index("For you Change your interests")
    return text[start : text.index("Newest stories", start)]


def test_readers_and_members_without_interests_get_no_section(client, shop):
    assert for_you(client.get("/")) is None
    client.force_login(member("Bernd Leser"))
    assert for_you(client.get("/")) is None


def test_stories_and_products_of_the_chosen_interest_newest_first(client, shop):
    anna = member("Anna Berger")
    choose_interest(anna, RECIPES, True)
    client.force_login(anna)

    section = for_you(client.get("/"))

    assert section.index("Apfelkuchen") < section.index("Kürbissuppe")
    assert "Dinkelmehl" in section
    for other in ("Käseverkostung", "Heuernte", "Bergkäse", "Ziegenkäse"):
        assert other not in section
    assert "For your interest: Recipes and cooking" in section
    assert "Chosen by what you told us interests you: Recipes and cooking." in section


def test_choosing_another_interest_changes_the_section(client, shop):
    anna = member("Anna Berger")
    choose_interest(anna, RECIPES, True)
    client.force_login(anna)
    client.post("/account/interests/", {"interest": TASTINGS, "chosen": "on"})
    client.post("/account/interests/", {"interest": RECIPES})

    section = for_you(client.get("/"))

    assert "Käseverkostung" in section
    assert "Apfelkuchen" not in section
    assert "Dinkelmehl" not in section


def test_offers_bring_products_with_a_sale_price(client, shop):
    anna = member("Anna Berger")
    choose_interest(anna, OFFERS, True)
    client.force_login(anna)

    section = for_you(client.get("/"))

    assert "Bergkäse im Angebot" in section
    assert "Alter Gouda" not in section
    assert "For your interest: Offers and coupons" in section


def test_new_products_bring_those_first_seen_lately(client, shop, settings):
    anna = member("Anna Berger")
    choose_interest(anna, NEW_PRODUCTS, True)
    client.force_login(anna)

    section = for_you(client.get("/"))

    assert "Neuer Ziegenkäse" in section
    assert "Alter Gouda" not in section
    settings.COMMUNITY_NEW_PRODUCT_DAYS = 365
    assert "Alter Gouda" in for_you(client.get("/"))


def test_for_you_leaves_out_the_categories_the_member_hid(client, shop):
    anna = member("Anna Berger")
    choose_interest(anna, OFFERS, True)
    choose_interest(anna, NEW_PRODUCTS, True)
    hide_product_category(anna, "Käse")
    client.force_login(anna)

    section = for_you(client.get("/"))

    assert "Käse" not in section
    assert "Nothing new for your interests at the moment." in section


def row_counts():
    """Rows in every table of the project, many-to-many tables included."""
    tables = sorted(
        {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    )
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def test_reading_stores_nothing_about_the_reader(client, shop):
    pages = ["/", shop["blog"].url, "/products/"]
    pages += [post.url for post in shop["blog"].get_children().specific()]
    pages += [product.get_absolute_url() for product in Product.objects.all()]
    for url in pages:
        # Renditions and the shop's settings are made on a page's first view.
        assert client.get(url).status_code == 200, url
    anna = member("Anna Berger")
    choose_interest(anna, RECIPES, True)
    client.force_login(anna)
    pages.append("/account/interests/")
    session = Session.objects.get(pk=client.session.session_key)
    before = row_counts()

    for url in pages:
        assert client.get(url).status_code == 200, url
        assert client.get(url + "?hidden=show").status_code == 200, url

    assert row_counts() == before
    assert Session.objects.get(pk=session.pk).session_data == session.session_data


def test_for_you_costs_the_same_with_more_stories_and_products(client, shop):
    anna = member("Anna Berger")
    for key in (RECIPES, TASTINGS, OFFERS, NEW_PRODUCTS):
        choose_interest(anna, key, True)
    client.force_login(anna)
    small = warm_count(client, "/")
    recipes = InterestCategories.objects.get(interest=RECIPES).blog_categories.get()
    for n in range(6):
        BlogPageFactory(parent=shop["blog"], categories_list=[recipes])
        ProductFactory(category="Mehl", sale_price=Decimal("1.00"), title=f"Mehl {n}")

    assert warm_count(client, "/") == small
