"""The main menu, cached in the shared cache and rebuilt when pages change."""

from django.core.cache import cache
from wagtail.models import Page, Site

MENU_VERSION_KEY = "theke:menu-version"


def menu_version() -> int:
    return cache.get_or_set(MENU_VERSION_KEY, 1, None)


def bump_menu_version() -> None:
    """Invalidate every cached menu; called when a page is published or moved."""
    try:
        cache.incr(MENU_VERSION_KEY)
    except ValueError:
        cache.set(MENU_VERSION_KEY, 2, None)


def main_menu(request) -> list[dict]:
    """Title and URL of each live page the site root shows in menus."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = f"theke:menu:{site.pk}:{menu_version()}"
    items = cache.get(key)
    if items is None:
        pages = (
            Page.objects.child_of(site.root_page)
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
