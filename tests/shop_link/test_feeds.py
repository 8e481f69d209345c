"""Feed parsers against fixture feeds of each format: valid, hostile and broken ones."""

import io
import json
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from shop_link.feeds import parse_feed, sniff_format
from shop_link.items import FeedError, FeedItem, RejectedItem

FIXTURES = Path(__file__).parent / "fixtures"
SHOP = "https://shop.example.com"


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in the language they are written in."""
    with translation.override("en"):
        yield


def parse(name: str, feed_format: str, **options) -> list[FeedItem | RejectedItem]:
    with (FIXTURES / name).open("rb") as stream:
        return list(parse_feed(stream, feed_format, **options))


def parse_bytes(data: bytes, feed_format: str, **options):
    return list(parse_feed(io.BytesIO(data), feed_format, **options))


def by_id(entries) -> dict[str, FeedItem | RejectedItem]:
    return {entry.external_id: entry for entry in entries}


def rss(*items: str) -> bytes:
    body = "".join(f"<item>{item}</item>" for item in items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">'
        f"<channel><title>Hofladen</title>{body}</channel></rss>"
    ).encode()


def item(**fields: str) -> str:
    values = {
        "id": "K-1",
        "title": "Bergkäse",
        "link": f"{SHOP}/bergkaese",
        "price": "6.40 EUR",
    } | fields
    return "".join(f"<g:{name}>{value}</g:{name}>" for name, value in values.items())


# Merchant Center RSS


def test_rss_items_are_read_with_all_their_facts():
    cheese = by_id(parse("merchant_rss.xml", "merchant-xml", base_url=SHOP))["KAE-001"]

    assert cheese == FeedItem(
        external_id="KAE-001",
        title="Bergkäse, 12 Monate gereift",
        link=f"{SHOP}/produkte/bergkaese",
        price=Decimal("6.40"),
        currency="EUR",
        description="Würziger Rohmilchkäse aus der Hofkäserei Wendt.",
        image_link=f"{SHOP}/bilder/bergkaese.jpg",
        availability="in_stock",
        brand="Hofkäserei Wendt",
        category="Käse > Hartkäse",
        gtin="4260123450014",
        sku="WENDT-BK-250",
        unit_quantity=Decimal("250"),
        unit_measure="g",
        unit_base_quantity=Decimal("1"),
        unit_base_measure="kg",
        origin_region="Holsteinische Schweiz",
        origin_country="Deutschland",
        certifications=("EU-Bio", "Bioland"),
    )
    assert cheese.warnings == ()


def test_an_html_description_becomes_plain_text_with_a_warning():
    flour = by_id(parse("merchant_rss.xml", "merchant-xml"))["MEHL-1050"]

    assert flour.description == (
        "Frisch gemahlen in der Kranichmühle.\n\n"
        "Ideal für Sauerteig:\nkräftig & aromatisch.\n\n"
        "• 1 kg Papiertüte\n• ungebleicht"
    )
    assert flour.warnings == ("description contained HTML; converted to plain text",)


def test_plain_rss_elements_stand_in_for_missing_merchant_attributes():
    flour = by_id(parse("merchant_rss.xml", "merchant-xml"))["MEHL-1050"]

    assert flour.title == "Roggenmehl Type 1050"
    assert flour.link == f"{SHOP}/produkte/roggenmehl-1050"
    assert flour.category == (
        "Lebensmittel, Getränke & Tabak > Lebensmittel > Backzutaten > Mehl"
    )


def test_relative_image_links_are_resolved_against_the_shop_address():
    with_base = by_id(parse("merchant_rss.xml", "merchant-xml", base_url=SHOP))
    without_base = by_id(parse("merchant_rss.xml", "merchant-xml"))

    assert with_base["MEHL-1050"].image_link == f"{SHOP}/bilder/roggenmehl.jpg"
    assert without_base["MEHL-1050"].image_link == "/bilder/roggenmehl.jpg"


def test_availability_written_with_a_space_as_older_feeds_do_is_understood():
    entries = by_id(parse("merchant_rss.xml", "merchant-xml"))

    assert entries["MEHL-1050"].availability == "in_stock"
    assert entries["LAMM-SCH"].availability == "preorder"
    assert entries["GURKE-01"].availability == "backorder"


def test_a_sale_price_counts_only_within_its_effective_period():
    entries = by_id(parse("merchant_rss.xml", "merchant-xml"))

    assert entries["MEHL-1050"].sale_price == Decimal("2.90")
    assert entries["LAMM-SCH"].price == Decimal("18.90")
    assert entries["LAMM-SCH"].sale_price is None


def test_origin_given_as_region_and_country_in_one_value_is_split():
    flour = by_id(parse("merchant_rss.xml", "merchant-xml"))["MEHL-1050"]

    assert (flour.origin_region, flour.origin_country) == ("Uckermark", "Deutschland")


def test_origin_of_one_word_is_a_country_only_when_it_names_one():
    lamb = by_id(parse("merchant_rss.xml", "merchant-xml"))["LAMM-SCH"]
    swiss = parse_bytes(
        rss(
            item() + "<g:product_detail><g:attribute_name>Herkunft</g:attribute_name>"
            "<g:attribute_value>Schweiz</g:attribute_value></g:product_detail>"
        ),
        "merchant-xml",
    )[0]

    assert (lamb.origin_region, lamb.origin_country) == ("Odertal", "")
    assert (swiss.origin_region, swiss.origin_country) == ("", "Schweiz")


def test_an_unreadable_unit_measure_leaves_the_unit_price_empty_with_a_warning():
    lamb = by_id(parse("merchant_rss.xml", "merchant-xml"))["LAMM-SCH"]

    assert lamb.unit_quantity is None
    assert lamb.warnings == (
        'unit_pricing_measure "ca. 1,2 kg" cannot be read; no unit price',
    )


def test_a_unit_base_of_another_kind_than_the_content_gives_no_unit_price():
    gherkins = by_id(parse("merchant_rss.xml", "merchant-xml"))["GURKE-01"]

    assert gherkins.unit_quantity is None
    assert (
        'unit_pricing_base_measure "1l" does not fit unit_pricing_measure "500g"; '
        "no unit price"
    ) in gherkins.warnings


def test_a_gtin_with_a_wrong_check_digit_is_left_out_with_a_warning():
    gherkins = by_id(parse("merchant_rss.xml", "merchant-xml"))["GURKE-01"]

    assert gherkins.gtin == ""
    assert (
        'GTIN "4260123450015" is not a valid GTIN-8, -12, -13 or -14; left out'
        in gherkins.warnings
    )


def test_a_price_without_currency_is_in_the_default_currency():
    gherkins = by_id(parse("merchant_rss.xml", "merchant-xml", default_currency="CHF"))[
        "GURKE-01"
    ]

    assert (gherkins.price, gherkins.currency) == (Decimal("2.50"), "CHF")


def test_markup_elements_inside_a_text_attribute_reject_the_item():
    data = rss(item(description="<b xmlns='http://www.w3.org/1999/xhtml'>Mild</b>"))

    (rejected,) = parse_bytes(data, "merchant-xml")

    assert rejected == RejectedItem(
        "item 1 (id K-1)", "description contains XML elements instead of text", "K-1"
    )


def test_the_callers_stream_is_left_open():
    stream = io.BytesIO(rss(item()))

    entries = list(parse_feed(stream, "merchant-xml"))

    assert len(entries) == 1
    assert not stream.closed


# Merchant Center Atom and text


def test_atom_entries_are_read():
    entries = by_id(parse("merchant_atom.xml", "merchant-xml"))

    honey = entries["HONIG-500"]
    assert honey.title == "Lindenblütenhonig"
    assert honey.link == f"{SHOP}/produkte/lindenbluetenhonig"
    assert honey.description == "Cremig gerührt, aus dem Odertal."
    assert honey.availability == "out_of_stock"
    assert honey.category == "Honig & Aufstriche"
    assert honey.certifications == ("Demeter",)
    assert (honey.unit_quantity, honey.unit_measure) == (Decimal("500"), "g")
    assert (honey.unit_base_quantity, honey.unit_base_measure) == (Decimal("100"), "g")
    juice = entries["SAFT-APFEL"]
    assert (juice.unit_quantity, juice.unit_measure) == (Decimal("0.75"), "l")


def test_tab_separated_rows_are_read_with_details_and_certifications():
    entries = by_id(parse("merchant.tsv", "merchant-tsv"))

    tilsit = entries["KAE-002"]
    assert tilsit.title == "Tilsiter, mild"
    assert tilsit.price == Decimal("4.80")
    assert tilsit.category == "Käse > Schnittkäse"
    assert tilsit.origin_region == "Holsteinische Schweiz"
    assert tilsit.origin_country == "Deutschland"
    assert tilsit.certifications == ("EU-Bio",)
    assert (tilsit.unit_quantity, tilsit.unit_base_measure) == (Decimal("200"), "kg")
    pumpkin = entries["KUERBIS"]
    assert pumpkin.availability == "out_of_stock"
    assert pumpkin.sale_price == Decimal("1.99")
    assert pumpkin.certifications == ("Bioland",)


def test_a_decimal_comma_in_a_merchant_text_feed_rejects_the_row_by_its_line():
    soft_cheese = by_id(parse("merchant.tsv", "merchant-tsv"))["KAE-003"]

    assert soft_cheese == RejectedItem(
        "line 4",
        'price "3,50 EUR" cannot be read: write the amount with a decimal point, '
        "then the currency code, as in 12.50 EUR",
        "KAE-003",
    )


def test_a_text_feed_without_an_id_column_is_refused():
    data = "title\tlink\tprice\nKäse\thttps://shop.example.com/k\t1.00 EUR\n"

    with pytest.raises(FeedError, match="The header has no id column; found: title"):
        parse_bytes(data.encode(), "merchant-tsv")


# CSV


def test_a_woocommerce_export_with_german_prices_is_read():
    cheese = by_id(parse("woocommerce.csv", "csv", base_url=SHOP))["101"]

    assert cheese.title == "Bergkäse, 12 Monate"
    assert (cheese.price, cheese.sale_price) == (Decimal("6.40"), Decimal("5.90"))
    assert cheese.link == f"{SHOP}/?post_type=product&p=101"
    assert cheese.image_link == f"{SHOP}/wp-content/uploads/bergkaese.jpg"
    assert cheese.category == "Käse > Hartkäse"
    assert cheese.brand == "Hofkäserei Wendt"
    assert cheese.gtin == "4260123450014"
    assert cheese.sku == "WENDT-BK"
    assert cheese.origin_region == "Holsteinische Schweiz"
    assert cheese.origin_country == "Deutschland"
    assert cheese.certifications == ("Bioland", "EU-Bio")
    assert (cheese.unit_quantity, cheese.unit_measure) == (Decimal("250"), "g")
    assert (cheese.unit_base_quantity, cheese.unit_base_measure) == (
        Decimal("1000"),
        "g",
    )
    assert cheese.description == "Unser Bergkäse reift zwölf Monate.\n\nAus Heumilch."
    assert cheese.warnings == ()


def test_woocommerce_variations_are_products_and_drafts_and_containers_are_not():
    entries = by_id(parse("woocommerce.csv", "csv", base_url=SHOP))

    assert list(entries) == ["101", "103", "105", "106"]
    honey = entries["103"]
    assert honey.link == f"{SHOP}/?post_type=product&p=102"
    assert honey.availability == "out_of_stock"


def test_woocommerce_thousands_separators_backorders_and_external_links():
    entries = by_id(parse("woocommerce.csv", "csv", base_url=SHOP))

    wheel = entries["105"]
    assert wheel.price == Decimal("1234.50")
    assert wheel.sale_price is None  # the sale ended in 2001
    assert wheel.availability == "backorder"
    assert entries["106"].link == "https://partner.example.com/kaesemesser"


def test_csv_rows_without_a_link_column_or_shop_address_are_rejected():
    entries = by_id(parse("woocommerce.csv", "csv"))

    assert entries["101"] == RejectedItem(
        "line 2",
        "missing link: the file has no link column, and no shop address is set to "
        "make one from the id",
        "101",
    )
    assert isinstance(entries["106"], FeedItem)


def test_a_shopware_export_with_semicolons_is_read():
    entries = parse("shopware.csv", "csv", base_url=SHOP)

    bread, juice = entries
    assert bread.external_id == "0189a1b2c3d4e5f60718293a4b5c6d7e"
    assert bread.link == f"{SHOP}/detail/0189a1b2c3d4e5f60718293a4b5c6d7e"
    assert bread.title == "Roggenbrot, 750 g"
    assert bread.price == Decimal("4.20")
    assert bread.brand == "Kranichmühle"
    assert bread.sku == "SW10001"
    assert bread.category == ""  # Shopware exports category ids, not names
    assert (bread.unit_quantity, bread.unit_measure) == (Decimal("0.75"), "kg")
    assert (bread.unit_base_quantity, bread.unit_base_measure) == (Decimal("1"), "kg")
    assert (juice.price, juice.sale_price) == (Decimal("3.90"), Decimal("3.50"))
    assert juice.availability == "out_of_stock"


def test_own_columns_are_read_and_rows_located_by_their_first_line():
    entries = by_id(parse("own_columns.csv", "csv"))

    eggs = entries["EI-10"]
    assert eggs.description == "Von Hühnern mit Auslauf.\nJeden Morgen frisch."
    assert eggs.image_link == "bilder/eier.jpg"
    assert (eggs.unit_quantity, eggs.unit_measure) == (Decimal("10"), "ct")
    assert eggs.certifications == ("KAT", "Bioland")
    assert entries["RACLETTE"].currency == "CHF"
    assert entries["OHNE-LINK"] == RejectedItem("line 5", "missing link", "OHNE-LINK")


def test_a_csv_without_an_id_column_is_refused_naming_the_columns_found():
    with pytest.raises(
        FeedError, match="The header has no id column; found: Name, Preis, Link"
    ):
        parse_bytes(b"Name,Preis,Link\nK\xc3\xa4se,1.00,https://x.example/\n", "csv")


def test_a_csv_that_is_not_utf8_is_refused_with_its_line():
    data = "id,title,price,link\nK-1,Käse,1.00,https://x.example/k\n".encode("cp1252")

    with pytest.raises(FeedError, match="Line 2 is not UTF-8 text"):
        parse_bytes(data, "csv")


@pytest.mark.parametrize(
    ("price", "expected"),
    [("3,20", "3.20"), ("3.20", "3.20"), ("1.234,50 €", "1234.50"), ("EUR 7", "7.00")],
)
def test_csv_prices_may_use_a_decimal_comma_and_a_currency(price, expected):
    data = f'id;title;price;link\nK-1;Käse;"{price}";https://x.example/k\n'

    (cheese,) = parse_bytes(data.encode(), "csv")

    assert (cheese.price, cheese.currency) == (Decimal(expected), "EUR")


def test_a_csv_row_with_more_fields_than_the_header_is_rejected():
    data = "id,title,price,link\nK-1,Käse,1.00,https://x.example/k,extra\n"

    (rejected,) = parse_bytes(data.encode(), "csv")

    assert rejected == RejectedItem(
        "line 2", "the row has 5 fields, the header 4", "K-1"
    )


def test_a_price_in_another_currency_than_its_currency_column_is_rejected():
    data = "id,title,price,currency,link\nK-1,Käse,1.00 EUR,CHF,https://x.example/k\n"

    (rejected,) = parse_bytes(data.encode(), "csv")

    assert rejected.reason == "price is in EUR, the currency column says CHF"


# Shopify


def test_each_shopify_variant_becomes_a_product_of_its_own():
    entries = by_id(parse("shopify_products.json", "shopify-json", base_url=SHOP))

    small, large = entries["7301-41001"], entries["7301-41002"]
    assert small.title == "Bergkäse am Stück – 250 g"
    assert small.link == f"{SHOP}/products/bergkaese-am-stueck?variant=41001"
    assert (small.price, small.currency, small.sale_price) == (
        Decimal("6.40"),
        "EUR",
        None,
    )
    assert small.image_link == "https://cdn.example.com/bergkaese.jpg"
    assert (small.unit_quantity, small.unit_measure) == (Decimal("250"), "g")
    assert small.origin_region == "Holsteinische Schweiz"
    assert small.certifications == ("Bioland",)
    assert small.description == "Zwölf Monate gereift.\n\n• Heumilch\n• Rohmilch"
    assert small.warnings == ()
    assert (large.price, large.sale_price) == (Decimal("12.80"), Decimal("11.90"))
    assert large.availability == "out_of_stock"
    assert large.image_link == "https://cdn.example.com/bergkaese-500.jpg"


def test_a_shopify_default_variant_keeps_the_product_title_and_tag_content():
    chips = by_id(parse("shopify_products.json", "shopify-json", base_url=SHOP))[
        "7302-42001"
    ]

    assert chips.title == "Apfelchips"
    assert chips.sale_price is None  # compare-at price equal to the price
    assert (chips.unit_quantity, chips.unit_measure) == (Decimal("75"), "g")
    assert chips.origin_country == "Deutschland"


def test_a_shopify_product_without_variants_is_rejected():
    entries = parse("shopify_products.json", "shopify-json", base_url=SHOP)

    assert entries[-1] == RejectedItem(
        "product 3", "the product has no variants, so no price", "7303"
    )


def test_shopify_variants_need_the_shop_address_for_their_links():
    first = parse("shopify_products.json", "shopify-json")[0]

    assert first == RejectedItem(
        "product 1 variant 1",
        "missing link: products.json has no product links, and no shop address is "
        "set to make them",
        "7301-41001",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"shop": {}}', 'it has no "products" list'),
        (b'{"products": [', "The file is not valid JSON: Expecting value"),
        (b'[{"id": 1}]', "The file is a JSON list, not a Shopify products.json"),
    ],
)
def test_json_that_is_no_products_json_is_refused(data, message):
    with pytest.raises(FeedError, match=message):
        parse_bytes(data, "shopify-json")


@override_settings(SHOP_LINK_JSON_MAX_BYTES=1024 * 1024)
def test_a_products_json_over_the_size_limit_is_refused():
    data = b'{"products": [' + b" " * (1024 * 1024) + b"]}"

    with pytest.raises(FeedError, match="larger than 1 MB"):
        parse_bytes(data, "shopify-json")


# Hostile feeds


@pytest.mark.parametrize(
    ("external_id", "reason"),
    [
        ("SCRIPT", "description contains a script"),
        ("JS-LINK", 'link "javascript:alert(1)" is not an absolute http(s) address'),
        ("ONERROR", "description contains an event handler attribute"),
        ("LONG", "title is longer than 300 characters (304)"),
        ("KOMMA", 'price "12,50 EUR" cannot be read: write the amount with a decimal'),
        ("VORNE", 'price "EUR 12.50" cannot be read'),
        ("NEGATIV", 'price "-3.00 EUR" is negative'),
        ("XYZ", 'price "3.00 XYZ" has an unknown currency (not an ISO 4217 code)'),
        ("IFRAME", "description contains an embedded frame or object (<iframe>)"),
        ("VERSTECKT", "description contains a script link (javascript:)"),
        ("TEURER", "sale price 4.00 is above the price 3.00"),
        (
            "AUSVERKAUFT",
            'availability "sold out" is not one of in_stock, out_of_stock, '
            "preorder, backorder",
        ),
        ("FTP", 'link "ftp://shop.example.com/emmentaler" is not an absolute http(s)'),
    ],
)
def test_hostile_items_are_rejected_with_a_clear_reason(external_id, reason):
    rejected = by_id(parse("hostile_rss.xml", "merchant-xml"))[external_id]

    assert isinstance(rejected, RejectedItem)
    assert reason in rejected.reason
    assert rejected.location.endswith(f"(id {external_id})")


def test_an_item_without_id_is_rejected_by_its_number():
    entries = parse("hostile_rss.xml", "merchant-xml")

    assert RejectedItem("item 10", "missing id") in entries


def test_a_repeated_id_is_rejected_pointing_to_the_first():
    entries = parse("hostile_rss.xml", "merchant-xml")

    first, second = (entry for entry in entries if entry.external_id == "DOPPELT")
    assert isinstance(first, FeedItem)
    assert second == RejectedItem(
        "item 12 (id DOPPELT)",
        'id "DOPPELT" appears twice in the feed, first at item 11',
        "DOPPELT",
    )


def test_the_rest_of_a_hostile_feed_goes_on():
    entries = parse("hostile_rss.xml", "merchant-xml")

    accepted = [entry.external_id for entry in entries if isinstance(entry, FeedItem)]
    assert len(entries) == 19
    assert accepted == ["RTL", "DOPPELT", "HTML-TITEL", "BILD"]


def test_text_direction_overrides_are_removed_with_a_warning():
    title = by_id(parse("hostile_rss.xml", "merchant-xml"))["RTL"]

    assert title.title == "KäseesäK nov aus dem Norden"
    assert title.warnings == (
        "title contained control or invisible characters; removed",
    )


def test_an_image_link_that_is_no_web_address_is_left_out_with_a_warning():
    edam = by_id(parse("hostile_rss.xml", "merchant-xml"))["BILD"]

    assert edam.image_link == ""
    assert edam.warnings[0].startswith('image link "data:text/html;base64,')


def test_nul_bytes_are_removed_from_csv_text():
    data = b"id,title,price,link\nK-1,K\x00\xc3\xa4se,1.00,https://x.example/k\n"

    (cheese,) = parse_bytes(data, "csv")

    assert cheese.title == "Käse"
    assert cheese.warnings == (
        "title contained control or invisible characters; removed",
    )


@pytest.mark.parametrize(
    "description",
    [
        "<p>Mild</p><script>fetch('/x')</script>",
        '<svg onload="alert(1)">',
        "<a href=' javascript:alert(1)'>mehr</a>",
        "<object data='x.swf'></object>",
        "<scr<script>ipt>alert(1)</script>",
    ],
)
def test_scripts_in_shop_html_are_rejected(description):
    product = {
        "id": 1,
        "title": "Käse",
        "handle": "kaese",
        "body_html": description,
        "variants": [{"id": 2, "price": "1.00"}],
    }
    data = json.dumps({"products": [product]}).encode()

    (entry,) = parse_bytes(data, "shopify-json", base_url=SHOP)

    assert isinstance(entry, RejectedItem)
    assert entry.reason.startswith("description contains")


@pytest.mark.parametrize(
    ("description", "outcome"),
    [
        ("&lt;" * 12_000 + "b onclick=x", "description contains an event handler"),
        ("&lt;!--" * 8_000, "contained HTML"),
        ("&lt;a " + "x " * 20_000, None),
        ("1 " * 30_000, "description is longer than 50000 characters"),
    ],
)
def test_long_odd_text_is_judged_without_trouble(description, outcome):
    (entry,) = parse_bytes(rss(item(description=description)), "merchant-xml")

    if isinstance(entry, RejectedItem):
        assert outcome in entry.reason
    else:
        assert outcome is None or outcome in entry.warnings[0]


@pytest.mark.parametrize(
    "name", ["billion_laughs.xml", "external_entity.xml", "external_dtd.xml"]
)
def test_document_type_declarations_and_entities_are_refused(name):
    with pytest.raises(FeedError) as refused:
        parse(name, "merchant-xml")

    assert str(refused.value) == (
        "The file is not a Merchant Center XML feed: it contains a document type "
        "declaration (DTD), refused for safety"
    )


# Broken files


def test_truncated_xml_is_refused_after_the_items_before_the_cut():
    entries = []
    stream = (FIXTURES / "truncated.xml").open("rb")
    with stream, pytest.raises(FeedError) as refused:
        entries.extend(parse_feed(stream, "merchant-xml"))

    assert [entry.external_id for entry in entries] == ["KAE-001"]
    assert str(refused.value) == (
        "The file is not a Merchant Center XML feed: it ends before the XML is "
        "complete (cut off?) (line 44, column 30)"
    )


def test_xml_with_another_root_element_is_refused():
    with pytest.raises(FeedError, match="its root element is <products>, not <rss>"):
        parse_bytes(b'<?xml version="1.0"?><products><p/></products>', "merchant-xml")


def test_xml_with_an_html_entity_is_refused_with_its_position():
    data = rss(item(title="Käse&nbsp;mild"))

    with pytest.raises(FeedError, match=r"undefined entity .* \(line 1, column"):
        parse_bytes(data, "merchant-xml")


@pytest.mark.parametrize("feed_format", ["merchant-xml", "merchant-tsv", "csv"])
def test_an_html_page_is_no_feed(feed_format):
    with pytest.raises(FeedError, match=r"The file is a web page \(HTML\), not a feed"):
        parse("not_a_feed.html", feed_format)


@pytest.mark.parametrize(
    "feed_format", ["merchant-xml", "merchant-tsv", "csv", "shopify-json"]
)
@pytest.mark.parametrize("data", [b"", b"  \n\n"])
def test_an_empty_file_is_no_feed(feed_format, data):
    with pytest.raises(FeedError, match="The file is empty."):
        parse_bytes(data, feed_format)


def test_binary_data_is_no_feed():
    garbage = bytes((index * 7919) % 256 for index in range(5000))

    with pytest.raises(FeedError, match="The file is binary data, not a feed."):
        parse_bytes(garbage, "csv")


@pytest.mark.parametrize(
    ("name", "feed_format", "message"),
    [
        (
            "merchant_rss.xml",
            "csv",
            "looks like Merchant Center XML, not CSV: choose the format merchant-xml",
        ),
        ("woocommerce.csv", "merchant-xml", "choose the format csv"),
        ("merchant.tsv", "csv", "choose the format merchant-tsv"),
        ("shopify_products.json", "merchant-xml", "choose the format shopify-json"),
        ("products_array.json", "csv", "The file looks like JSON, not CSV."),
    ],
)
def test_a_file_of_another_format_is_refused_saying_what_it_looks_like(
    name, feed_format, message
):
    with pytest.raises(FeedError, match=message):
        parse(name, feed_format)


def test_an_unknown_format_or_currency_is_refused_at_once():
    with pytest.raises(FeedError, match="Unknown feed format xlsx"):
        parse_feed(io.BytesIO(b"x"), "xlsx")
    with pytest.raises(FeedError, match="XYZ is not an ISO 4217 code"):
        parse_feed(io.BytesIO(b"x"), "csv", default_currency="XYZ")


# Sniffing


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("merchant_rss.xml", "merchant-xml"),
        ("merchant_atom.xml", "merchant-xml"),
        ("billion_laughs.xml", "merchant-xml"),
        ("merchant.tsv", "merchant-tsv"),
        ("woocommerce.csv", "csv"),
        ("shopware.csv", "csv"),
        ("shopify_products.json", "shopify-json"),
        ("products_array.json", None),
        ("not_a_feed.html", None),
    ],
)
def test_the_format_is_guessed_from_the_first_bytes(name, expected):
    head = (FIXTURES / name).read_bytes()[:4096]

    assert sniff_format(head) == expected


def test_nothing_is_guessed_from_nothing_or_from_binary_data():
    assert sniff_format(b"") is None
    assert sniff_format(bytes(range(256)) * 4) is None
    assert sniff_format("<rss>".encode("utf-16")) == "merchant-xml"


# Memory


def _large_feed(count: int) -> Iterator[bytes]:
    yield (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>\n'
    )
    for number in range(count):
        yield (
            f"<item><g:id>P{number}</g:id><g:title>Käse {number}</g:title>"
            f"<g:link>https://shop.example.com/p/{number}</g:link>"
            f"<g:price>{number % 90}.50 EUR</g:price></item>\n"
        ).encode()
    yield b"</channel></rss>\n"


def test_a_feed_of_100000_items_is_parsed_in_bounded_memory(tmp_path):
    feed = tmp_path / "large.xml"
    with feed.open("wb") as stream:
        stream.writelines(_large_feed(100_000))

    with feed.open("rb") as stream:
        tracemalloc.start()
        try:
            accepted = sum(
                isinstance(entry, FeedItem)
                for entry in parse_feed(stream, "merchant-xml")
            )
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    assert accepted == 100_000
    assert peak < 30 * 1024 * 1024
