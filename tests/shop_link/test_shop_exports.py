"""Real shop systems' exports, synced end to end as a shop owner would.

The fixtures in fixtures/exports/ are our own farm-shop rows written the way
each system writes its export: WooCommerce's product CSV (columns, byte order
mark, `&amp;` in category names, variations naming their parent as `id:202` or
by its SKU), Shopware 6's default product profile (snake_case columns,
semicolons), Shopify's storefront products.json (a `<meta charset>` before the
description, compare-at prices, an unavailable variant, a free gift bag) and
Merchant Center feeds of a store that lists variants by `item_group_id`,
`color` and `size`.
"""

import http.server
import io
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import translation

from shop_link.models import Product, ProductSource

pytestmark = pytest.mark.django_db

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
SHOP = "https://hof-lindenau.example"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def sync_products(*args):
    """Run the command without fetching pictures; its output."""
    out = io.StringIO()
    call_command(
        "sync_products", *args, "--no-images", stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


def sync_file(name, feed_format, *, shop_url=SHOP, **fields):
    """Create a source reading the export `name` and sync it by its name."""
    source = ProductSource.objects.create(
        name="Hofladen Lindenau",
        format=feed_format,
        location=str(EXPORTS / name),
        shop_name="Hofladen Lindenau",
        shop_url=shop_url,
        **fields,
    )
    output = sync_products(source.name)
    return source, output


def products(source):
    return {p.external_id: p for p in Product.objects.filter(source=source)}


def problems(source, kind):
    """Where → the reasons of the source's last run's problems of this kind."""
    run = source.sync_runs.order_by("-started_at").first()
    found = {}
    for problem in run.problems:
        if problem["kind"] == kind:
            found.setdefault(problem["location"], []).append(problem["reason"])
    return found


# WooCommerce


def test_a_woocommerce_export_is_synced_with_links_made_from_the_shop_address():
    output = sync_products(
        "--feed",
        str(EXPORTS / "woocommerce_products.csv"),
        "--format",
        "csv",
        "--source",
        "Hofladen Lindenau",
        "--shop-url",
        SHOP,
    )

    source = ProductSource.objects.get(name="Hofladen Lindenau")
    found = products(source)
    assert source.shop_url == SHOP
    assert "rejected 0" in output
    # simple, two variations, external, the grouped product's two members; the
    # variable and grouped containers, the draft and the free sample left out
    assert set(found) == {"201", "203", "204", "205", "207", "208"}
    assert found["201"].link == f"{SHOP}/?post_type=product&p=201"
    assert found["203"].link == f"{SHOP}/?post_type=product&p=202"
    assert found["204"].link == f"{SHOP}/?post_type=product&p=202"  # parent by SKU
    assert found["205"].link == "https://verlag.example.com/kochen-mit-dem-hofladen"


def test_woocommerce_rows_keep_their_prices_stock_and_text():
    source, _output = sync_file("woocommerce_products.csv", "csv")

    found = products(source)
    oil, honey, bread = found["201"], found["204"], found["208"]
    assert (oil.title, oil.price, oil.category) == (
        "Kürbiskernöl, 250 ml",
        Decimal("8.90"),
        "Öle & Essig",
    )
    assert oil.description == (
        "Unser Öl wird in kleinen Mengen gepresst.\n\n• Kaltgepresst\n• Ungefiltert"
    )
    assert (oil.origin_region, oil.origin_country) == ("Steiermark", "Österreich")
    assert (honey.price, honey.sale_price, honey.availability) == (
        Decimal("8.50"),
        Decimal("7.90"),
        "out_of_stock",
    )
    assert bread.price == Decimal("5.50")


def test_a_source_with_a_shop_address_makes_links_for_its_file():
    source, output = sync_file("woocommerce_products.csv", "csv")

    assert "rejected 0" in output
    assert products(source)["207"].link == f"{SHOP}/?post_type=product&p=207"


def test_without_a_shop_address_woocommerce_rows_are_rejected_saying_so():
    source, _output = sync_file("woocommerce_products.csv", "csv", shop_url="")

    rejected = problems(source, "rejected")
    assert len(rejected) == 6
    assert all("no shop address is set" in reason for (reason,) in rejected.values())


# Shopware 6


def test_shopware_6_default_profile_is_read():
    source, output = sync_file("shopware6_products.csv", "csv")

    assert "created 3" in output
    assert "rejected 0" in output
    found = {p.sku: p for p in products(source).values()}
    bread, juice, cheese = found["HL-1001"], found["HL-1002"], found["HL-1003"]
    assert bread.link == f"{SHOP}/detail/0192a3b4c5d64e7f8a9b0c1d2e3f4a51"
    assert (bread.brand, bread.gtin, bread.price) == (
        "Kranichmühle",
        "4260123450014",
        Decimal("4.20"),
    )
    assert bread.image_link == "https://hof-lindenau.example/media/ab/12/roggenbrot.jpg"
    assert bread.description == "Sauerteig, lange Teigführung."
    assert bread.category == ""  # Shopware writes category ids, no names
    # the list price is the former price: a sale
    assert (juice.price, juice.sale_price, juice.availability) == (
        Decimal("3.90"),
        Decimal("3.50"),
        "out_of_stock",
    )
    assert juice.brand == "Obsthof Wiesengrund"
    assert cheese.description == "Aus Heumilch.\n\n• Laktosefrei\n• Rinde nicht essbar"


def test_shopware_rows_without_a_shop_address_say_that_none_is_set():
    source, _output = sync_file("shopware6_products.csv", "csv", shop_url="")

    rejected = problems(source, "rejected")
    assert len(rejected) == 3
    assert all("no shop address is set" in reason for (reason,) in rejected.values())


def test_a_csv_of_own_columns_without_links_says_why_the_shop_address_is_no_help(
    tmp_path,
):
    feed = tmp_path / "eigene.csv"
    feed.write_text('external_id,title,price\nHL-1,Landbutter,"2,90"\n')
    source = ProductSource.objects.create(
        name="Eigene Spalten",
        format="csv",
        location=str(feed),
        shop_name="Hofladen Lindenau",
        shop_url=SHOP,
    )

    sync_products(source.name)

    assert problems(source, "rejected") == {
        "line 2 (HL-1)": [
            "missing link: the file has no link column, and links are made from "
            "the shop address only for WooCommerce and Shopware exports"
        ]
    }


# Shopify


def test_a_shopify_products_json_becomes_one_product_per_variant():
    source, output = sync_file("shopify_products.json", "shopify-json")

    assert "rejected 0" in output
    found = products(source)
    assert set(found) == {
        "8012345670001-46000000000011",
        "8012345670001-46000000000012",
        "8012345670002-46000000000021",
        "8012345670002-46000000000022",
        "8012345670002-46000000000023",
    }  # the gift bag at 0.00 is left out
    small = found["8012345670001-46000000000011"]
    box = found["8012345670001-46000000000012"]
    assert small.title == "Apfelsaft naturtrüb – 0,75 l"
    assert small.link == f"{SHOP}/products/apfelsaft-naturtrueb?variant=46000000000011"
    assert (small.price, small.sale_price) == (Decimal("3.90"), Decimal("3.50"))
    assert small.origin_region == "Altes Land"
    assert (box.availability, box.price, box.sale_price) == (
        "out_of_stock",
        Decimal("17.50"),
        None,
    )
    assert box.image_link.startswith(
        "https://cdn.shopify.com/s/files/1/0612/3456/7890/files/apfelsaft-box.jpg"
    )
    assert found["8012345670002-46000000000022"].sale_price == Decimal("12.50")


def test_a_meta_tag_before_a_shopify_description_is_removed_with_a_warning():
    source, _output = sync_file("shopify_products.json", "shopify-json")

    juice = products(source)["8012345670001-46000000000011"]
    assert juice.description == (
        "Direktsaft aus alten Sorten von unserer Streuobstwiese.\n\n"
        "• Ohne Zuckerzusatz\n• Ungefiltert"
    )
    warnings = problems(source, "warning")
    assert warnings["8012345670001-46000000000011"] == [
        "description began with a <meta> tag (a character set); removed"
    ]
    assert "8012345670002-46000000000021" in warnings


class _ProductsJson(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        body = (EXPORTS / "shopify_products.json").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def store(settings):
    """A Shopify store on 127.0.0.1 serving /products.json; its address."""
    settings.SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ProductsJson)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_products_json_address_is_never_taken_for_the_shop_address(store):
    feed = f"{store}/products.json?limit=250"
    source = ProductSource.objects.create(
        name="Saftladen", format="shopify-json", location=feed, shop_name="Saftladen"
    )

    sync_products("Saftladen")

    assert not Product.objects.filter(source=source).exists()
    rejected = problems(source, "rejected")
    assert len(rejected) == 6
    assert all("no shop address is set" in reason for (reason,) in rejected.values())


def test_a_products_json_address_makes_links_from_the_shop_address(store):
    sync_products(
        "--feed",
        f"{store}/products.json?limit=250",
        "--format",
        "shopify-json",
        "--source",
        "Saftladen",
        "--shop-url",
        SHOP,
    )

    links = set(Product.objects.values_list("link", flat=True))
    assert f"{SHOP}/products/bergkaese?variant=46000000000021" in links
    assert not any("products.json" in link for link in links)


def test_a_feed_address_is_refused_as_the_shop_address():
    source = ProductSource(
        name="Saftladen",
        format="shopify-json",
        location="https://saftladen.example/products.json?limit=250",
        shop_name="Saftladen",
        shop_url="https://saftladen.example/products.json",
    )

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert "shop_url" in refused.value.message_dict


def test_the_command_refuses_a_feed_address_as_shop_url():
    with pytest.raises(CommandError, match="not the feed's"):
        sync_products(
            "--feed",
            str(EXPORTS / "shopify_products.json"),
            "--source",
            "Saftladen",
            "--shop-url",
            "https://saftladen.example/products.json",
        )

    assert not ProductSource.objects.exists()


def test_shop_url_goes_with_a_source():
    with pytest.raises(CommandError, match="--shop-url go with --source"):
        sync_products("--shop-url", SHOP)


# Products priced 0.00


def test_free_products_can_be_shown_as_free():
    source, _output = sync_file(
        "shopify_products.json", "shopify-json", free_items="show"
    )

    gift_bag = products(source)["8012345670003-46000000000031"]
    assert gift_bag.price == Decimal("0.00")
    with translation.override("de"):
        html = render_to_string(
            "components/product_price.html", {"product": gift_bag, "unit_price": ""}
        )
    assert "Kostenlos" in html
    assert "0,00" not in html


def test_switching_to_leaving_free_products_out_ends_their_sale():
    source, _output = sync_file(
        "shopify_products.json", "shopify-json", free_items="show"
    )
    source.free_items = "leave-out"
    source.save()

    sync_products(source.name)

    gift_bag = Product.objects.get(external_id="8012345670003-46000000000031")
    assert gift_bag.availability == "discontinued"


# Merchant Center variants


def test_merchant_variants_keep_colour_and_size_in_their_titles():
    source, _output = sync_file("merchant_variants.xml", "merchant-xml")

    titles = [p.title for p in Product.objects.filter(external_id__startswith="shirt-")]
    assert sorted(titles) == [
        "Hof-Shirt – Schwarz, L",
        "Hof-Shirt – Schwarz, M",
        "Hof-Shirt – Schwarz, S",
        "Hof-Shirt – Weiß, L",
        "Hof-Shirt – Weiß, M",
        "Hof-Shirt – Weiß, S",
    ]


def test_merchant_text_variants_keep_colour_and_size_in_their_titles():
    source, _output = sync_file("merchant_variants.tsv", "merchant-tsv")

    titles = set(Product.objects.filter(source=source).values_list("title", flat=True))
    assert len(titles) == 6
    assert "Tank Top – Schwarz, M" in titles


def test_a_title_with_harmless_markup_is_imported_with_a_warning():
    source, _output = sync_file("merchant_variants.xml", "merchant-xml")

    found = products(source)
    assert found["oel-250"].title == "Kürbiskernöl kaltgepresst"
    assert found["saft-075"].description == "Direktsaft & ungefiltert."
    warnings = problems(source, "warning")
    assert warnings["oel-250"] == ["title contained HTML; the tags were removed"]
    assert warnings["saft-075"] == [
        "description began with a <meta> tag (a character set); removed",
        "description contained HTML; converted to plain text",
    ]


def test_markup_that_acts_still_refuses_the_product():
    source, _output = sync_file("merchant_variants.xml", "merchant-xml")

    rejected = problems(source, "rejected")
    assert set(products(source)).isdisjoint({"falle-1", "falle-2"})
    assert rejected == {
        "item 9 (id falle-1)": ["description contains active markup (<meta>)"],
        "item 10 (id falle-2)": ["title contains an event handler attribute"],
    }
