"""Signal receivers of the products app: the mention index follows page changes."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .mentions import forget_mentions, record_mentions


@receiver(page_published)
def index_published_page(sender, instance, **kwargs):
    record_mentions(instance)


@receiver(page_unpublished)
def unindex_unpublished_page(sender, instance, **kwargs):
    forget_mentions(instance)
