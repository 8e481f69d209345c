"""Shopware 6 variants, synced end to end as a shop owner runs the command.

fixtures/exports/shopware6_variants.csv is our own farm shop's export written as
Shopware 6's default product profile writes it: its 24 snake_case columns in
their order, semicolons, no byte order mark, fields with a space or semicolon
in quotes, option ids (no names) in `optionIds`, and variants that leave empty
what they take from their product. The Hof-Shirt has four variants, two before
its row and two after, one of them inactive; the potatoes have two, one with a
price of its own; the honey has none.
"""

import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from shop_link.feeds import parse_feed, shopware
from shop_link.items import FeedError, FeedItem
from shop_link.models import Product, ProductSource

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "fixtures" / "exports" / "shopware6_variants.csv"
SHOP = "https://hof-lindenau.example"
SHIRT = "018f3c2a9b7e7d41a5c2e6f0b1d2c301"
POTATOES = "018f3c2a9b7e7d41a5c2e6f0b1d2c401"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def sync(feed):
    """Sync the export at `feed` as a shop owner does; the command's output."""
    out = io.StringIO()
    call_command(
        "sync_products",
        "--feed",
        str(feed),
        "--format",
        "csv",
        "--source",
        "Hofladen Lindenau",
        "--shop-url",
        SHOP,
        "--no-images",
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def by_sku():
    return {product.sku: product for product in Product.objects.all()}


def rejected():
    """Where → reason of the last run's rejected rows."""
    source = ProductSource.objects.get(name="Hofladen Lindenau")
    run = source.sync_runs.order_by("-started_at").first()
    return {
        problem["location"]: problem["reason"]
        for problem in run.problems
        if problem["kind"] == "rejected"
    }


def edited(tmp_path, change):
    """A copy of the export with `change(lines)` applied to its lines."""
    lines = EXPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    feed = tmp_path / "shopware-export.csv"
    feed.write_text("".join(change(lines)), encoding="utf-8")
    return feed


def without(product_id):
    return lambda lines: [line for line in lines if not line.startswith(product_id)]


def test_variants_are_the_products_and_their_product_row_is_none():
    output = sync(EXPORT)

    assert "created 6" in output
    assert "rejected 0" in output
    # the shirt's and the potatoes' rows are containers; HL-2001.3 is inactive
    assert set(by_sku()) == {
        "HL-1001",
        "HL-2001.1",
        "HL-2001.2",
        "HL-2001.4",
        "HL-3001.1",
        "HL-3001.2",
    }


def test_variants_before_and_after_their_product_take_its_text_price_and_brand():
    sync(EXPORT)

    found = by_sku()
    for sku in ("HL-2001.1", "HL-2001.2", "HL-2001.4"):  # two before, one after
        shirt = found[sku]
        assert shirt.title.startswith("Hof-Shirt aus Bio-Baumwolle")
        assert shirt.description == (
            "Mit unserem Lindenblatt bedruckt.\n\n"
            "• GOTS-zertifiziert\n• Bei 30 °C waschbar"
        )
        assert (shirt.price, shirt.currency) == (Decimal("24.90"), "EUR")
        assert shirt.brand == "Lindenau Textilwerkstatt"
        # each variant's own page: Shopware shows the variant at its own id
        assert shirt.link == f"{SHOP}/detail/{shirt.external_id}"
    # the red M has a picture of its own; the others show their product's
    assert found["HL-2001.1"].image_link == (
        f"{SHOP}/media/7c/41/e9/1718006400/hof-shirt-rot.jpg"
    )
    assert found["HL-2001.2"].image_link == (
        f"{SHOP}/media/5e/07/c2/1718006400/hof-shirt.jpg"
    )


def test_a_variant_keeps_its_own_price_and_stock():
    sync(EXPORT)

    found = by_sku()
    assert found["HL-3001.1"].price == Decimal("4.50")  # the product's
    assert found["HL-3001.2"].price == Decimal("7.90")  # its own
    # the shirt's own row says stock 0; each variant has its own stock
    assert found["HL-2001.2"].availability == "in_stock"
    assert found["HL-2001.4"].availability == "out_of_stock"


def test_no_two_variants_read_the_same():
    sync(EXPORT)

    titles = [product.title for product in Product.objects.all()]
    assert len(titles) == len(set(titles)) == 6
    # the default profile gives option ids, no names: the product number tells
    # the variants apart
    assert by_sku()["HL-2001.2"].title == "Hof-Shirt aus Bio-Baumwolle – HL-2001.2"
    assert by_sku()["HL-1001"].title == "Sommerblütenhonig, 500 g"


def test_variants_whose_product_is_missing_are_rejected_saying_why(tmp_path):
    output = sync(edited(tmp_path, without(SHIRT)))

    assert "created 3" in output  # the honey and the potatoes
    reason = (
        f'variant of the product with id "{SHIRT}", which is not in the file: the '
        "variant takes its name and price from it (export products together "
        "with their variants)"
    )
    # the inactive variant is left out, as always, not rejected
    assert rejected() == {
        "line 2 (018f3c2a9b7e7d41a5c2e6f0b1d2c311)": reason,
        "line 4 (018f3c2a9b7e7d41a5c2e6f0b1d2c312)": reason,
        "line 6 (018f3c2a9b7e7d41a5c2e6f0b1d2c314)": reason,
    }


def test_a_variant_without_its_product_but_with_a_name_and_price_is_a_product(
    tmp_path,
):
    def named(lines):
        lines = without(POTATOES)(lines)
        return [
            line.replace(";;25;;;7.38", ';;25;"Kartoffeln, 5 kg";;7.38')
            for line in lines
        ]

    sync(edited(tmp_path, named))

    assert by_sku()["HL-3001.2"].title == "Kartoffeln, 5 kg"
    assert list(rejected()) == ["line 8 (018f3c2a9b7e7d41a5c2e6f0b1d2c411)"]


def test_variants_of_an_inactive_product_that_leave_active_empty_are_left_out(
    tmp_path,
):
    def inactive(lines):
        return [line.replace(";;HL-3001;1;", ";;HL-3001;0;") for line in lines]

    sync(edited(tmp_path, inactive))

    assert not {"HL-3001.1", "HL-3001.2"} & set(by_sku())
    assert "HL-2001.1" in by_sku()


def test_a_change_to_the_product_reaches_its_variants_on_the_next_sync(tmp_path):
    sync(EXPORT)

    def dearer(lines):
        return [line.replace(";24.9;", ";26.9;") for line in lines]

    output = sync(edited(tmp_path, dearer))

    assert "updated 3" in output
    assert "unchanged 3" in output
    assert by_sku()["HL-2001.4"].price == Decimal("26.90")


def test_a_product_without_variants_is_read_alike_from_a_file_without_them(
    tmp_path,
):
    def honey_only(lines):
        return [lines[0], *(line for line in lines if ";HL-1001;" in line)]

    output = sync(edited(tmp_path, honey_only))

    assert "created 1" in output
    assert by_sku()["HL-1001"].price == Decimal("7.90")


def entries(data, **options):
    return list(parse_feed(io.BytesIO(data), "csv", base_url=SHOP, **options))


def test_a_large_export_is_read_again_from_disk(monkeypatch):
    in_memory = entries(EXPORT.read_bytes())
    rolled = []

    class Spool(tempfile.SpooledTemporaryFile):
        def rollover(self):
            rolled.append(True)
            super().rollover()

    monkeypatch.setattr(shopware, "COPY_IN_MEMORY", 200)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", Spool)

    assert entries(EXPORT.read_bytes()) == in_memory
    assert rolled
    assert len(in_memory) == 6


def test_a_broken_line_refuses_the_file_before_any_variant_is_read():
    data = EXPORT.read_bytes() + "Bl\xe4tter;\n".encode("latin-1")

    with pytest.raises(FeedError, match="Line 11 is not UTF-8"):
        next(iter(parse_feed(io.BytesIO(data), "csv", base_url=SHOP)))


HEADER = "id;parent_id;product_number;active;stock;name;price_gross;variation\n"


def test_option_names_an_export_carries_title_the_variants():
    data = (
        HEADER
        + f"{'a' * 32};;HL-5;1;0;Hof-Shirt;24,90;\n"
        + f'{"b" * 32};{"a" * 32};HL-5.1;;3;;;"[{{""group"":""Farbe"",'
        '""option"":""Rot""},{""group"":""Größe"",""option"":""M""}]"\n'
        + f"{'c' * 32};{'a' * 32};HL-5.2;;3;;;Farbe: Blau | Größe: M\n"
    ).encode()

    titles = [entry.title for entry in entries(data)]

    assert titles == ["Hof-Shirt – Rot, M", "Hof-Shirt – Blau, M"]


def test_a_variant_with_a_name_of_its_own_keeps_it():
    data = (
        HEADER
        + f"{'a' * 32};;HL-6;1;0;Bergkäse;29,90;\n"
        + f"{'b' * 32};{'a' * 32};HL-6.1;;3;Bergkäse, 12 Monate;;\n"
        + f"{'c' * 32};{'a' * 32};HL-6.2;;3;Bergkäse;;\n"
    ).encode()

    found = entries(data)

    assert all(isinstance(entry, FeedItem) for entry in found)
    assert [entry.title for entry in found] == [
        "Bergkäse, 12 Monate",
        "Bergkäse – HL-6.2",  # its product's name: the number tells it apart
    ]


def test_a_variant_with_a_price_of_its_own_takes_no_former_price_of_its_product():
    data = (
        "id;parent_id;product_number;name;price_gross;list_price_gross\n"
        f"{'a' * 32};;HL-7;Honig;8,00;9,50\n"
        f"{'b' * 32};{'a' * 32};HL-7.1;;;\n"
        f"{'c' * 32};{'a' * 32};HL-7.2;;12,00;\n"
    ).encode()

    first, second = entries(data)

    assert (first.price, first.sale_price) == (Decimal("9.50"), Decimal("8.00"))
    assert (second.price, second.sale_price) == (Decimal("12.00"), None)


def test_a_woocommerce_parent_column_is_no_shopware_variant():
    data = (
        b"ID,Type,SKU,Name,Regular price,Parent\n"
        b"202,variable,HONIG,Honig,,\n"
        b"203,variation,HONIG-500,Honig - 500 g,8.50,id:202\n"
    )

    (entry,) = entries(data)

    assert isinstance(entry, FeedItem)
    assert entry.title == "Honig - 500 g"
