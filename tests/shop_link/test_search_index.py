"""Products in the search index: every write path keeps it right (the sync in
bulk, saves and deletions one at a time), and a search finds words inside
compounds and however umlauts and the sharp s are spelled, on either database."""

import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from shop_link.models import Availability, Product
from shop_link.models.products import word_endings, written_forms
from shop_link.sync.runs import sync_source
from tests.factories import ProductFactory, build_catalogue, build_site, feed_source

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "sync"


def sync(source, feed=None):
    if feed is not None:
        source.location = str(FIXTURES / feed)
        source.save()
    return sync_source(source, fetch_images=False)


def found(query, **options):
    """The external ids of the products a search finds."""
    return set(
        Product.objects.matching(query, **options).values_list("external_id", flat=True)
    )


def indexed_ids():
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Product)
    )
    return {int(object_id) for object_id in entries.values_list("object_id", flat=True)}


# The words a product is found by


def test_word_endings_let_a_search_find_words_inside_compounds():
    endings = word_endings("Süßrahmbutter, 250 g").split()

    assert {"rahmbutter", "butter", "ter", "50"} - set(endings) == {"50"}
    assert "üßrahmbutter" in endings
    assert "süßrahmbutter" not in endings, "the whole word is indexed anyway"
    assert all(len(ending) >= 3 for ending in endings)


def test_spelled_out_umlauts_and_sharp_s_give_every_written_form():
    forms = written_forms("suessrahm")

    assert "süßrahm" in forms
    assert "süssrahm" in forms
    assert forms[0] == "suessrahm"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Roggenbrot", {"BROT-1"}),
        ("honig", {"HONIG-1"}),  # the end of "Lindenhonig", and its category
        # The end of "Weidemilch"; descriptions are searched by whole words and
        # their starts, so "Rohmilchkäse" in the cheese's is not found.
        ("milch", {"MILCH-1"}),
        ("linden", {"HONIG-1", "KAESE-1", "MILCH-1"}),  # "Lindenhonig", the brand
        ("KAESE uckermark", {"KAESE-1"}),
        ("käse uckermark", {"KAESE-1"}),
        ("Mueller", {"BROT-1"}),
        ("HOLZOFEN", {"BROT-1"}),
        ("brot honig", set()),  # every word must match
        ("Fisch", set()),
        ("!!!", set()),
    ],
)
def test_a_search_needs_every_word_in_any_spelling(query, expected):
    sync(feed_source())

    assert found(query) == expected


def test_numbers_are_found_as_typed_where_asked_for():
    sync(feed_source())

    assert found("4000000000013") == set(), "the catalogue searches no numbers"
    assert found("0000000013", numbers=("gtin", "sku")) == {"KAESE-1"}


def test_titles_come_first_and_products_still_sold_before_the_rest():
    sync(feed_source())
    sync(feed_source(name="partner"), "hofladen_next_week.xml")
    Product.objects.filter(source__name="partner", external_id="HONIG-1").update(
        availability=Availability.DISCONTINUED
    )

    products = Product.objects.matching("honig").order_by(
        "still_sold", "title_match", "title", "pk"
    )

    assert [(p.source.name, p.still_sold, p.title_match) for p in products] == [
        ("hofladen", 0, 0),
        ("partner", 1, 0),
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="an index of PostgreSQL's full-text search",
)
def test_postgresql_finds_matching_entries_through_an_index():
    """The backend matches `(title || body)`: only an index on that very
    expression spares a search reading every entry."""
    sync(feed_source())
    sql, _ = Product.objects.matching("käse").query.sql_with_params()
    matched = re.findall(r'\((\w+)\."title" \|\| \1\."body"\) @@', sql)
    assert matched, "the backend no longer matches (title || body)"
    products = ContentType.objects.get_for_model(Product)

    with connection.cursor() as cursor:
        # Entries of the same kind, so that the index is the way to them.
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, "
            "title_norm, title, body, autocomplete, title_text, body_text) "
            "SELECT %s, 'x' || n, 1, to_tsvector('german', 'Ware ' || n), "
            "to_tsvector('german', 'Beschreibung ' || n), '', '', '' "
            "FROM generate_series(1, 5000) AS n",
            [products.pk],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        # Whether it can use the index at all: which is cheaper depends on more
        # entries than a test makes (at 100,000 products it is the index).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry AS entry "
            "WHERE (entry.title || entry.body) @@ plainto_tsquery('german', %s)",
            ["Käse"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "theke_indexentry_title_body_gin" in plan, plan


# Keeping the index right


def test_a_sync_indexes_what_it_creates():
    source = feed_source()

    sync(source)

    assert indexed_ids() == set(source.products.values_list("pk", flat=True))
    assert found("Weidemilch") == {"MILCH-1"}


def test_a_sync_renews_the_entries_of_what_it_changes():
    source = feed_source()
    sync(source)
    assert found("14 gereift") == set()

    sync(source, "hofladen_next_week.xml")

    assert found("14 gereift") == {"KAESE-1"}
    assert found("12 gereift") == set()
    assert found("Freilandhaltung") == {"EIER-1"}


def test_products_no_longer_sold_stay_in_the_index():
    source = feed_source()
    sync(source)

    sync(source, "hofladen_next_week.xml")

    milk = Product.objects.get(external_id="MILCH-1")
    assert milk.availability == Availability.DISCONTINUED
    assert milk.pk in indexed_ids()
    assert found("Weidemilch") == {"MILCH-1"}
    assert (
        found("Weidemilch")
        & set(Product.objects.on_sale().values_list("external_id", flat=True))
        == set()
    )


def test_a_sync_that_fails_leaves_nothing_in_the_index():
    run = sync(feed_source("truncated.xml"))

    assert run.status == "failed"
    assert indexed_ids() == set()


def test_a_product_saved_or_deleted_on_its_own_is_indexed_by_the_signals():
    product = ProductFactory(title="Dinkelvollkornmehl", category="Mehl")
    assert found("vollkorn") == {product.external_id}

    product.description = "Aus der Kranichmühle."
    product.save()
    assert found("Kranichmuehle") == {product.external_id}

    product.delete()
    assert indexed_ids() == set()


# The catalogue's search


def test_the_catalogue_searches_once_for_the_count_and_the_page(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # every request renders
    home, _blog, _producers = build_site()
    catalogue = build_catalogue(home)
    for number in range(30):
        ProductFactory(title=f"Bergkäse Nr. {number:02d}", category="Käse")
    ProductFactory(title="Roggenbrot", category="Brot")
    url = f"{catalogue.url}?q=Bergkäse"
    client.get(url)

    with CaptureQueriesContext(connection) as first:
        first_page = client.get(url).content.decode()
    # Read now: the next request's start empties the connection's query log.
    searches = [q for q in first if "indexentry" in q["sql"].lower()]
    second_page = client.get(f"{url}&page=2").content.decode()

    assert len(searches) == 1
    shown = re.findall(r"Bergkäse Nr\. (\d\d)", first_page)
    assert sorted(set(shown)) == [f"{number:02d}" for number in range(24)]
    assert sorted(set(re.findall(r"Bergkäse Nr\. (\d\d)", second_page))) == [
        f"{number:02d}" for number in range(24, 30)
    ]
    assert "Roggenbrot" not in first_page + second_page
    count = re.search(r'class="catalogue__count"[^>]*>([^<]+)<', first_page)
    assert count.group(1).split()[0] == "30"
