"""The products menu of the admin: listings with search and filters, an edit form
for what staff add by hand, and "sync now" for sources with the last run shown."""

import datetime
import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from shop_link.models import (
    Availability,
    BrandProducer,
    Product,
    ProductSource,
    SyncRun,
)
from shop_link.tasks import sync_source_task
from tests.factories import ImageFactory, ProducerPageFactory, build_site, member

pytestmark = pytest.mark.django_db

PRODUCTS = "wagtailsnippets_shop_link_product"
SOURCES = "wagtailsnippets_shop_link_productsource"
RULES = "wagtailsnippets_shop_link_brandproducer"
CHOOSER = "wagtailsnippetchoosers_shop_link_product"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def producers():
    _, _, producers_index = build_site()
    return {
        "hof": ProducerPageFactory(parent=producers_index, title="Hof Lindenau"),
        "imkerei": ProducerPageFactory(parent=producers_index, title="Imkerei Sommer"),
    }


@pytest.fixture
def source():
    return make_source("Hofladen")


def make_source(name, location="https://hofladen.example/feed.xml"):
    return ProductSource.objects.create(
        name=name, format="merchant-xml", location=location, shop_name=name
    )


def make_product(source, external_id, **fields):
    now = timezone.now()
    fields = {
        "title": f"Produkt {external_id}",
        "slug": f"produkt-{external_id}".lower(),
        "link": f"https://hofladen.example/p/{external_id}",
        "price": Decimal("3.20"),
        "currency": "EUR",
        "content_hash": external_id,
        "last_seen_at": now,
        "synced_at": now,
        **fields,
    }
    return Product.objects.create(source=source, external_id=external_id, **fields)


@pytest.fixture
def catalogue(source, producers):
    partner = make_source("Käserei am See")
    return {
        "kaese": make_product(
            source,
            "KAESE-1",
            title="Bergkäse",
            brand="Hof Lindenau",
            category="Käse",
            gtin="4000000000017",
            unit_quantity=Decimal("250"),
            unit_measure="g",
            unit_base_quantity=Decimal("1"),
            unit_base_measure="kg",
            producer=producers["hof"],
        ),
        "honig": make_product(
            source,
            "HONIG-1",
            title="Lindenhonig",
            brand="Imkerei Sommer",
            category="Honig",
            sku="HON-250",
            sale_price=Decimal("2.80"),
            availability=Availability.OUT_OF_STOCK,
            producer=producers["imkerei"],
        ),
        "brot": make_product(
            partner,
            "BROT-1",
            title="Roggenbrot",
            brand="Backstube",
            category="Brot",
            availability=Availability.DISCONTINUED,
        ),
    }


@pytest.fixture
def editor(client):
    """Staff who may use the admin and look at products, but not change sources."""
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_product"),
        Permission.objects.get(codename="view_productsource"),
    )
    client.force_login(
        member(
            None, "redaktion@example.org", username="redaktion", groups=["Redaktion"]
        )
    )
    return client


def listed_titles(response):
    return [product.title for product in response.context["object_list"]]


# Products


def test_the_product_listing_shows_what_staff_need(admin_client, catalogue):
    response = admin_client.get(reverse(f"{PRODUCTS}:list"))

    assert response.status_code == 200
    html = response.content.decode()
    for column in (
        "Picture",
        "Producer",
        "Source",
        "Price",
        "Availability",
        "Last seen",
    ):
        assert column in html
    assert "Hof Lindenau" in html
    assert "Käserei am See" in html
    assert "€3.20" in html
    assert "12.80/kg" in html
    assert "€2.80" in html
    assert "instead of</span> €3.20</s>" in html
    assert "Out of stock" in html
    assert "No longer sold" in html
    assert listed_titles(response) == ["Bergkäse", "Lindenhonig", "Roggenbrot"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("roggen", ["Roggenbrot"]),
        ("Imkerei", ["Lindenhonig"]),
        ("käse", ["Bergkäse"]),
        ("KAESE-1", ["Bergkäse"]),
        ("4000000000017", ["Bergkäse"]),
        ("HON-250", ["Lindenhonig"]),
    ],
)
def test_products_are_found_by_title_brand_category_and_numbers(
    admin_client, catalogue, query, expected
):
    response = admin_client.get(reverse(f"{PRODUCTS}:list"), {"q": query})

    assert listed_titles(response) == expected


