"""The catalogue, the product pages, and products in posts, producer pages, the
sitemap, structured data and the site search."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from shop_link.caching import purge_products
from shop_link.models import Availability, Product, ProductIndexPage
from tests.factories import (
    BASE,
    BlogPageFactory,
    HeadParser,
    ImageFactory,
    ProducerPageFactory,
    ProductFactory,
    ProductSourceFactory,
    build_catalogue,
    build_site,
    links_of,
    make_draft,
    make_private,
    paragraph,
    products_block,
    read_sitemap,
    text_of,
    warm_count,
)

# The page tree


class TestCataloguePage(WagtailPageTestCase):
    def test_the_catalogue_sits_under_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ProductIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProductIndexPage, set())

    def test_there_is_one_catalogue_and_its_routes_render(self):
        home, _, _ = build_site()
        catalogue = build_catalogue(home)
        product = ProductFactory()
        self.assertFalse(ProductIndexPage.can_create_at(home))
        self.assertPageIsRenderable(catalogue)
        self.assertPageIsRoutable(catalogue, f"{product.slug}/")
        self.assertPageIsRenderable(catalogue, f"{product.slug}/")
        self.assertPageIsPreviewable(catalogue)


# Fixtures


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def shop(site):
    """A catalogue with a producer, their products and a post that shows one."""
    home, blog, producers = site
    catalogue = build_catalogue(home)
    wendt = ProducerPageFactory(
        parent=producers,
        title="Hofkäserei Wendt",
        place="Wendtshagen",
        summary="Vierzig Kühe und ein Käsekeller.",
        hero_image=ImageFactory(),
    )
    mill = ProducerPageFactory(parent=producers, title="Kranichmühle")
    source = ProductSourceFactory(
        shop_name="Hofladen Lindenhof", shop_url="https://shop.example.com"
    )
    cheese = ProductFactory(
        source=source,
        title="Bergkäse, 12 Monate gereift",
        slug="bergkaese-12",
        description="Kräftig und nussig.",
        producer=wendt,
        image=ImageFactory(),
        category="Käse",
        brand="Hofkäserei Wendt",
        price=Decimal("6.90"),
        sale_price=Decimal("5.90"),
        gtin="4260619702023",
        sku="KW-02",
        origin_region="Uckermark",
        origin_country="Deutschland",
        certifications=["EU-Bio", "Demeter"],
        origin_notes="Heumilch aus Wendtshagen.",
        how_made="Zwölf Monate im Gewölbekeller.",
        synced_at=timezone.make_aware(datetime.datetime(2026, 6, 1, 9, 0)),
    )
    butter = ProductFactory(
        source=source, title="Süßrahmbutter", producer=wendt, category="Milch"
    )
    flour = ProductFactory(
        source=source,
        title="Roggenmehl Type 1150",
        producer=mill,
        category="Mehl",
        unit_quantity=Decimal("1"),
        unit_measure="kg",
    )
    old = ProductFactory(
        source=source,
        title="Dill, Bund",
        producer=wendt,
        category="Gemüse",
        availability=Availability.DISCONTINUED,
    )
    later = ProductFactory(
        source=source,
        title="Grünkohl",
        category="Gemüse",
        availability=Availability.PREORDER,
    )
    post = BlogPageFactory(
        parent=blog,
        title="Zu Besuch in der Hofkäserei",
        body=[paragraph("Um halb sechs."), products_block(cheese, butter)],
    )
    return {
        "catalogue": catalogue,
        "blog": blog,
        "producers": producers,
        "wendt": wendt,
        "mill": mill,
        "source": source,
        "cheese": cheese,
        "butter": butter,
        "flour": flour,
        "old": old,
        "later": later,
        "post": post,
    }


def product_url(shop, product):
    return shop["catalogue"].url + f"{product.slug}/"


def listed(response):
    """The titles of the product cards on a page, in order."""
    return re.findall(
        r'class="product-card__link" href="[^"]*">([^<]+)</a>',
        response.content.decode(),
    )


# The catalogue


def test_the_catalogue_lists_every_product_on_sale_by_title(client, shop):
    response = client.get(shop["catalogue"].url)

    assert response.status_code == 200
    assert listed(response) == [
        "Bergkäse, 12 Monate gereift",
        "Grünkohl",
        "Roggenmehl Type 1150",
        "Süßrahmbutter",
    ]
    assert "4 Produkte" in text_of(response)


def test_products_no_longer_sold_are_listed_only_when_asked_for(client, shop):
    url = shop["catalogue"].url

    response = client.get(url, {"availability": "discontinued"})

    assert listed(response) == ["Dill, Bund"]
    assert "Verfügbarkeit: Nicht mehr im Sortiment" in text_of(response)


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"category": "Gemüse"}, ["Grünkohl"]),
        ({"producer": "kranichmuehle"}, ["Roggenmehl Type 1150"]),
        (
            {"availability": ["preorder", "in_stock"], "category": "Gemüse"},
            ["Grünkohl"],
        ),
        ({"q": "käse"}, ["Bergkäse, 12 Monate gereift"]),
        ({"q": "KAESE nussig"}, ["Bergkäse, 12 Monate gereift"]),
        ({"q": "butter", "producer": "hofkaeserei-wendt"}, ["Süßrahmbutter"]),
        ({"category": "Fisch"}, []),
    ],
)
def test_filters_and_search_narrow_the_catalogue(client, shop, params, titles):
    shop["mill"].slug = "kranichmuehle"
    shop["mill"].save()
    shop["wendt"].slug = "hofkaeserei-wendt"
    shop["wendt"].save()

    response = client.get(shop["catalogue"].url, params)

    assert response.status_code == 200
    assert listed(response) == titles


def test_values_that_fit_no_filter_are_ignored(client, shop):
    response = client.get(
        shop["catalogue"].url,
        {"producer": "nobody", "availability": "sold_out", "q": "\x00"},
    )

    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_each_active_filter_can_be_removed_on_its_own(client, shop):
    url = shop["catalogue"].url

    response = client.get(url, {"category": "Käse", "q": "berg"})

    links = links_of(response)
    assert links.to("?q=berg"), "removing the category keeps the search"
    assert links.to("?category=K%C3%A4se"), "removing the search keeps the category"
    text = text_of(response)
    assert "Kategorie: Käse" in text
    assert 'value="berg"' in response.content.decode()


def test_the_catalogue_is_paginated_and_any_page_number_gives_a_page(client, shop):
    for n in range(30):
        ProductFactory(title=f"Zwieback {n:02d}", source=shop["source"])
    url = shop["catalogue"].url

    first = client.get(url)
    second = client.get(url, {"page": "2"})
    beyond = client.get(url, {"page": "99"})
    nonsense = client.get(url, {"page": "zwei"})

    assert len(listed(first)) == 24
    assert len(listed(second)) == 34 - 24
    assert listed(beyond) == listed(second)
    assert listed(nonsense) == listed(first)
    assert "Seite 2 von 2" in text_of(second)


def test_an_empty_catalogue_says_so(client, site):
    home, _, _ = site
    catalogue = build_catalogue(home)

    response = client.get(catalogue.url)

    assert response.status_code == 200
    assert "empty-note" in response.content.decode()


# The product page


def test_a_product_page_shows_facts_price_freshness_and_origin(client, shop):
    response = client.get(product_url(shop, shop["cheese"]))

    assert response.status_code == 200
    text = text_of(response)
    for fact in (
        "Bergkäse, 12 Monate gereift",
        "5,90\u00a0€",
        "6,90\u00a0€",
        "23,60\u00a0€/kg",
        "Auf Lager",
        "4260619702023",
        "KW-02",
        "Uckermark, Deutschland",
        "EU-Bio",
        "Demeter",
        "Heumilch aus Wendtshagen.",
        "Zwölf Monate im Gewölbekeller.",
        "Kräftig und nussig.",
        "Hofladen Lindenhof",
    ):
        assert fact in text, fact


def test_a_product_is_bought_only_through_the_shop_link(client, shop):
    response = client.get(product_url(shop, shop["cheese"]))

    buy = links_of(response).to(shop["cheese"].link)
    assert len(buy) == 1
    assert set(buy[0]["rel"].split()) >= {"noopener", "external"}
    html = response.content.decode()
    product = html.split('<article class="product')[1].split("</article>")[0]
    assert "<form" not in product


def test_a_product_page_shows_its_producer_and_their_story(client, shop):
    response = client.get(product_url(shop, shop["cheese"]))

    text = text_of(response)
    assert "Vierzig Kühe und ein Käsekeller." in text
    assert "Wendtshagen" in text
    assert links_of(response).to(shop["wendt"].url)


def test_a_product_page_shows_only_the_live_public_posts_that_show_it(client, shop):
    blog = shop["blog"]
    cheese = shop["cheese"]
    draft = make_draft(
        BlogPageFactory(
            parent=blog, title="Entwurf über Käse", body=[products_block(cheese)]
        )
    )
    private = make_private(
        BlogPageFactory(
            parent=blog, title="Nur für Angemeldete", body=[products_block(cheese)]
        )
    )
    other = BlogPageFactory(parent=blog, title="Ohne Käse")

    response = client.get(product_url(shop, cheese))

    links = links_of(response)
    assert links.to(shop["post"].url)
    for hidden in (draft, private, other):
        assert hidden.title not in text_of(response)


def test_a_product_no_longer_sold_keeps_its_page_and_says_so(client, shop):
    response = client.get(product_url(shop, shop["old"]))

    assert response.status_code == 200
    assert "Nicht mehr im Sortiment" in text_of(response)
    assert links_of(response).to(shop["old"].link) == []


def test_an_unknown_product_is_not_found(client, shop):
    assert client.get(shop["catalogue"].url + "gibt-es-nicht/").status_code == 404


def test_other_apps_add_a_products_discussion_through_the_hook(client, shop):
    asked = []

    def discussion(request, page, slot):
        if slot != "discussion":
            return None
        asked.append(page)
        return (
            "shop_link/producer_products.html",
            {"products": [], "producer": shop["wendt"]},
        )

    with hooks.register_temporarily("theke_page_sections", discussion):
        html = client.get(product_url(shop, shop["cheese"])).content.decode()

    assert asked == [shop["cheese"]]
    assert html.count('id="producer-products-heading"') == 1


def test_a_changed_product_shows_its_new_data_at_once_everywhere(client, shop):
    cheese = shop["cheese"]
    urls = [
        product_url(shop, cheese),
        shop["catalogue"].url,
        shop["post"].url,
        shop["wendt"].url,
        "/search/?q=Bergkäse",
    ]

    def shown(url):
        return text_of(client.get(url)).replace("\u00a0", " ")

    for url in urls:  # every cache there may be is warm now
        assert "5,90 €" in shown(url), url

    cheese.sale_price = Decimal("4.90")
    cheese.availability = Availability.OUT_OF_STOCK
    # Written as a sync writes: in bulk, without save() or its signals, and
    # then purged from the page cache.
    Product.objects.bulk_update([cheese], ["sale_price", "availability"])
    purge_products([cheese.pk])

    for url in urls:
        text = shown(url)
        assert "4,90 €" in text, url
        assert "5,90 €" not in text, url
        assert "Nicht auf Lager" in text, url


def filter_categories(response) -> list[str]:
    html = response.content.decode()
    return re.findall(
        r'<option value="([^"]+)"',
        html[html.index('name="category"') :].split("</select>")[0],
    )


def test_the_category_filter_offers_a_new_category_at_once(client, shop, settings):
    settings.PAGE_CACHE_ENABLED = False  # every request renders
    url = shop["catalogue"].url
    client.get(url)
    assert filter_categories(client.get(url)) == ["Gemüse", "Käse", "Mehl", "Milch"]
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    # The catalogue was rendered (its products read), its categories not.
    assert any('FROM "shop_link_product"' in query["sql"] for query in warm)
    categories = 'DISTINCT "shop_link_product"."category"'
    assert not any(categories in query["sql"] for query in warm)

    cheese = shop["cheese"]
    cheese.category = "Hartkäse"
    # As a sync writes: in bulk, then purged.
    Product.objects.bulk_update([cheese], ["category"])
    purge_products([cheese.pk])

    assert filter_categories(client.get(url)) == ["Gemüse", "Hartkäse", "Mehl", "Milch"]


# Structured data and previews


def head_of(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def test_a_product_page_describes_the_product_and_its_offer(client, shop):
    cheese = shop["cheese"]
    head = head_of(client.get(product_url(shop, cheese)))

    [data] = head.json_ld
    url = "http://testserver" + product_url(shop, cheese)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == cheese.title
    assert data["url"] == url
    assert data["gtin13"] == "4260619702023"
    assert data["sku"] == "KW-02"
    assert data["brand"] == {"@type": "Brand", "name": "Hofkäserei Wendt"}
    assert data["image"]["url"].startswith("http://testserver/")
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "5.90"
    assert offer["priceCurrency"] == "EUR"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == cheese.link
    assert offer["seller"]["name"] == "Hofladen Lindenhof"
    unit_price = next(
        spec for spec in offer["priceSpecification"] if "referenceQuantity" in spec
    )
    assert unit_price["price"] == "23.60"
    assert unit_price["referenceQuantity"] == {
        "@type": "QuantitativeValue",
        "value": "1",
        "unitCode": "KGM",
    }
    assert head.link("canonical") == [{"rel": "canonical", "href": url}]
    assert head.first("og:title") == cheese.title
    assert head.first("og:type") == "product"


def test_a_discontinued_product_is_described_as_such(client, shop):
    [data] = head_of(client.get(product_url(shop, shop["old"]))).json_ld

    assert data["offers"]["availability"] == "https://schema.org/Discontinued"


def test_the_catalogue_has_no_product_data(client, shop):
    assert head_of(client.get(shop["catalogue"].url)).json_ld == []


def test_structured_data_cannot_be_broken_out_of(client, shop):
    shop["cheese"].description = "</script><script>alert(1)</script>"
    shop["cheese"].save()

    html = client.get(product_url(shop, shop["cheese"])).content.decode()

    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    ).group(1)
    assert json.loads(script)["description"] == shop["cheese"].description


# Products in posts and producer pages


def test_a_producer_page_lists_the_products_they_still_sell(client, shop):
    response = client.get(shop["wendt"].url)

    text = text_of(response)
    assert "Produkte von Hofkäserei Wendt" in text
    assert listed(response) == ["Bergkäse, 12 Monate gereift", "Süßrahmbutter"]


def test_a_producer_without_products_has_no_product_section(client, shop):
    other = ProducerPageFactory(parent=shop["producers"])

    assert "producer-products" not in client.get(other.url).content.decode()


def test_other_apps_fill_page_slots_through_the_hook(client, shop):
    def discussion(request, page, slot):
        if slot == "products" and page.pk == shop["post"].pk:
            return (
                "shop_link/producer_products.html",
                {"products": [], "producer": shop["wendt"]},
            )
        return None

    with hooks.register_temporarily("theke_page_sections", discussion):
        html = client.get(shop["post"].url).content.decode()

    assert html.count('id="producer-products-heading"') == 1


# Sitemap and search


def test_the_sitemap_lists_the_catalogue_and_every_product_on_sale(client, shop):
    sitemap = read_sitemap(client)

    assert BASE + shop["catalogue"].url in sitemap
    assert sitemap[BASE + product_url(shop, shop["cheese"])].startswith("2026-06-01")
    for product in ("butter", "flour", "later"):
        assert BASE + product_url(shop, shop[product]) in sitemap
    assert BASE + product_url(shop, shop["old"]) not in sitemap


def test_the_site_search_finds_a_product_by_a_word_of_its_title(client, shop):
    response = client.get("/search/", {"q": "Roggenmehl"})

    assert response.status_code == 200
    assert links_of(response).to(product_url(shop, shop["flour"]))
    assert "Produkt" in text_of(response)


def test_the_site_search_finds_products_however_umlauts_are_spelled(client, shop):
    for query in ("Suessrahmbutter", "süßrahm", "SÜSSRAHMBUTTER"):
        response = client.get("/search/", {"q": query})
        assert links_of(response).to(product_url(shop, shop["butter"])), query


def test_without_a_live_catalogue_the_search_shows_no_products(client, shop):
    make_draft(shop["catalogue"])

    response = client.get("/search/", {"q": "Roggenmehl"})

    assert response.status_code == 200
    assert "search-result--product" not in response.content.decode()


# Query counts


# The numbers a warm request takes; the first six are Wagtail finding the page,
# one of the product page's is its questions; its discussion comes rendered
# from the shared cache.
PINNED = {"catalogue": 5, "product": 12}


def grow(shop, scale):
    """More producers, products and posts that mention the cheese."""
    for n in range(scale):
        producer = ProducerPageFactory(
            parent=shop["producers"], hero_image=ImageFactory()
        )
        products = [
            ProductFactory(
                source=shop["source"],
                producer=producer,
                image=ImageFactory(),
                category=f"Sorte {n}",
            )
            for _ in range(3)
        ]
        BlogPageFactory(
            parent=shop["blog"], body=[products_block(shop["cheese"], *products)]
        )
        ProductFactory(
            source=shop["source"], producer=shop["wendt"], image=ImageFactory()
        )


@pytest.mark.parametrize("name", PINNED)
@pytest.mark.usefixtures("rendered")
def test_catalogue_and_product_page_query_counts_do_not_grow(client, shop, name):
    urls = {
        "catalogue": shop["catalogue"].url,
        "product": product_url(shop, shop["cheese"]),
    }
    grow(shop, 1)
    small = warm_count(client, urls[name])
    grow(shop, 8)
    large = warm_count(client, urls[name])

    assert (small, large) == (PINNED[name], PINNED[name])
