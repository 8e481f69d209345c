"""How fast the catalogue answers a search, and in how many queries.

Run by `bench/import_bench.py` on the database of its largest import, in a
process of its own (the page cache off, so every request renders): makes the
catalogue page if there is none, asks the catalogue for a few typical searches
through Django's test client and prints, as JSON, for each its queries, the
products found and the fastest and median time of its requests.

    python -m bench.catalogue_search [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import django

# What a customer types: a word, two words, a word spelled without its umlaut,
# a word that is part of compounds only, and a word no product has.
SEARCHES = {
    "one word": "Bergkäse",
    "two words": "Honig mild",
    "umlaut spelled out": "Aepfel",
    "inside compounds": "brot",
    "many products": "käse",
    "nothing found": "Zitronengras",
}
HOST = "127.0.0.1"


def catalogue_url() -> str:
    """The live catalogue's address, made under the home page if missing."""
    from home.models import HomePage
    from shop_link.models import ProductIndexPage

    catalogue = ProductIndexPage.objects.live().first()
    if catalogue is None:
        home = HomePage.objects.first()
        catalogue = home.add_child(
            instance=ProductIndexPage(title="Produkte", slug="produkte")
        )
    return catalogue.url


def warm(client, url: str) -> None:
    """Fill what a process keeps of the site (routes, settings) before counting."""
    for _request in range(2):
        client.get(url, headers={"host": HOST})


def measure(client, url: str, query: str, rounds: int) -> dict:
    """One search: the queries of a warm request, what it found, its times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shop_link.models import Product

    def get():
        response = client.get(url, {"q": query}, headers={"host": HOST})
        if response.status_code != 200:
            raise SystemExit(f"{url}?q={query} answered {response.status_code}.")
        return response

    get()  # the first render of this search
    with CaptureQueriesContext(connection) as queries:
        get()
    # Read now: the next request's start clears the connection's query log.
    count = len(queries)
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        get()
        times.append(time.perf_counter() - started)
    return {
        "query": query,
        "queries": count,
        "found": Product.objects.on_sale().matching(query).count(),
        "fastest_ms": min(times) * 1000,
        "median_ms": statistics.median(times) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    from django.conf import settings

    # Static files are not collected for the benchmark: link them unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    django.setup()
    from django.test import Client

    from shop_link.models import Product

    url = catalogue_url()
    client = Client()
    warm(client, url)
    results = {
        label: measure(client, url, query, arguments.rounds)
        for label, query in SEARCHES.items()
    }
    results["products"] = Product.objects.count()
    sys.stdout.write(json.dumps(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
