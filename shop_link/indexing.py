"""Products in the search index, kept in step with what a sync writes in bulk.

Wagtail's signals index a product saved or deleted one at a time (the admin's
edits and deletions). Bulk writes send no signals, so the sync hands what it
created or rewrote to `index_products` in the same transaction: a sync that is
rolled back leaves the index as it was. Products no longer sold stay in the
index, as the catalogue lists them when asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from .models.products import Product


def index_products(products: Sequence[Product]) -> None:
    """Add or renew the index entries of `products`, in bulk for each backend.

    The products need their title, brand, category and description, and
    their ids: nothing is read from the database.
    """
    if not products:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Product, products)


def measure_index() -> None:
    """Have the database measure the index entries and the products anew.

    Without statistics both take the index entries of one content type for
    a few rows and join them to the products in a nested loop: a search of
    100,000 products just imported took minutes on PostgreSQL (whose own
    measuring comes later, when autovacuum gets to it) and seconds at
    10,000 on SQLite (which never measures by itself). ANALYZE reads a
    sample, a fraction of a second at 100,000 products.
    """
    connection = connections[router.db_for_write(IndexEntry)]
    with connection.cursor() as cursor:
        for model in (IndexEntry, Product):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
