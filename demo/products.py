"""The demo shop's products: two sample feeds, imported by `load_demo`.

The shop's own Merchant Center feed and a partner dairy's tab-separated feed are
committed in `feeds/` beside this module; their pictures are drawn next to them
on the first run (the feeds name them by relative path), then the feeds are
synced as staff would sync them. Posts and a producer story get product cards,
and the mention index is rebuilt. Each step leaves what exists alone, so a
second run changes nothing.
"""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from PIL import Image as PILImage

from blog.models import BlogPage, ProducerPage
from shop_link.mentions import product_ids_in, rebuild_mentions
from shop_link.models import (
    Availability,
    BrandProducer,
    FeedFormat,
    Product,
    ProductIndexPage,
    ProductSource,
)
from shop_link.sync import sync_source

from .pictures import SQUARE_SIZE, image_scale, make_image

DEMO_DIR = Path(__file__).resolve().parent / "feeds"
IMAGE_DIR = DEMO_DIR / "images"
# Where the feeds were kept before the demo had an app of its own; sources an
# older demo made still point there and are moved along.
FORMER_DIR = "shop_link/demo"

CATALOGUE = {
    "slug": "products",
    "title": "Produkte",
    "intro": (
        "<p>Alles, was Sie bei uns und unseren Partnern kaufen können, mit Herkunft, "
        "Erzeuger und den Geschichten dazu. Bestellt wird im Onlineshop; Preise und "
        "Verfügbarkeit kommen direkt von dort.</p>"
    ),
}

SOURCES = [
    {
        "name": "Hofladen Lindenhof",
        "format": FeedFormat.MERCHANT_XML,
        "file": "feed.xml",
        "shop_name": "Hofladen Lindenhof",
        "shop_url": "https://shop.example.com",
    },
    {
        "name": "Hofkäserei Wendt (Partner)",
        "format": FeedFormat.MERCHANT_TSV,
        "file": "kaeserei-wendt.tsv",
        "shop_name": "Hofkäserei Wendt",
        "shop_url": "https://kaeserei-wendt.example.org",
    },
]

BRAND_RULES = {
    "Hofkäserei Wendt": "hofkaeserei-wendt",
    "Kranichmühle": "kranichmuehle",
    "Gärtnerhof Sandkamp": "gaertnerhof-sandkamp",
    "Schäferei Hollerbusch": "schaeferei-hollerbusch",
}

# The picture each image link of the feeds shows, by file name.
FEED_IMAGES = {
    "lh-1001.jpg": "milk",
    "lh-1002.jpg": "milk",
    "lh-1003.jpg": "milk",
    "lh-1004.jpg": "milk",
    "lh-1005.jpg": "milk",
    "lh-2001.jpg": "grain",
    "lh-2002.jpg": "grain",
    "lh-2003.jpg": "grain",
    "lh-2004.jpg": "grain",
    "lh-2005.jpg": "porridge",
    "lh-2006.jpg": "bread",
    "lh-2007.jpg": "bread",
    "lh-2008.jpg": "bread",
    "lh-3001.jpg": "vegetables",
    "lh-3002.jpg": "vegetables",
    "lh-3003.jpg": "vegetables",
    "lh-3004.jpg": "vegetables",
    "lh-3005.jpg": "vegetables",
    "lh-3006.jpg": "pumpkins",
    "lh-3007.jpg": "vegetables",
    "lh-3008.jpg": "vegetables",
    "lh-4001.jpg": "stew",
    "lh-4002.jpg": "stew",
    "lh-4003.jpg": "dish",
    "lh-4004.jpg": "dish",
    "lh-4005.jpg": "stew",
    "lh-4006.jpg": "sheep",
    "lh-4007.jpg": "sheep",
    "lh-9001.jpg": "preserves",
    "kw-01.jpg": "cheese",
    "kw-02.jpg": "cheese",
    "kw-03.jpg": "cheese",
    "kw-04.jpg": "cheese",
    "kw-05.jpg": "cheese",
}

