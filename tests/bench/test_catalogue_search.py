"""The catalogue search benchmark in small (`bench/catalogue_search.py`, which
`make bench-import` runs after its import of 100,000 products): a generated
feed synced for real, every search rendered, what each finds and its queries."""

import pytest
from django.test import Client

from bench import catalogue_search, import_bench
from shop_link.models import Product, ProductSource
from shop_link.sync.runs import sync_source

pytestmark = pytest.mark.django_db

# A warm request for a search: the catalogue's page, the producers of the
# filters, the count and the page of products; a search that finds nothing has
# no page of products to read. (Each process remembers the site, its root page
# and the filter's categories while nothing was purged.)
QUERIES = 4


@pytest.fixture
def catalogue(tmp_path, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.SHOP_LINK_FEED_FOLDERS = [str(tmp_path)]
    feed = tmp_path / "feed.xml"
    import_bench.write_feed(feed, 300)
    source = ProductSource.objects.create(
        name="Benchmark",
        format="merchant-xml",
        location=str(feed),
        shop_name="Hofladen",
    )
    assert sync_source(source, fetch_images=False).created == 300
    return catalogue_search.catalogue_url()


def test_every_search_of_the_benchmark_renders_and_finds_what_it_should(catalogue):
    client = Client()
    catalogue_search.warm(client, catalogue)
    results = {
        label: catalogue_search.measure(client, catalogue, query, rounds=1)
        for label, query in catalogue_search.SEARCHES.items()
    }

    on_sale = Product.objects.on_sale()
    assert (
        results["one word"]["found"]
        == on_sale.filter(title__contains="Bergkäse").count()
    )
    assert (
        results["inside compounds"]["found"]
        == on_sale.filter(category__startswith="Brot").count()
    )
    # SQLite's index folds umlauts away, so "äpfel" also finds "Apfelsaft" there.
    spelled_out = on_sale.filter(title__startswith="Äpfel").count()
    assert results["umlaut spelled out"]["found"] >= spelled_out > 0
    assert results["nothing found"]["found"] == 0
    assert all(
        result["found"] > 0
        for label, result in results.items()
        if label != "nothing found"
    )
    assert {label: result["queries"] for label, result in results.items()} == {
        label: QUERIES - (label == "nothing found")
        for label in catalogue_search.SEARCHES
    }
