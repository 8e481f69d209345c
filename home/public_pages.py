"""Pages anyone may read, with the check for private sections inside the query.

Wagtail's `PageQuerySet.public()` reads every view restriction of the site in
a query of its own, each time it is called: the menu, a listing and a post's
related stories each paid one. Here the same rule (a page is private when it
or one of its ancestors has a view restriction) is a subquery of the query
that lists the pages, so `public()` costs nothing more.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def in_private_section() -> Exists:
    """True for a page that has a view restriction or lies below one.

    A tree path is its ancestors' paths followed by its own step, so a page is
    below a restricted page exactly when its path starts with that page's path.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


class PublicPageQuerySet(PageQuerySet):
    """Pages whose `public()` and `not_public()` check restrictions in SQL."""

    def private_q(self):
        return Q(in_private_section())


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def pages() -> PublicPageQuerySet:
    """Every page, of any type, in tree order."""
    return PublicPageQuerySet(Page).order_by("path")