# What staff wrote by hand about some products; a sync never touches it.
HAND_NOTES = {
    "KW-02": {
        "origin_notes": (
            "Heumilch von den vierzig Kühen der Familie Wendt in Wendtshagen, "
            "Braunvieh und Jersey. Von April bis November stehen sie auf der Weide."
        ),
        "how_made": (
            "Paula Wendt setzt die Milch morgens mit Lab und hofeigenen Kulturen an. "
            "Die Laibe reifen zwölf Monate im Gewölbekeller bei zwölf Grad und werden "
            "zweimal pro Woche gewendet und mit Salzlake gebürstet."
        ),
    },
    "LH-2001": {
        "origin_notes": (
            "Roggen von fünf Bioland-Höfen im Umkreis von dreißig Kilometern um "
            "Buchenhagen."
        ),
        "how_made": (
            "In der Kranichmühle auf Natursteinen gemahlen, langsam und kühl, und "
            "einmal gesiebt: Type 1150 behält einen Teil der Schale und damit viel "
            "Geschmack."
        ),
    },
    "LH-4002": {
        "origin_notes": (
            "Von Lämmern der Schäferei Hollerbusch, die Trockenrasen und Deiche im "
            "Nationalpark Unteres Odertal beweiden."
        ),
        "how_made": (
            "Geschlachtet in einer kleinen Landfleischerei fünfzehn Kilometer vom Hof, "
            "zehn Tage am Knochen gereift und von Hand zerlegt."
        ),
    },
}

# A summer product the shop no longer sells: its card says so in the soup recipe.
PAST_PRODUCT = {
    "external_id": "LH-3099",
    "title": "Dill, Bund",
    "slug": "dill-bund",
    "description": "Frischer Dill vom Gärtnerhof Sandkamp, nur im Sommer.",
    "link": "https://shop.example.com/produkt/lh-3099",
    "price": "1.50",
    "currency": "EUR",
    "availability": Availability.DISCONTINUED,
    "brand": "Gärtnerhof Sandkamp",
    "category": "Gemüse",
    "unit_quantity": 1,
    "unit_measure": "ct",
    "origin_region": "Uckermark",
    "origin_country": "Deutschland",
    "certifications": ["EU-Bio", "Naturland"],
    "last_seen": datetime.datetime(2026, 8, 28, 6, 0),
}

# Product cards added to stories: (page model, slug, heading, external ids, position).
STORY_PRODUCTS = [
    (
        BlogPage,
        "zu-besuch-in-der-hofkaeserei-wendt",
        "Den Käse aus diesem Besuch gibt es hier",
        ["KW-02", "KW-03", "LH-1002"],
        4,
    ),
    (
        BlogPage,
        "kalte-gurkensuppe-mit-buttermilch",
        "Was Sie für die Suppe brauchen",
        ["LH-3002", "LH-1003", "LH-3099"],
        2,
    ),
    (
        BlogPage,
        "wie-unser-roggen-zu-mehl-wird",
        "Mehl und Brot aus der Kranichmühle",
        ["LH-2001", "LH-2004", "LH-2006"],
        3,
    ),
    (
        BlogPage,
        "lammschulter-mit-wurzelgemuese",
        "Die Zutaten aus dem Laden",
        ["LH-4002", "LH-3003", "LH-3004", "LH-3005"],
        2,
    ),
    (
        ProducerPage,
        "schaeferei-hollerbusch",
        "Wolle und Felle aus der Schäferei",
        ["LH-4006", "LH-4007"],
        3,
    ),
]


def build_products_demo(run):
    """Create the demo's catalogue, sources, products and product cards if missing."""
    ensure_catalogue(run)
    ensure_brand_rules(run)
    for data in SOURCES:
        source = ensure_source(run, data)
        if not source.products.exists():
            draw_feed_images()
            sync_demo_source(run, source)
    ensure_hand_notes(run)
    ensure_past_product(run)
    ensure_story_products(run)
    rebuild_mentions()


def ensure_catalogue(run) -> ProductIndexPage:
    catalogue = ProductIndexPage.objects.first()
    if catalogue is None:
        catalogue = ProductIndexPage(show_in_menus=True, **CATALOGUE)
        run.home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
        run.record("section")
    return catalogue


