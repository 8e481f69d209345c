"""What the blog's listings share: the page size and other apps' additions."""

from wagtail import hooks

POSTS_PER_PAGE = 9


def with_listing_extras(queryset):
    """`queryset` with what other apps add to listed pages, in the same query.

    Apps register a function under the "theke_listing_queryset" hook; it takes
    a queryset of listed pages and returns it annotated (the community app adds
    `comment_count`). The blog knows nothing of those apps, and teasers show an
    annotation only when it is there.
    """
    for extend in hooks.get_hooks("theke_listing_queryset"):
        queryset = extend(queryset)
    return queryset


class ListingMixin:
    """A base of the index pages, kept because their first migration names it."""
