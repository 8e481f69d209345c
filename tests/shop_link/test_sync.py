"""The sync: a feed's products written in one transaction, unchanged ones left alone,
missing ones kept as no longer sold, hand-edited fields never touched, broken feeds
refused without a trace. Feeds are real Merchant Center XML files read by the real
parser; HTTP feeds come from a server on 127.0.0.1."""

import io
import socket
import threading
import time
from dataclasses import replace
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation
from PIL import Image

from shop_link.items import FeedItem
from shop_link.models import (
    Availability,
    BrandProducer,
    Product,
    ProductSource,
    SyncRun,
)
from shop_link.sync.runs import sync_source
from shop_link.sync.writing import MAX_PROBLEMS, content_hash, why_unstorable
from tests.factories import (
    ProducerPageFactory,
    build_site,
    feed_source,
    merchant_item,
    merchant_xml,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "sync"
FIRST_WEEK = {"KAESE-1", "BROT-1", "HONIG-1", "MILCH-1"}


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English, the language of their source."""
    with translation.override("en"):
        yield


def sync(source, feed=None, **options):
    """Sync the source, from another fixture feed if one is named."""
    if feed is not None:
        source.location = str(FIXTURES / feed)
        source.save()
    options.setdefault("fetch_images", False)
    return sync_source(source, **options)


def snapshot(source):
    """Every product row of the source as it stands in the database."""
    return {
        row["external_id"]: row
        for row in Product.objects.filter(source=source).order_by("pk").values()
    }


# Creating, updating, leaving alone


def test_a_first_sync_creates_every_product_of_the_feed():
    source = feed_source()

    run = sync(source)

    assert run.status == SyncRun.Status.SUCCEEDED
    assert (run.created, run.updated, run.unchanged, run.rejected) == (4, 0, 0, 0)
    assert set(source.products.values_list("external_id", flat=True)) == FIRST_WEEK
    cheese = Product.objects.get(external_id="KAESE-1")
    assert cheese.title == "Bergkäse, 12 Monate gereift"
    assert cheese.slug == "bergkaese-12-monate-gereift"
    assert cheese.price == Decimal("4.80")
    assert cheese.currency == "EUR"
    assert cheese.brand == "Hof Lindenau"
    assert cheese.gtin == "4000000000013"
    assert cheese.unit_price == (Decimal("24.00"), Decimal("1"), "kg")
    assert cheese.content_hash
    assert cheese.last_seen_at == cheese.synced_at
    honey = Product.objects.get(external_id="HONIG-1")
    assert honey.sale_price == Decimal("6.90")
    assert honey.availability == Availability.OUT_OF_STOCK


def test_a_second_sync_of_the_same_feed_changes_nothing():
    source = feed_source()
    sync(source)
    before = snapshot(source)

    run = sync(source)

    assert run.status == SyncRun.Status.SUCCEEDED
    assert (run.created, run.updated, run.unchanged, run.discontinued) == (0, 0, 4, 0)
    after = snapshot(source)
    for external_id, row in before.items():
        assert after[external_id]["updated_at"] == row["updated_at"]
        assert after[external_id]["synced_at"] == row["synced_at"]
        assert after[external_id]["last_seen_at"] > row["last_seen_at"]
        unchanged = {"last_seen_at"}
        assert {k: v for k, v in after[external_id].items() if k not in unchanged} == {
            k: v for k, v in row.items() if k not in unchanged
        }


def test_a_changed_product_is_updated_and_keeps_its_slug():
    source = feed_source()
    sync(source)
    bread_before = Product.objects.get(external_id="BROT-1")
    cheese_before = Product.objects.get(external_id="KAESE-1")

    run = sync(source, "hofladen_next_week.xml")

    assert (run.created, run.updated, run.unchanged) == (1, 1, 2)
    cheese = Product.objects.get(external_id="KAESE-1")
    assert cheese.title == "Bergkäse, 14 Monate gereift"
    assert cheese.price == Decimal("5.10")
    assert cheese.slug == cheese_before.slug == "bergkaese-12-monate-gereift"
    assert cheese.synced_at > cheese_before.synced_at
    assert cheese.updated_at > cheese_before.updated_at
    assert cheese.content_hash != cheese_before.content_hash
    bread = Product.objects.get(external_id="BROT-1")
    assert bread.updated_at == bread_before.updated_at
    assert bread.synced_at == bread_before.synced_at


def test_products_missing_from_the_feed_are_no_longer_sold_but_stay():
    source = feed_source()
    sync(source)
    milk_before = Product.objects.get(external_id="MILCH-1")

    run = sync(source, "hofladen_next_week.xml")

    assert run.discontinued == 1
    milk = Product.objects.get(external_id="MILCH-1")
    assert milk.availability == Availability.DISCONTINUED
    assert milk.slug == milk_before.slug
    assert milk.title == milk_before.title
    assert milk.last_seen_at == milk_before.last_seen_at
    assert source.products.count() == 5
    again = sync(source)
    assert again.discontinued == 0


def test_a_product_back_in_the_feed_is_on_sale_again():
    source = feed_source()
    sync(source)
    sync(source, "hofladen_next_week.xml")

    run = sync(source, "hofladen.xml")

    milk = Product.objects.get(external_id="MILCH-1")
    assert milk.availability == Availability.IN_STOCK
    assert milk.slug == "frische-weidemilch"
    # Back: the milk; changed back: the cheese; gone again: the eggs.
    assert (run.created, run.updated, run.unchanged, run.discontinued) == (0, 2, 2, 1)


def test_another_source_with_the_same_ids_is_left_alone():
    ours = feed_source()
    partner = ProductSource.objects.create(
        name="Partnerhof",
        format="merchant-xml",
        location=str(FIXTURES / "hofladen.xml"),
        shop_name="Partnerhof",
    )
    sync(ours)
    sync(partner)

    sync(ours, "hofladen_next_week.xml")

    assert partner.products.on_sale().count() == 4
    assert partner.products.get(external_id="KAESE-1").price == Decimal("4.80")
    assert Product.objects.filter(external_id="KAESE-1").count() == 2
    slugs = set(
        Product.objects.filter(external_id="KAESE-1").values_list("slug", flat=True)
    )
    assert slugs == {"bergkaese-12-monate-gereift", "bergkaese-12-monate-gereift-2"}


# What staff set by hand


def test_hand_edited_fields_survive_a_sync_that_changes_other_fields():
    build_site()
    producer = ProducerPageFactory(title="Hof Lindenau")
    source = feed_source()
    sync(source)
    cheese = Product.objects.get(external_id="KAESE-1")
    cheese.producer = producer
    cheese.producer_set_by_hand = True
    cheese.origin_notes = "Von der Weide hinter dem Hof."
    cheese.how_made = "Zwölf Monate im Gewölbekeller."
    cheese.save()

    sync(source, "hofladen_next_week.xml")

    cheese.refresh_from_db()
    assert cheese.price == Decimal("5.10")
    assert cheese.producer == producer
    assert cheese.producer_set_by_hand
    assert cheese.origin_notes == "Von der Weide hinter dem Hof."
    assert cheese.how_made == "Zwölf Monate im Gewölbekeller."


def test_brand_rules_give_products_their_producer():
    build_site()
    lindenau = ProducerPageFactory(title="Hof Lindenau")
    BrandProducer.objects.create(brand="HOF lindenau", producer=lindenau)
    source = feed_source()

    sync(source)
    sync(source, "hofladen_next_week.xml")

    assert set(lindenau.products.values_list("external_id", flat=True)) == {
        "KAESE-1",
        "MILCH-1",
        "EIER-1",  # brand "hof  LINDENAU": case and spaces do not matter
    }
    assert Product.objects.get(external_id="BROT-1").producer is None


def test_brand_rules_never_override_a_producer_set_by_hand():
    build_site()
    lindenau = ProducerPageFactory(title="Hof Lindenau")
    dairy = ProducerPageFactory(title="Molkerei am See")
    source = feed_source()
    sync(source)
    milk = Product.objects.get(external_id="MILCH-1")
    milk.producer = dairy
    milk.producer_set_by_hand = True
    milk.save()
    BrandProducer.objects.create(brand="Hof Lindenau", producer=lindenau)

    run = sync(source)

    milk.refresh_from_db()
    assert milk.producer == dairy
    assert Product.objects.get(external_id="KAESE-1").producer == lindenau
    # A new rule reaches the unchanged cheese; the milk is left as it was.
    assert (run.updated, run.unchanged) == (1, 3)
    assert sync(source).updated == 0


def test_a_product_without_a_matching_rule_keeps_its_producer():
    build_site()
    lindenau = ProducerPageFactory(title="Hof Lindenau")
    source = feed_source()
    sync(source)
    Product.objects.filter(external_id="BROT-1").update(producer=lindenau)

    sync(source, "hofladen_next_week.xml")

    assert Product.objects.get(external_id="BROT-1").producer == lindenau


# Feeds that are refused


@pytest.mark.parametrize(
    ("feed", "feed_format"),
    [
        ("truncated.xml", "merchant-xml"),
        ("not_a_feed.html", "merchant-xml"),
        ("hofladen.csv", "merchant-xml"),
        ("hofladen.xml", "shopify-json"),
        ("empty.xml", "merchant-xml"),
    ],
    ids=["truncated", "not-a-feed", "csv-as-xml", "xml-as-shopify", "empty"],
)
def test_a_broken_feed_changes_nothing(feed, feed_format):
    source = feed_source()
    sync(source)
    before = snapshot(source)
    source.location = str(FIXTURES / feed)
    source.format = feed_format
    source.save()

    run = sync(source)

    assert run.status == SyncRun.Status.FAILED
    assert run.message
    assert (run.created, run.updated, run.unchanged, run.discontinued) == (0, 0, 0, 0)
    assert snapshot(source) == before


def test_a_feed_that_breaks_off_after_some_products_writes_none_of_them():
    source = feed_source("truncated.xml")

    run = sync(source)

    assert run.status == SyncRun.Status.FAILED
    assert not Product.objects.exists()


def test_a_feed_without_a_usable_product_is_refused_while_products_are_on_sale():
    source = feed_source()
    sync(source)
    every_entry_bad = merchant_xml(
        merchant_item("KAESE-1", price="4,80 EUR"),
        merchant_item("BROT-1", price="-5.20 EUR"),
    )

    run = sync(source, stream=io.BytesIO(every_entry_bad))

    assert run.status == SyncRun.Status.FAILED
    assert "no usable product" in run.message
    assert "4 products" in run.message
    assert run.rejected == 2
    assert len(run.problems) == 2
    assert source.products.on_sale().count() == 4


def test_a_new_source_whose_entries_are_all_bad_reports_them():
    every_entry_bad = merchant_xml(merchant_item("KAESE-1", price="4,80 EUR"))

    run = sync(feed_source(), stream=io.BytesIO(every_entry_bad))

    assert run.status == SyncRun.Status.SUCCEEDED
    assert (run.created, run.rejected) == (0, 1)


def test_a_missing_feed_file_fails_clearly():
    run = sync(feed_source("no-such-feed.xml"))

    assert run.status == SyncRun.Status.FAILED
    assert "does not exist" in run.message
    assert "no-such-feed.xml" in run.message


def test_an_address_that_is_neither_http_nor_a_file_is_refused():
    source = feed_source()
    source.location = "ftp://hofladen.example/feed.xml"
    source.save()

    run = sync(source)

    assert run.status == SyncRun.Status.FAILED
    assert "neither an http(s) address nor a file path" in run.message


def test_relative_feed_paths_are_read_from_the_project_directory(settings):
    source = feed_source()
    source.location = str((FIXTURES / "hofladen.xml").relative_to(settings.BASE_DIR))
    source.save()

    assert sync(source).created == 4


# Rejected entries and problems


def test_bad_entries_are_reported_and_the_rest_goes_on():
    source = feed_source("with_rejects.xml")

    run = sync(source)

    assert run.status == SyncRun.Status.SUCCEEDED
    assert set(source.products.values_list("external_id", flat=True)) == {
        "KAESE-1",
        "MILCH-1",
    }
    assert run.created == 2
    assert run.rejected == 3
    rejected = [p for p in run.problems if p["kind"] == "rejected"]
    assert len(rejected) == 3
    assert all(p["location"] and p["reason"] for p in rejected)
    assert any("BROT-1" in p["location"] for p in rejected)
    assert any("HONIG-1" in p["location"] for p in rejected)


def test_entries_that_do_not_fit_the_product_table_are_named():
    fits = FeedItem("A-1", "Butter", "https://a.example/", Decimal("2.90"), "EUR")
    long_gtin = replace(fits, gtin="4" * 51)
    too_dear = replace(fits, price=Decimal("100000000.00"))
    unknown = replace(fits, availability="sometimes")

    assert why_unstorable(fits) is None
    assert why_unstorable(long_gtin) == "gtin is longer than 50 characters"
    assert why_unstorable(too_dear) == "price is too large"
    assert why_unstorable(unknown) == "unknown availability “sometimes”"


def test_the_problems_kept_are_capped_and_the_rest_counted():
    items = [merchant_item(f"OK-{n}") for n in range(3)]
    items += [
        merchant_item(f"BAD-{n}", price="-1.00 EUR") for n in range(MAX_PROBLEMS + 37)
    ]

    run = sync(feed_source(), stream=io.BytesIO(merchant_xml(*items)))

    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.rejected == MAX_PROBLEMS + 37
    assert len(run.problems) == MAX_PROBLEMS
    assert "37 more problems are not listed" in run.message
    run.refresh_from_db()
    assert len(run.problems) == MAX_PROBLEMS


# Slugs


def test_products_with_the_same_title_get_distinct_slugs():
    source = feed_source()
    feed = merchant_xml(
        *(merchant_item(f"B-{n}", title="Landbutter") for n in range(4))
    )

    sync(source, stream=io.BytesIO(feed))

    assert sorted(source.products.values_list("slug", flat=True)) == [
        "landbutter",
        "landbutter-2",
        "landbutter-3",
        "landbutter-4",
    ]


def test_a_title_without_letters_falls_back_to_the_id():
    feed = merchant_xml(merchant_item("Art 77", title="???"))

    sync(feed_source(), stream=io.BytesIO(feed))

    assert Product.objects.get().slug == "art-77"


# Runs


def test_a_run_is_visible_as_running_while_it_syncs():
    source = feed_source()
    seen = []

    def progress(done):
        seen.append((done, SyncRun.objects.get(source=source).status))

    run = sync(source, progress=progress)

    assert seen[-1] == (4, SyncRun.Status.RUNNING)
    run.refresh_from_db()
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.finished_at >= run.started_at
    assert run.message.startswith("created 4, updated 0, unchanged 0")
    assert source.last_run == run


def test_a_queued_run_handed_to_the_sync_becomes_the_run():
    source = feed_source()
    queued = SyncRun.objects.create(source=source, status=SyncRun.Status.QUEUED)
    seen = []

    def progress(done):
        seen.append(SyncRun.objects.values_list("pk", "status").get())

    run = sync(source, run=queued, progress=progress)

    assert seen[-1] == (queued.pk, SyncRun.Status.RUNNING)
    [stored] = SyncRun.objects.all()
    assert stored.pk == run.pk == queued.pk
    assert stored.status == SyncRun.Status.SUCCEEDED
    assert stored.created == 4
    assert stored.finished_at >= stored.started_at >= queued.started_at


def test_a_failed_run_keeps_its_reason():
    source = feed_source("truncated.xml")

    sync(source)

    run = SyncRun.objects.get(source=source)
    assert run.status == SyncRun.Status.FAILED
    assert run.finished_at is not None
    assert run.message


def test_the_content_hash_follows_every_stored_field():
    base = FeedItem("A", "Butter", "https://a.example/", Decimal("2.90"), "EUR")
    same = FeedItem(
        "A", "Butter", "https://a.example/", Decimal("2.90"), "EUR", warnings=("x",)
    )
    dearer = FeedItem("A", "Butter", "https://a.example/", Decimal("2.95"), "EUR")
    certified = FeedItem(
        "A",
        "Butter",
        "https://a.example/",
        Decimal("2.90"),
        "EUR",
        certifications=("Bio",),
    )

    assert content_hash(base) == content_hash(same)
    assert len({content_hash(base), content_hash(dearer), content_hash(certified)}) == 3


# Feeds over HTTP


class FeedServer(BaseHTTPRequestHandler):
    feed = (FIXTURES / "hofladen.xml").read_bytes()
    release = threading.Event()

    def do_GET(self):
        if self.path == "/feed.xml":
            self.answer(200, self.feed)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/feed.xml")
            self.end_headers()
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/feed.xml")
            self.end_headers()
        elif self.path == "/slow":
            self.release.wait(5)
            self.answer(200, self.feed)
        elif self.path == "/huge":
            self.answer(200, b" " * 4096)
        else:
            self.answer(404, b"not here")

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    server.daemon_threads = True
    FeedServer.release.clear()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    FeedServer.release.set()
    server.shutdown()
    server.server_close()


def url_source(url):
    source = feed_source()
    source.location = url
    source.save()
    return source


def test_a_feed_over_http_syncs(feed_server):
    run = sync(url_source(f"{feed_server}/feed.xml"))

    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.created == 4


def test_a_redirected_feed_syncs(feed_server):
    assert sync(url_source(f"{feed_server}/moved")).created == 4


def test_a_redirect_away_from_http_is_refused(feed_server):
    run = sync(url_source(f"{feed_server}/to-ftp"))

    assert run.status == SyncRun.Status.FAILED
    assert run.message.endswith(
        "cannot be downloaded: the server redirected to ftp://127.0.0.1/feed.xml, "
        "which is not an http(s) link."
    )


def test_an_http_error_fails_clearly(feed_server):
    run = sync(url_source(f"{feed_server}/gone.xml"))

    assert run.status == SyncRun.Status.FAILED
    assert "answered 404" in run.message
    assert "/gone.xml" in run.message


@override_settings(SHOP_LINK_FEED_TIMEOUT=0.3)
def test_a_feed_server_that_does_not_answer_times_out(feed_server):
    started = time.monotonic()

    run = sync(url_source(f"{feed_server}/slow"))

    assert time.monotonic() - started < 3
    assert run.status == SyncRun.Status.FAILED
    assert "did not answer within 0.3 seconds" in run.message


def test_an_unreachable_feed_server_fails_clearly():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now.

    run = sync(url_source(f"http://127.0.0.1:{port}/feed.xml"))

    assert run.status == SyncRun.Status.FAILED
    assert "cannot be reached" in run.message


@override_settings(SHOP_LINK_FEED_MAX_BYTES=1024)
def test_a_feed_larger_than_the_limit_is_refused(feed_server):
    run = sync(url_source(f"{feed_server}/huge"))

    assert run.status == SyncRun.Status.FAILED
    assert "larger than" in run.message


@override_settings(SHOP_LINK_FEED_DEADLINE=0.3)
def test_a_feed_server_that_trickles_cannot_hold_the_sync_open(raw_server):
    source = url_source(f"{raw_server('trickling')}/feed.xml")
    started = time.monotonic()

    run = sync(source)

    assert time.monotonic() - started < 3
    assert run.status == SyncRun.Status.FAILED
    assert run.message.startswith(
        f"The feed {source.location} cannot be downloaded: the download took "
        "longer than 0.3 seconds ("
    )
    assert not Product.objects.exists()


def test_a_feed_cut_short_fails_as_incomplete(raw_server):
    source = url_source(f"{raw_server('hanging up early')}/feed.xml")

    run = sync(source)

    assert run.status == SyncRun.Status.FAILED
    assert run.message == (
        f"The feed {source.location} cannot be downloaded: the server broke off "
        "after 100\xa0bytes of 1000\xa0bytes; the file is incomplete, try again "
        "later."
    )


# Pictures


def write_picture(path, colour):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), colour).save(path, "JPEG")


def test_pictures_from_a_local_feed_are_attached_after_the_sync(tmp_path):
    write_picture(tmp_path / "bilder" / "butter.jpg", (240, 220, 120))
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        merchant_xml(
            merchant_item("BUTTER-1", image_link="bilder/butter.jpg"),
            merchant_item("KAESE-9", title="Quark", image_link="bilder/fehlt.jpg"),
            merchant_item("MEHL-1", title="Dinkelmehl"),
        )
    )
    source = feed_source()
    source.location = str(feed)
    source.save()

    run = sync_source(source)

    assert run.status == SyncRun.Status.SUCCEEDED
    butter = Product.objects.get(external_id="BUTTER-1")
    assert butter.image is not None
    assert butter.image.width == 40
    assert butter.image_link.endswith("bilder/butter.jpg")
    assert Product.objects.get(external_id="KAESE-9").image is None
    image_problems = [p for p in run.problems if p["kind"] == "image"]
    assert [p["location"] for p in image_problems] == ["KAESE-9"]

    # The same link again: the picture is neither fetched again nor dropped.
    again = sync_source(source)
    assert again.unchanged == 3
    butter.refresh_from_db()
    assert butter.image is not None


def test_a_changed_image_link_brings_the_new_picture(tmp_path):
    write_picture(tmp_path / "alt.jpg", (200, 20, 20))
    write_picture(tmp_path / "neu.jpg", (20, 200, 20))
    feed = tmp_path / "feed.xml"
    source = feed_source()
    source.location = str(feed)
    source.save()
    feed.write_bytes(merchant_xml(merchant_item("BUTTER-1", image_link="alt.jpg")))
    sync_source(source)
    old_image = Product.objects.get().image

    feed.write_bytes(merchant_xml(merchant_item("BUTTER-1", image_link="neu.jpg")))
    run = sync_source(source)

    assert run.updated == 1
    product = Product.objects.get()
    assert product.image is not None
    assert product.image != old_image


# Two syncs at once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs every write transaction IMMEDIATE, one writer at a time",
)
def test_two_syncs_of_one_source_take_turns():
    source = feed_source()
    inside = threading.Event()
    go_on = threading.Event()
    runs = {}

    def hold(done):
        inside.set()
        go_on.wait(10)

    def first():
        try:
            runs["first"] = sync_source(source, progress=hold, fetch_images=False)
        finally:
            connection.close()

    def second():
        try:
            runs["second"] = sync_source(source, fetch_images=False)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert inside.wait(10)
    threads[1].start()
    time.sleep(0.5)
    assert "second" not in runs  # waiting for the first sync's lock
    go_on.set()
    for thread in threads:
        thread.join(20)

    assert runs["first"].created == 4
    assert runs["second"].created == 0
    assert runs["second"].unchanged == 4
    assert Product.objects.count() == 4
