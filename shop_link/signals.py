"""Signal receivers of the products app: the mention index follows page
changes, and a product changed in the admin is purged from the page cache."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .caching import purge_product
from .mentions import forget_mentions, record_mentions
from .models.products import Product


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    record_mentions(instance)


@receiver(page_unpublished)
def unindex_unpublished_page(sender, instance, **kwargs):
    forget_mentions(instance)


@receiver(post_save, sender=Product)
@receiver(post_delete, sender=Product)
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_product(instance)
