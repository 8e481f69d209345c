from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from .models import ShopSettings, settings_cache_key
from .navigation import bump_menu_version
from .shop_name import forget_shop_name


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    bump_menu_version()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, **kwargs):
    """The menu and the sections looked up for it show public pages only."""
    bump_menu_version()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_menu_version()


@receiver(post_save, sender=ShopSettings)
@receiver(post_delete, sender=ShopSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def shop_settings_changed(sender, instance, **kwargs):
    forget_shop_name()
    site_id = instance.pk if isinstance(instance, Site) else instance.site_id
    cache.delete(settings_cache_key(site_id))