def ensure_brand_rules(run):
    producers = {page.slug: page for page in ProducerPage.objects.all()}
    existing = {
        brand.lower() for brand in BrandProducer.objects.values_list("brand", flat=True)
    }
    for brand, slug in BRAND_RULES.items():
        if brand.lower() not in existing and slug in producers:
            BrandProducer.objects.create(brand=brand, producer=producers[slug])
            run.record("brand rule")


def feed_location(file_name: str) -> str:
    """The feed's path as staff would enter it: relative to the project."""
    return str((DEMO_DIR / file_name).relative_to(settings.BASE_DIR))


def ensure_source(run, data) -> ProductSource:
    source = ProductSource.objects.filter(name=data["name"]).first()
    if source is None:
        source = ProductSource.objects.create(
            name=data["name"],
            format=data["format"],
            location=feed_location(data["file"]),
            shop_name=data["shop_name"],
            shop_url=data["shop_url"],
        )
        run.record("product source")
    elif source.location == f"{FORMER_DIR}/{data['file']}":
        source.location = feed_location(data["file"])
        source.save(update_fields=["location"])
    return source


def draw_feed_images():
    """Draw each picture the feeds link to, unless it is there at the right size."""
    factor = image_scale.get()
    size = tuple(max(16, round(side * factor)) for side in SQUARE_SIZE)
    IMAGE_DIR.mkdir(exist_ok=True)
    for name, kind in FEED_IMAGES.items():
        path = IMAGE_DIR / name
        if path.is_file():
            try:
                with PILImage.open(path) as existing:
                    if existing.size == size:
                        continue
            except OSError:
                pass
        path.write_bytes(make_image(kind, f"product:{name}", size))


def sync_demo_source(run, source):
    result = sync_source(source)
    if result.status != result.Status.SUCCEEDED:
        raise RuntimeError(f"The demo feed {source.location} did not sync: {result}")
    run.record("product", count=result.created)


def ensure_hand_notes(run):
    for product in Product.objects.filter(external_id__in=HAND_NOTES):
        notes = HAND_NOTES[product.external_id]
        if product.origin_notes or product.how_made:
            continue
        for name, value in notes.items():
            setattr(product, name, value)
        product.save(update_fields=[*notes, "updated_at"])
        run.record("product note")


def ensure_past_product(run):
    source = ProductSource.objects.filter(name=SOURCES[0]["name"]).first()
    data = dict(PAST_PRODUCT)
    if source is None or Product.objects.filter(slug=data["slug"]).exists():
        return
    last_seen = timezone.make_aware(data.pop("last_seen"))
    rule = BrandProducer.objects.filter(brand__iexact=data["brand"]).first()
    Product.objects.create(
        source=source,
        producer=rule.producer if rule else None,
        image=run.image(data["title"], "vegetables", size=SQUARE_SIZE),
        last_seen_at=last_seen,
        synced_at=last_seen,
        **data,
    )
    run.record("product")


def ensure_story_products(run):
    """Add a block of product cards to a few stories that have none yet."""
    ids = dict(Product.objects.values_list("external_id", "pk"))
    for model, slug, heading, external_ids, position in STORY_PRODUCTS:
        page = model.objects.filter(slug=slug).first()
        products = [
            ids[external_id] for external_id in external_ids if external_id in ids
        ]
        if page is None or not products or product_ids_in(page):
            continue
        stream = getattr(page, "body" if model is BlogPage else "story")
        block = {
            "type": "products",
            "value": {
                "heading": heading,
                "products": [
                    {"type": "item", "value": pk, "id": str(uuid.uuid4())}
                    for pk in products
                ],
            },
            "id": str(uuid.uuid4()),
        }
        stream.raw_data.insert(min(position, len(stream)), block)
        published = page.last_published_at
        page.save_revision().publish()
        # The cards belong to the story as it was written; keep its date.
        if published is not None:
            model.objects.filter(pk=page.pk).update(last_published_at=published)
        run.record("story with products", "stories with products")
