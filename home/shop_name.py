"""The shop's name where the site speaks as the shop: the sender of its mails,
the admin's title, the name of staff without an author.

Read from the default site's ShopSettings and kept in the shared cache, so a
mail or a name costs no query; saving the settings or a site drops it.
"""

from email.utils import parseaddr

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from .models import ShopSettings

CACHE_KEY = "home:shop-name:v1"


def shop_name() -> str:
    """The default site's shop name, else WAGTAIL_SITE_NAME."""
    name = cache.get(CACHE_KEY)
    if name is None:
        name = _read_shop_name()
        cache.set(CACHE_KEY, name, None)
    return name


def _read_shop_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        name = ShopSettings.for_site(site).shop_name.strip()
        if name:
            return name
    return settings.WAGTAIL_SITE_NAME


def remember_shop_name(site, name: str) -> None:
    """Keep a name read from a site's settings, if that site is the default one."""
    if site.is_default_site:
        cache.set(CACHE_KEY, name.strip() or settings.WAGTAIL_SITE_NAME, None)


def forget_shop_name() -> None:
    cache.delete(CACHE_KEY)


def mail_sender() -> str:
    """DEFAULT_FROM_EMAIL's address with the shop's name to show."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    # Quoted, so a comma or a bracket in the name cannot make a second address.
    name = " ".join(shop_name().split()).replace("\\", "").replace('"', "")
    return f'"{name}" <{address}>' if name else address
