from django.contrib.auth.signals import user_logged_out
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from .headers import note_session_ended
from .models import ShopSettings, settings_cache_key
from .navigation import bump_menu_version
from .page_cache.purging import page_tags, purge_page, purge_shared_object
from .page_cache.tags import purge, purge_everything
from .public_pages import forget_restrictions
from .shop_name import forget_shop_name


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    bump_menu_version()
    purge_page(instance)


@receiver(page_slug_changed)
@receiver(post_page_move)
def page_moved(sender, **kwargs):
    """A new address for the page and every page below it: every link to
    them, on any page, changes."""
    bump_menu_version()
    purge_everything()


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    # What shows the page is known only while it is still there.
    if isinstance(instance, Page) and instance.live:
        purge(*page_tags(instance))


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_menu_version()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def page_restricted(sender, instance, raw=False, **kwargs):
    """A restriction hides a page and everything below it from readers who
    may not see them, and lifting it shows them: the menu, the sections looked
    up for it and every listing may change."""
    bump_menu_version()
    forget_restrictions()
    if not raw:
        purge_everything()


@receiver(post_save, sender=get_image_model())
@receiver(pre_delete, sender=get_image_model())
def image_changed(sender, instance, **kwargs):
    purge_shared_object(instance)


@receiver(post_save, sender=ShopSettings)
@receiver(post_delete, sender=ShopSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def shop_settings_changed(sender, instance, **kwargs):
    forget_shop_name()
    site_id = instance.pk if isinstance(instance, Site) else instance.site_id
    cache.delete(settings_cache_key(site_id))
    purge_everything()


@receiver(user_logged_out)
def session_ended(sender, request=None, **kwargs):
    """Logging out, and deleting an account, which logs out: the browser is
    told to forget what it kept of this person's pages."""
    if request is not None:
        note_session_ended(request)
