"""The mention index: which live pages show which products, kept as pages change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.actions.unpublish_page import UnpublishPageAction

from blog.models import BlogPage
from shop_link.mentions import product_ids_in, rebuild_mentions
from shop_link.models import ProductMention
from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    build_site,
    paragraph,
    products_block,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    return build_site()


def mentioned(page):
    return set(
        ProductMention.objects.filter(page=page).values_list("product_id", flat=True)
    )


def ids(*products):
    return {product.pk for product in products}


def test_publishing_a_post_records_the_products_of_its_blocks(site):
    _, blog, _ = site
    butter, quark, cheese = ProductFactory(), ProductFactory(), ProductFactory()

    post = BlogPageFactory(
        parent=blog,
        body=[
            products_block(butter, quark),
            paragraph("Dazwischen Text."),
            products_block(quark, cheese),
        ],
    )

    assert mentioned(post) == ids(butter, quark, cheese)


def test_a_producer_story_with_products_is_indexed_too(site):
    _, _, producers = site
    wool = ProductFactory()
    producer = ProducerPageFactory(parent=producers, story=[products_block(wool)])

    assert mentioned(producer) == ids(wool)


def test_a_new_revision_without_the_block_removes_its_products(site):
    _, blog, _ = site
    butter, quark = ProductFactory(), ProductFactory()
    post = BlogPageFactory(parent=blog, body=[products_block(butter, quark)])

    post.body = [paragraph("Nur noch Text."), products_block(quark)]
    publish(post)
    assert mentioned(post) == ids(quark)

    post.body = [paragraph("Gar keine Produkte mehr.")]
    publish(post)
    assert mentioned(post) == set()


def test_a_saved_draft_changes_nothing_until_it_is_published(site):
    _, blog, _ = site
    butter, quark = ProductFactory(), ProductFactory()
    post = BlogPageFactory(parent=blog, body=[products_block(butter)])

    post.body = [products_block(quark)]
    post.save_revision()

    assert mentioned(post) == ids(butter)


def test_unpublishing_a_post_removes_it_from_the_index(site):
    _, blog, _ = site
    butter = ProductFactory()
    post = BlogPageFactory(parent=blog, body=[products_block(butter)])

    post.unpublish()

    assert mentioned(post) == set()
    assert not butter.mentions.exists()


def test_unpublishing_a_section_removes_the_posts_below_it(site, admin_user):
    _, blog, _ = site
    butter = ProductFactory()
    BlogPageFactory(parent=blog, body=[products_block(butter)])

    UnpublishPageAction(blog, user=admin_user, include_descendants=True).execute()

    assert not butter.mentions.exists()


def test_deleting_a_post_removes_it_from_the_index(site):
    _, blog, _ = site
    butter = ProductFactory()
    post = BlogPageFactory(parent=blog, body=[products_block(butter)])

    BlogPage.objects.get(pk=post.pk).delete()

    assert not ProductMention.objects.exists()


def test_deleting_a_product_removes_its_rows(site):
    _, blog, _ = site
    butter, quark = ProductFactory(), ProductFactory()
    post = BlogPageFactory(parent=blog, body=[products_block(butter, quark)])

    butter.delete()

    assert mentioned(post) == ids(quark)


def test_product_ids_are_read_from_the_stored_data_without_queries(site):
    _, blog, _ = site
    butter, quark = ProductFactory(), ProductFactory()
    post = BlogPageFactory(parent=blog, body=[products_block(butter, quark)])
    post = BlogPage.objects.get(pk=post.pk)

    with CaptureQueriesContext(connection) as queries:
        found = product_ids_in(post)

    assert found == [butter.pk, quark.pk]
    assert len(queries) == 0


def test_lists_stored_in_the_old_format_and_missing_products_are_handled(site):
    _, blog, _ = site
    butter = ProductFactory()
    post = BlogPageFactory(parent=blog, body=[paragraph("Erst Text.")])
    post.body.raw_data.append(
        {
            "type": "products",
            "value": {"heading": "", "products": [butter.pk, 999_999, None]},
            "id": "8f0e6f7e-0000-4000-8000-000000000001",
        }
    )

    assert product_ids_in(post) == [butter.pk, 999_999]
    publish(post)
    assert mentioned(post) == ids(butter), "only products that exist are recorded"


def test_rebuilding_the_index_restores_it_from_the_live_pages(site):
    _, blog, _ = site
    butter, quark = ProductFactory(), ProductFactory()
    live = BlogPageFactory(parent=blog, body=[products_block(butter)])
    offline = BlogPageFactory(parent=blog, body=[products_block(quark)])
    offline.unpublish()
    ProductMention.objects.all().delete()
    ProductMention.objects.create(page=offline, product=quark)

    assert rebuild_mentions() == 1

    assert mentioned(live) == ids(butter)
    assert mentioned(offline) == set()
