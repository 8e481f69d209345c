"""One rule titles the variants of every format: what sets each apart, once."""

import io
import json

from shop_link.feeds import parse_feed
from shop_link.feeds.variants import variant_title


def test_values_follow_the_title_once_each():
    assert variant_title("Hof-Shirt", ["Rot", " M ", "rot"]) == "Hof-Shirt – Rot, M"


def test_values_the_title_names_already_are_not_repeated():
    assert variant_title("Hof-Shirt Rot", ["Rot", "M"]) == "Hof-Shirt Rot – M"
    # a value within a word is no value the title names
    assert variant_title("Rotbarsch", ["Rot"]) == "Rotbarsch – Rot"


def test_the_fallback_tells_a_variant_apart_only_when_no_value_does():
    assert variant_title("Hof-Shirt", [], "HL-2001.2") == "Hof-Shirt – HL-2001.2"
    assert variant_title("Hof-Shirt", ["Rot"], "HL-2001.2") == "Hof-Shirt – Rot"
    assert variant_title("Hof-Shirt Rot", ["Rot"], "HL-1") == "Hof-Shirt Rot – HL-1"


def test_without_a_value_or_a_title_the_title_stays():
    assert variant_title("Hof-Shirt", ["", " "]) == "Hof-Shirt"
    assert variant_title("", ["Rot"], "HL-1") == ""


def shopify(product_title, *variant_titles):
    product = {
        "id": 1,
        "title": product_title,
        "handle": "honig",
        "variants": [
            {"id": number, "title": title, "price": "8.50"}
            for number, title in enumerate(variant_titles, 10)
        ],
    }
    data = json.dumps({"products": [product]}).encode()
    entries = parse_feed(
        io.BytesIO(data), "shopify-json", base_url="https://hof-lindenau.example"
    )
    return [entry.title for entry in entries]


def test_a_shopify_variant_the_product_title_names_is_not_repeated():
    assert shopify("Waldhonig 500 g", "500 g", "1 kg") == [
        "Waldhonig 500 g",
        "Waldhonig 500 g – 1 kg",
    ]
    assert shopify("Waldhonig", "Default Title") == ["Waldhonig"]


def merchant_text(*rows):
    header = "id\ttitle\tlink\timage_link\tavailability\tprice\titem_group_id\tmaterial"
    lines = [header, *("\t".join(row) for row in rows)]
    data = ("\r\n".join(lines) + "\r\n").encode()
    entries = parse_feed(io.BytesIO(data), "merchant-tsv")
    return [entry.title for entry in entries]


def test_merchant_group_members_without_telling_values_keep_their_ids_apart():
    link = "https://hof-lindenau.example/p/korb"
    picture = "https://hof-lindenau.example/korb.jpg"
    titles = merchant_text(
        ("korb-1", "Geschenkkorb", link, picture, "in stock", "30.00 EUR", "korb", ""),
        ("korb-2", "Geschenkkorb", link, picture, "in stock", "30.00 EUR", "korb", ""),
        (
            "korb-3",
            "Geschenkkorb",
            link,
            picture,
            "in stock",
            "35.00 EUR",
            "korb",
            "Weide",
        ),
    )
    assert titles == [
        "Geschenkkorb – korb-1",
        "Geschenkkorb – korb-2",
        "Geschenkkorb – Weide",
    ]