def test_products_are_filtered_by_source_category_producer_and_availability(
    admin_client, catalogue, source, producers
):
    url = reverse(f"{PRODUCTS}:list")

    by_source = admin_client.get(url, {"source": source.pk})
    by_category = admin_client.get(url, {"category": "Honig"})
    by_producer = admin_client.get(url, {"producer": producers["hof"].pk})
    without_producer = admin_client.get(url, {"producer": "null"})
    by_availability = admin_client.get(url, {"availability": "discontinued"})

    assert listed_titles(by_source) == ["Bergkäse", "Lindenhonig"]
    assert listed_titles(by_category) == ["Lindenhonig"]
    assert listed_titles(by_producer) == ["Bergkäse"]
    assert listed_titles(without_producer) == ["Roggenbrot"]
    assert listed_titles(by_availability) == ["Roggenbrot"]
    assert 'value="Honig"' in by_source.content.decode()


def test_the_product_listing_costs_the_same_with_more_products(
    admin_client, source, producers
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(reverse(f"{PRODUCTS}:list"))
        assert response.status_code == 200
        return len(captured)

    make_product(source, "A-1", producer=producers["hof"], image=ImageFactory())
    queries()  # warm up: content types, permissions, thumbnails
    queries()  # the first view made the shop's settings, which purged everything
    few = queries()
    partner = make_source("Partner")
    for number in range(2, 22):
        make_product(
            partner if number % 2 else source,
            f"A-{number}",
            producer=producers["hof" if number % 3 else "imkerei"],
            category=f"Kategorie {number % 4}",
            image=ImageFactory() if number % 2 else None,
        )
    queries()  # thumbnails of the new pictures are made once

    assert queries() == few


def test_products_are_not_added_by_hand(admin_client, catalogue):
    listing = admin_client.get(reverse(f"{PRODUCTS}:list"))
    add = admin_client.get(reverse(f"{PRODUCTS}:add"))

    assert reverse(f"{PRODUCTS}:add") not in listing.content.decode()
    assert add.status_code == 302
    assert Product.objects.count() == 3


def edit_data(product, **changes):
    data = {
        "producer": product.producer_id or "",
        "origin_notes": product.origin_notes,
        "how_made": product.how_made,
        **changes,
    }
    if product.producer_set_by_hand:
        data.setdefault("producer_set_by_hand", "on")
    return {name: value for name, value in data.items() if value is not None}


def test_the_edit_form_saves_hand_fields_and_leaves_feed_fields_alone(
    admin_client, catalogue
):
    product = catalogue["kaese"]
    url = reverse(f"{PRODUCTS}:edit", args=[product.pk])

    form = admin_client.get(url)
    response = admin_client.post(
        url,
        edit_data(
            product,
            origin_notes="Von der Sommerweide am See.",
            how_made="Zwölf Monate im Gewölbekeller.",
            title="Billigkäse",
            price="0.01",
        ),
    )

    assert form.status_code == 200
    assert "From the feed (changed by each sync)" in form.content.decode()
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.origin_notes == "Von der Sommerweide am See."
    assert product.how_made == "Zwölf Monate im Gewölbekeller."
    assert product.title == "Bergkäse"
    assert product.price == Decimal("3.20")


def test_saving_writes_only_the_hand_fields(admin_client, catalogue):
    product = catalogue["kaese"]
    url = reverse(f"{PRODUCTS}:edit", args=[product.pk])
    # A sync changes the row after the editor opened the form.
    Product.objects.filter(pk=product.pk).update(title="Bergkäse, 18 Monate")

    with CaptureQueriesContext(connection) as captured:
        admin_client.post(url, edit_data(product, origin_notes="Vom See."))

    product.refresh_from_db()
    assert product.title == "Bergkäse, 18 Monate"
    assert product.origin_notes == "Vom See."
    updates = [q["sql"] for q in captured if q["sql"].startswith("UPDATE")]
    product_updates = [sql for sql in updates if "shop_link_product" in sql]
    assert product_updates and all('"title"' not in sql for sql in product_updates)


def test_choosing_a_producer_marks_it_as_chosen_by_hand(
    admin_client, catalogue, producers
):
    product = catalogue["brot"]

    admin_client.post(
        reverse(f"{PRODUCTS}:edit", args=[product.pk]),
        edit_data(product, producer=producers["hof"].pk),
    )

    product.refresh_from_db()
    assert product.producer == producers["hof"]
    assert product.producer_set_by_hand is True


def test_unticking_the_box_hands_the_product_back_to_brand_rules(
    admin_client, catalogue, producers
):
    product = catalogue["kaese"]
    Product.objects.filter(pk=product.pk).update(producer_set_by_hand=True)
    product.refresh_from_db()
    data = edit_data(product, producer=producers["imkerei"].pk)
    del data["producer_set_by_hand"]

    admin_client.post(reverse(f"{PRODUCTS}:edit", args=[product.pk]), data)

    product.refresh_from_db()
    assert product.producer == producers["imkerei"]
    assert product.producer_set_by_hand is False


def test_a_product_can_be_inspected(admin_client, catalogue):
    response = admin_client.get(
        reverse(f"{PRODUCTS}:inspect", args=[catalogue["kaese"].pk])
    )

    assert response.status_code == 200
    assert "4000000000017" in response.content.decode()


def read_only_values(response):
    """The read-only fields of an edit form, by field name, as shown."""
    return {
        name: html.unescape(value)
        for name, value in re.findall(
            r'aria-labelledby="[^"]*-child-(\w+)-label" aria-readonly="true">'
            r"\s*(.*?)\s*</div>",
            response.content.decode(),
            flags=re.DOTALL,
        )
    }


def test_the_edit_form_shows_feed_fields_as_staff_read_them(admin_client, catalogue):
    product = catalogue["kaese"]
    product.certifications = ["EU-Bio", "Demeter"]
    product.save()

    response = admin_client.get(reverse(f"{PRODUCTS}:edit", args=[product.pk]))

    shown = read_only_values(response)
    assert shown["price"] == "€3.20"
    assert shown["sale_price"] == "–"
    assert shown["unit_quantity"] == "250\u00a0g"
    assert shown["unit_base_quantity"] == "€12.80/kg"
    assert shown["sku"] == "–"
    assert shown["certifications"] == "EU-Bio, Demeter"
    assert shown["availability"] == "In stock"
    assert shown["source"] == "Hofladen"
    assert "None" not in shown.values()
    assert "Unit price" in response.content.decode()


def test_feed_times_read_in_the_sites_time_zone(admin_client, catalogue, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    product = catalogue["honig"]
    seen = timezone.make_aware(datetime.datetime(2026, 6, 1, 7, 30), datetime.UTC)
    Product.objects.filter(pk=product.pk).update(last_seen_at=seen)

    edit = admin_client.get(reverse(f"{PRODUCTS}:edit", args=[product.pk]))
    inspect = admin_client.get(reverse(f"{PRODUCTS}:inspect", args=[product.pk]))

    assert read_only_values(edit)["last_seen_at"] == "June 1, 2026, 09:30"
    assert "June 1, 2026, 09:30" in inspect.content.decode()
    assert "07:30" not in inspect.content.decode()


def test_the_inspect_view_shows_prices_with_currency_and_dashes_for_nothing(
    admin_client, catalogue
):
    product = catalogue["honig"]

    response = admin_client.get(reverse(f"{PRODUCTS}:inspect", args=[product.pk]))

    text = re.sub(r"\s+", " ", html.unescape(response.content.decode()))
    fields = text.split("<dl>")[1].split("</dl>")[0]
    assert "Price</dt> <dd> €3.20 </dd>" in fields
    assert "Sale price</dt> <dd> €2.80 </dd>" in fields
    assert "GTIN</dt> <dd> – </dd>" in fields
    assert "Image</dt> <dd> – </dd>" in fields
    assert "Certifications</dt> <dd> – </dd>" in fields
    assert "Producer chosen by hand</dt> <dd> No </dd>" in fields
    assert "None" not in fields


def chooser_titles(response):
    return [product.title for product in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("linden", ["Lindenhonig", "Bergkäse"]),
        ("kaese", ["Bergkäse"]),
        ("HON-250", ["Lindenhonig"]),
        ("4000000000017", ["Bergkäse"]),
        ("Backstube roggen", ["Roggenbrot"]),
        ("Fisch", []),
    ],
)
def test_the_product_chooser_finds_products_by_name_brand_and_numbers(
    admin_client, catalogue, query, expected
):
    response = admin_client.get(reverse(f"{CHOOSER}:choose_results"), {"q": query})

    assert response.status_code == 200
    assert chooser_titles(response) == expected


def test_the_product_chooser_offers_a_search_and_tells_products_apart(
    admin_client, catalogue
):
    response = admin_client.get(reverse(f"{CHOOSER}:choose"))

    html = response.json()["html"]
    assert 'name="q"' in html
    text = re.sub(r"\s+", " ", html)
    for shown in (
        "Hof Lindenau",
        "Käserei am See",
        "€3.20",
        "€12.80/kg",
        "Out of stock",
    ):
        assert shown in text, shown


def test_the_product_chooser_costs_the_same_with_more_products(
    admin_client, source, producers
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(reverse(f"{CHOOSER}:choose_results"))
        assert response.status_code == 200
        return len(captured)

    make_product(source, "A-1", producer=producers["hof"], image=ImageFactory())
    queries()
    few = queries()
    for number in range(2, 10):
        make_product(
            make_source(f"Partner {number}"),
            f"A-{number}",
            producer=producers["imkerei"],
            image=ImageFactory(),
        )
    queries()  # thumbnails of the new pictures are made once

    assert queries() == few


def test_an_editor_without_permission_cannot_change_products(editor, catalogue):
    product = catalogue["kaese"]

    listing = editor.get(reverse(f"{PRODUCTS}:list"))
    response = editor.post(
        reverse(f"{PRODUCTS}:edit", args=[product.pk]),
        edit_data(product, origin_notes="Unerlaubt."),
    )

    assert listing.status_code == 200
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.origin_notes == ""


# Sources


def finished_run(source, minutes_ago=0, **fields):
    run = SyncRun.objects.create(source=source, **fields)
    started = timezone.now() - timedelta(minutes=minutes_ago)
    SyncRun.objects.filter(pk=run.pk).update(
        started_at=started, finished_at=started + timedelta(seconds=2)
    )
    run.refresh_from_db()
    return run


def test_the_source_listing_shows_the_last_run(admin_client, source):
    finished_run(source, minutes_ago=90, status=SyncRun.Status.FAILED, message="alt")
    finished_run(
        source,
        minutes_ago=5,
        status=SyncRun.Status.SUCCEEDED,
        created=3,
        updated=1,
        unchanged=40,
        discontinued=2,
        rejected=1,
    )
    make_source("Käserei am See")

    response = admin_client.get(reverse(f"{SOURCES}:list"))

    html = response.content.decode()
    assert "Last sync" in html
    assert "Succeeded" in html
    assert "3 new, 1 changed, 40 unchanged, 2 no longer sold, 1 rejected" in html
    assert "5\xa0minutes ago" in html
    assert "Never synced" in html
    assert "Failed" not in html


def test_the_source_listing_shows_name_format_feed_and_whether_active(
    admin_client, source
):
    paused = make_source("Käserei am See", location="feeds/kaeserei.tsv")
    paused.format = "merchant-tsv"
    paused.is_active = False
    paused.save()

    response = admin_client.get(reverse(f"{SOURCES}:list"))

    text = re.sub(r"\s+", " ", html.unescape(response.content.decode()))
    for shown in (
        "Hofladen",
        "Käserei am See",
        "Google Merchant Center XML (RSS or Atom)",
        "Google Merchant Center text (tab-separated)",
        "https://hofladen.example/feed.xml",
        "feeds/kaeserei.tsv",
        "Feed address",
        "Active",
    ):
        assert shown in text, shown
    active = {
        source.name: source.is_active for source in response.context["object_list"]
    }
    assert active == {"Hofladen": True, "Käserei am See": False}


def test_the_source_listing_costs_the_same_with_more_sources_and_runs(
    admin_client, source
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(reverse(f"{SOURCES}:list"))
        assert response.status_code == 200
        return len(captured)

    finished_run(source, status=SyncRun.Status.SUCCEEDED)
    queries()
    few = queries()
    for number in range(6):
        other = make_source(f"Partner {number}")
        make_product(other, f"P-{number}")
        for minutes in range(3):
            finished_run(other, minutes_ago=minutes, status=SyncRun.Status.SUCCEEDED)

    assert queries() == few


def test_the_source_page_shows_the_last_run_with_its_problems(admin_client, source):
    finished_run(source, minutes_ago=60, status=SyncRun.Status.SUCCEEDED, message="alt")
    finished_run(
        source,
        status=SyncRun.Status.SUCCEEDED,
        created=2,
        rejected=1,
        message="created 2, updated 0, unchanged 0, no longer sold 0, rejected 1",
        problems=[
            {"kind": "rejected", "location": "item 7", "reason": "no price"},
            {"kind": "image", "location": "KAESE-1", "reason": "image …: 404"},
        ],
    )

    response = admin_client.get(reverse(f"{SOURCES}:edit", args=[source.pk]))

    html = response.content.decode()
    assert "created 2, updated 0, unchanged 0, no longer sold 0, rejected 1" in html
    assert "<strong>item 7</strong>: no price" in html
    assert "<strong>KAESE-1</strong>: image …: 404" in html
    assert "Earlier syncs" in html
    assert reverse(f"{SOURCES}:sync", args=[source.pk]) in html


def test_a_failed_run_says_why_on_the_source_page(admin_client, source):
    finished_run(source, status=SyncRun.Status.FAILED, message="The feed is not XML.")

    response = admin_client.get(reverse(f"{SOURCES}:edit", args=[source.pk]))

    assert "help-critical" in response.content.decode()
    assert "The feed is not XML." in response.content.decode()


def test_the_source_listing_offers_sync_now(admin_client, source):
    response = admin_client.get(reverse(f"{SOURCES}:list"))

    html = response.content.decode()
    assert "Sync now" in html
    assert 'data-action="w-action#post"' in html
    assert reverse(f"{SOURCES}:sync", args=[source.pk]) in html


def test_a_source_needs_a_web_address_or_an_existing_file(admin_client, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    url = reverse(f"{SOURCES}:add")

    def add(name, location):
        return admin_client.post(
            url,
            {
                "name": name,
                "is_active": "on",
                "format": "merchant-xml",
                "default_currency": "EUR",
                "location": location,
                "shop_name": "Hofladen",
                "shop_url": "",
                "free_items": "leave-out",
            },
        )

    missing = add("Fehlt", str(tmp_path / "gibt-es-nicht.xml"))
    incomplete = add("Halb", "https://")
    other_scheme = add("FTP", "ftp://hofladen.example/feed.xml")
    web = add("Web", "https://hofladen.example/feed.xml")
    local = add("Datei", str(feed))

    assert "There is no file at" in missing.content.decode()
    assert "Enter a complete http(s) address." in incomplete.content.decode()
    assert "Enter an http(s) address or the path" in other_scheme.content.decode()
    assert web.status_code == 302
    assert local.status_code == 302
    assert set(ProductSource.objects.values_list("name", flat=True)) == {
        "Web",
        "Datei",
    }


def test_the_sync_address_refuses_get(admin_client, source):
    response = admin_client.get(reverse(f"{SOURCES}:sync", args=[source.pk]))

    assert response.status_code == 405
    assert not SyncRun.objects.exists()


def test_an_editor_without_permission_cannot_sync(editor, source):
    listing = editor.get(reverse(f"{SOURCES}:list"))
    response = editor.post(reverse(f"{SOURCES}:sync", args=[source.pk]))

    assert "Sync now" not in listing.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not SyncRun.objects.exists()


def test_syncing_a_missing_source_is_not_found(admin_client):
    response = admin_client.post(reverse(f"{SOURCES}:sync", args=[999]))

    assert response.status_code == 404


# Brand rules


def test_brand_rules_are_listed_and_added(admin_client, producers):
    BrandProducer.objects.create(brand="Hof Lindenau", producer=producers["hof"])

    listing = admin_client.get(reverse(f"{RULES}:list"))
    added = admin_client.post(
        reverse(f"{RULES}:add"),
        {"brand": "  Imkerei   Sommer ", "producer": producers["imkerei"].pk},
    )

    assert "Hof Lindenau" in listing.content.decode()
    assert added.status_code == 302
    assert BrandProducer.objects.get(producer=producers["imkerei"]).brand == (
        "Imkerei Sommer"
    )


# Sync now: runs the real sync, at once with the immediate task backend


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Hofladen</title>
    <item>
      <g:id>KAESE-1</g:id>
      <g:title>Bergkäse</g:title>
      <g:link>https://hofladen.example/bergkaese</g:link>
      <g:price>4.80 EUR</g:price>
      <g:availability>in_stock</g:availability>
    </item>
    <item>
      <g:id>BROT-1</g:id>
      <g:title>Roggenbrot</g:title>
      <g:link>https://hofladen.example/roggenbrot</g:link>
      <g:price>5.20 EUR</g:price>
      <g:availability>in_stock</g:availability>
    </item>
    <item>
      <g:id>OHNE-PREIS</g:id>
      <g:title>Ohne Preis</g:title>
      <g:link>https://hofladen.example/ohne-preis</g:link>
      <g:availability>in_stock</g:availability>
    </item>
  </channel>
</rss>
"""


def test_sync_now_runs_the_sync_and_shows_its_result(admin_client, tmp_path):
    feed = tmp_path / "hofladen.xml"
    feed.write_text(FEED)
    source = make_source("Hofladen", location=str(feed))
    listing = reverse(f"{SOURCES}:list")

    response = admin_client.post(
        reverse(f"{SOURCES}:sync", args=[source.pk]),
        {"next": f"http://testserver{listing}"},
        follow=True,
    )

    assert response.redirect_chain == [(f"http://testserver{listing}", 302)]
    html = response.content.decode()
    assert "Sync of “Hofladen” finished: created 2" in html
    run = SyncRun.objects.get()
    assert run.status == SyncRun.Status.SUCCEEDED
    assert (run.created, run.rejected) == (2, 1)
    assert set(source.products.values_list("external_id", flat=True)) == {
        "KAESE-1",
        "BROT-1",
    }
    assert "2 new, 0 changed, 0 unchanged, 0 no longer sold, 1 rejected" in html


def test_sync_now_says_when_a_sync_changed_nothing(admin_client, tmp_path):
    feed = tmp_path / "hofladen.xml"
    feed.write_text(FEED)
    source = make_source("Hofladen", location=str(feed))
    url = reverse(f"{SOURCES}:sync", args=[source.pk])

    first = admin_client.post(url, follow=True).content.decode()
    second = admin_client.post(url, follow=True).content.decode()

    assert "nothing changed" not in first
    assert "Sync of “Hofladen” finished, nothing changed: created 0" in second
    assert "unchanged 2" in second


def test_sync_now_reports_a_broken_feed(admin_client, tmp_path):
    feed = tmp_path / "kaputt.xml"
    feed.write_text("<html><body>Wartungsarbeiten</body></html>")
    source = make_source("Hofladen", location=str(feed))

    response = admin_client.post(
        reverse(f"{SOURCES}:sync", args=[source.pk]), follow=True
    )

    assert response.redirect_chain == [
        (reverse(f"{SOURCES}:edit", args=[source.pk]), 302)
    ]
    assert "Sync of “Hofladen” failed:" in response.content.decode()
    assert SyncRun.objects.get().status == SyncRun.Status.FAILED
    assert not Product.objects.exists()


def test_sync_now_goes_back_only_to_this_site(admin_client, tmp_path):
    feed = tmp_path / "hofladen.xml"
    feed.write_text(FEED)
    source = make_source("Hofladen", location=str(feed))

    response = admin_client.post(
        reverse(f"{SOURCES}:sync", args=[source.pk]),
        {"next": "https://elsewhere.example/"},
    )

    assert response["Location"] == reverse(f"{SOURCES}:edit", args=[source.pk])


def test_a_source_with_products_is_not_deleted(admin_client, source):
    Product.objects.bulk_create(
        [
            Product(
                source=source,
                external_id="KAESE-1",
                title="Bergkäse",
                slug="bergkaese",
                link="https://hofladen.example/bergkaese",
                price=Decimal("4.80"),
                currency="EUR",
                last_seen_at=timezone.now(),
                synced_at=timezone.now(),
            )
        ]
    )
    url = reverse(f"{SOURCES}:delete", args=[source.pk])

    page = admin_client.get(url, follow=True)
    response = admin_client.post(url, follow=True)

    assert "still has 1 product" in page.content.decode()
    assert "still has 1 product" in response.content.decode()
    assert ProductSource.objects.filter(pk=source.pk).exists()


def test_a_source_without_products_can_be_deleted(admin_client, source):
    finished_run(source, status=SyncRun.Status.SUCCEEDED)

    response = admin_client.post(reverse(f"{SOURCES}:delete", args=[source.pk]))

    assert response.status_code == 302
    assert not ProductSource.objects.exists()
    assert not SyncRun.objects.exists()


def test_sync_now_with_a_task_queue_shows_the_sync_waiting_until_it_runs(
    admin_client, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    feed = tmp_path / "hofladen.xml"
    feed.write_text(FEED)
    source = make_source("Hofladen", location=str(feed))

    response = admin_client.post(
        reverse(f"{SOURCES}:sync", args=[source.pk]), follow=True
    )
    listing = admin_client.get(reverse(f"{SOURCES}:list")).content.decode()
    [queued] = SyncRun.objects.all()
    run_id = sync_source_task.call(source.pk, queued.pk)  # as a worker would

    assert "Sync of “Hofladen” started" in response.content.decode()
    assert "The sync waits for the task queue" in response.content.decode()
    assert queued.status == SyncRun.Status.QUEUED
    assert "Queued" in listing
    assert "Waiting for the task queue." in listing
    [run] = SyncRun.objects.all()
    assert run.pk == queued.pk == run_id
    assert run.status == SyncRun.Status.SUCCEEDED
    assert run.started_at >= queued.started_at
    assert source.products.count() == 2


def test_a_run_no_longer_queued_is_left_as_it_is(tmp_path):
    feed = tmp_path / "hofladen.xml"
    feed.write_text(FEED)
    source = make_source("Hofladen", location=str(feed))
    finished = finished_run(source, status=SyncRun.Status.FAILED)

    run_id = sync_source_task.call(source.pk, finished.pk)

    finished.refresh_from_db()
    assert run_id != finished.pk
    assert finished.status == SyncRun.Status.FAILED
    assert SyncRun.objects.get(pk=run_id).status == SyncRun.Status.SUCCEEDED
