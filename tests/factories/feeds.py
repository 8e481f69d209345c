"""Product feeds for the shop_link tests: the sync fixtures and feeds built in place."""

from pathlib import Path
from xml.sax.saxutils import escape

from shop_link.models import ProductSource

SYNC_FEEDS = Path(__file__).parent.parent / "shop_link" / "fixtures" / "sync"


def feed_source(feed="hofladen.xml", name="hofladen", **fields):
    """A Merchant Center XML source reading one of the sync fixtures."""
    return ProductSource.objects.create(
        name=name,
        format="merchant-xml",
        location=str(SYNC_FEEDS / feed),
        shop_name="Hofladen Lindenau",
        **fields,
    )


def merchant_xml(*items):
    """A Merchant Center RSS feed with the given items (dicts of g: fields)."""
    entries = "".join(
        "<item>"
        + "".join(f"<g:{key}>{escape(value)}</g:{key}>" for key, value in item.items())
        + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>'
        "<title>Hofladen</title><link>https://hofladen.example/</link>"
        f"<description>Feed</description>{entries}</channel></rss>"
    ).encode()


def merchant_item(external_id, title="Landbutter", price="2.90 EUR", **fields):
    """The g: fields of one product in a merchant_xml feed."""
    return {
        "id": external_id,
        "title": title,
        "link": f"https://hofladen.example/{external_id.lower()}",
        "price": price,
        "availability": "in_stock",
        **fields,
    }
