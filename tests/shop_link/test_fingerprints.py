"""Entries read exactly as the last time are passed over unchecked, and only those."""

import io
from contextlib import contextmanager
from unittest import mock

import pytest

from shop_link.feeds import parse_feed
from shop_link.feeds.checks import _ItemCheck
from shop_link.items import FeedItem, RejectedItem, UnchangedItem
from shop_link.models import Product, SyncRun
from shop_link.sync.runs import sync_source
from shop_link.sync.writing import NO_FINGERPRINT
from tests.factories import feed_source, merchant_item, merchant_xml

pytestmark = pytest.mark.django_db

FEED = merchant_xml(
    merchant_item("BUTTER-1", title="Landbutter"),
    merchant_item("QUARK-1", title="Quark", price="1.90 EUR"),
)


@contextmanager
def checked():
    """The ids of the entries the parser checks in full meanwhile."""
    ids = []
    original = _ItemCheck.run

    def run(check):
        ids.append(check.raw.external_id)
        return original(check)

    with mock.patch.object(_ItemCheck, "run", run):
        yield ids


def read(feed, known=None, **options):
    return list(parse_feed(io.BytesIO(feed), "merchant-xml", known=known, **options))


def fingerprints(entries):
    return {entry.external_id: entry.fingerprint for entry in entries}


def test_items_carry_a_fingerprint_when_the_caller_keeps_them():
    entries = read(FEED, known={})

    assert all(isinstance(entry, FeedItem) for entry in entries)
    assert all(len(entry.fingerprint) == 32 for entry in entries)
    assert len(set(fingerprints(entries).values())) == 2
    assert all(entry.fingerprint == "" for entry in read(FEED))


def test_an_entry_read_as_before_is_passed_over_unchecked():
    known = fingerprints(read(FEED, known={}))
    changed = FEED.replace(b"1.90 EUR", b"1.95 EUR")

    with checked() as checked_ids:
        entries = read(changed, known=known)

    assert entries[0] == UnchangedItem("BUTTER-1", known["BUTTER-1"])
    assert isinstance(entries[1], FeedItem)
    assert entries[1].fingerprint != known["QUARK-1"]
    assert checked_ids == ["QUARK-1"]


@pytest.mark.parametrize(
    "options",
    [{"default_currency": "CHF"}, {"base_url": "https://partner.example/feed.xml"}],
    ids=["currency", "base-url"],
)
def test_other_parse_options_mean_other_fingerprints(options):
    known = fingerprints(read(FEED, known={}))

    entries = read(FEED, known=known, **options)

    assert not any(isinstance(entry, UnchangedItem) for entry in entries)


def test_a_second_entry_with_a_known_id_is_still_a_duplicate():
    first = merchant_xml(merchant_item("BUTTER-1"))
    known = fingerprints(read(first, known={}))
    twice = merchant_xml(merchant_item("BUTTER-1"), merchant_item("BUTTER-1"))

    entries = read(twice, known=known)

    assert isinstance(entries[0], UnchangedItem)
    assert isinstance(entries[1], RejectedItem)
    assert "BUTTER-1" in entries[1].reason


def test_a_dated_sale_is_checked_on_every_sync():
    sale = merchant_xml(
        merchant_item(
            "BUTTER-1",
            sale_price="2.50 EUR",
            sale_price_effective_date="2020-01-01T00:00Z/2999-12-31T23:59Z",
        )
    )

    [entry] = read(sale, known={})

    assert isinstance(entry, FeedItem)
    assert entry.fingerprint == ""


# In the sync


def test_a_re_sync_checks_no_entry_of_an_unchanged_feed():
    source = feed_source()
    sync_source(source, stream=io.BytesIO(FEED), fetch_images=False)

    with checked() as checked_ids:
        again = sync_source(source, stream=io.BytesIO(FEED), fetch_images=False)

    assert checked_ids == []
    assert (again.unchanged, again.updated) == (2, 0)


def test_an_entry_written_differently_with_the_same_values_stays_unchanged():
    source = feed_source()
    sync_source(source, stream=io.BytesIO(FEED), fetch_images=False)
    butter = Product.objects.get(external_id="BUTTER-1")
    respaced = FEED.replace(b"<g:title>Landbutter<", b"<g:title>  Landbutter <")

    run = sync_source(source, stream=io.BytesIO(respaced), fetch_images=False)

    assert run.status == SyncRun.Status.SUCCEEDED
    assert (run.unchanged, run.updated) == (2, 0)
    after = Product.objects.get(external_id="BUTTER-1")
    assert after.updated_at == butter.updated_at
    assert after.content_hash[32:] == butter.content_hash[32:]
    assert after.content_hash[:32] != butter.content_hash[:32]
    # The new wording is remembered: the next sync passes over it unchecked.
    with checked() as checked_ids:
        sync_source(source, stream=io.BytesIO(respaced), fetch_images=False)
    assert checked_ids == []


def test_products_stored_without_a_fingerprint_get_one_without_being_rewritten():
    source = feed_source()
    sync_source(source, stream=io.BytesIO(FEED), fetch_images=False)
    for product in Product.objects.all():
        product.content_hash = NO_FINGERPRINT + product.content_hash[32:]
        product.save()
    before = {p.pk: p.updated_at for p in Product.objects.all()}

    run = sync_source(source, stream=io.BytesIO(FEED), fetch_images=False)

    assert (run.unchanged, run.updated) == (2, 0)
    assert {p.pk: p.updated_at for p in Product.objects.all()} == before
    assert not Product.objects.filter(content_hash__startswith=NO_FINGERPRINT).exists()
