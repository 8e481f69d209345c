"""The main menu and the site's sections (its blog, its catalogue, its board),
cached in the shared cache and looked up again when pages change."""

import secrets

from django.core.cache import cache
from wagtail.models import Site

from .page_cache.recent import remembered
from .page_cache.tags import purge
from .public_pages import pages as all_pages

MENU_VERSION_KEY = "theke:menu-version"


# Purged with every new menu version. No page records it: purging it tells
# each process that the version it remembers is no longer current.
MENU_TAG = "menu"


def menu_version() -> str:
    """The version cached menus are kept under. A new one is never an old one
    again, so losing it (a Redis that forgot it, or a version the cache could
    not take and deleted afterwards) never brings back a menu kept before."""
    return remembered(
        MENU_VERSION_KEY,
        lambda: cache.get_or_set(MENU_VERSION_KEY, _new_menu_version, None),
    )


def bump_menu_version() -> None:
    """Invalidate every cached menu; called when a page is published or moved."""
    cache.set(MENU_VERSION_KEY, _new_menu_version(), None)
    purge(MENU_TAG)


def _new_menu_version() -> str:
    return secrets.token_hex(8)


def main_menu(request) -> list[dict]:
    """Title and URL of each live page the site root shows in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = f"theke:menu:{site.pk}:{menu_version()}"
    return remembered(key, lambda: _menu_items(key, site, request))


def _menu_items(key, site, request) -> list[dict]:
    items = cache.get(key)
    if items is None:
        pages = (
            all_pages()
            .child_of(site.root_page)
            .live()
            .public()
            .in_menu()
            .order_by("path")
        )
        items = [
            {
                "title": page.title,
                "url": page.get_url(request=request),
                "path": page.path,
            }
            for page in pages
        ]
        cache.set(key, items, None)
    return items


def live_page(model, site=None, *, public=True):
    """The first live page of `model` (in `site`, and public unless told), as the
    one blog or catalogue a site has; kept in the shared cache like the menu."""
    key = ":".join(
        [
            "theke:live-page",
            model._meta.label_lower,
            str(site.pk if site is not None else ""),
            "public" if public else "any",
            str(menu_version()),
        ]
    )
    found = cache.get(key)
    if found is None:
        pages = model.objects.live()
        if public:
            pages = pages.public()
        if site is not None:
            pages = pages.in_site(site)
        # In a tuple, so that "no such page" is kept as well.
        found = (pages.first(),)
        cache.set(key, found, None)
    return found[0]
