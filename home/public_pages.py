"""Pages anyone may read, with the check for private sections inside the query.

Wagtail's `PageQuerySet.public()` reads every view restriction of the site in
a query of its own, each time it is called: the menu, a listing and a post's
related stories each paid one. Here whether any restriction exists at all is
kept in the shared cache, so a shop without private sections pays nothing.
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from .page_cache.recent import remembered

RESTRICTIONS_KEY = "theke:any-view-restriction"


def any_restriction() -> bool:
    """Whether any page has a view restriction, from the shared cache until
    one is added or removed (which purges everything)."""
    return remembered(RESTRICTIONS_KEY, _any_restriction)


def _any_restriction() -> bool:
    found = cache.get(RESTRICTIONS_KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, found, None)
    return found


def forget_restrictions() -> None:
    cache.delete(RESTRICTIONS_KEY)


class PublicPageQuerySet(PageQuerySet):
    """Pages whose `public()` and `not_public()` cost no query of their own.

    Most shops restrict no page: then nothing is private and the listing's
    query has no condition for it. Otherwise the restrictions are checked as
    Wagtail checks them, by the paths of the restricted pages: a subquery per
    listed page would compare every page with every other one.
    """

    def private_q(self):
        if not any_restriction():
            return Q(pk__in=[])
        return super().private_q()


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


class PublicPages:
    """Mixed into every page type: serving a page checks its view restrictions
    and those of its ancestors (Wagtail's `before_serve_page` hook), two
    queries on every request. While no page has one, there is none to check."""

    def get_view_restrictions(self):
        if not any_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def pages() -> PublicPageQuerySet:
    """Every page, of any type, in tree order."""
    return PublicPageQuerySet(Page).order_by("path")
