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
    """Let SQLite's planner know how the index entries are spread.

    Without statistics SQLite takes the entries' content type index for a
    narrow one and runs the full-text match once for every entry of the
    type: a search of 10,000 products took seconds instead of milliseconds.
    PostgreSQL gathers its statistics itself.
    """
    connection = connections[router.db_for_write(IndexEntry)]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {IndexEntry._meta.db_table}")
