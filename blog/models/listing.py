"""What the blog's listings share: the page size, other apps' additions, and
what a logged-in reader asked not to see."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from wagtail import hooks

from home.page_cache.tags import (
    current_versions,
    depends_on,
    list_tag,
    page_tag,
    still_current,
    tag_for,
    versions_key,
)

POSTS_PER_PAGE = 9

# The query parameter that shows, for once, what the reader's settings hide.
SHOW_HIDDEN = "hidden"
SHOW_HIDDEN_VALUE = "show"


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


def related_posts_tags(category_ids, tag_ids) -> list[str]:
    """The page-cache tags of posts' related posts: one per category and tag,
    purged when a post in it is published or unpublished."""
    return [f"related:category:{pk}" for pk in category_ids] + [
        f"related:tag:{pk}" for pk in tag_ids
    ]


# How many related posts a post shows, and how long their choice is kept.
RELATED_POSTS = 3
RELATED_POSTS_SECONDS = 24 * 60 * 60


def related_posts(post, category_ids, tag_ids) -> list:
    """Up to RELATED_POSTS other live posts that share the most categories and
    tags with `post`, newest first among equals, ready for teasers.

    Which they are is kept in the shared cache until a post sharing a category
    or tag with this one is published or unpublished, this one changes, or one
    of the chosen ones does (it may have left the categories and tags they
    shared): the query that weighs every post against this one runs once per
    change, not once per page view.
    """
    tags = related_posts_tags(category_ids, tag_ids)
    depends_on(*tags)
    # The chosen posts with the versions of their tags, kept under a name of
    # this form's own.
    key = f"theke:related-chosen:{post.pk}:{versions_key([*tags, tag_for(post)])}"
    stored = cache.get(key)
    if isinstance(stored, tuple) and still_current(stored[1]):
        chosen = stored[0]
    else:
        candidates = (
            type(post)
            .objects.live()
            .public()
            .exclude(pk=post.pk)
            .filter(Q(categories__in=category_ids) | Q(tags__in=tag_ids))
            .annotate(
                shared=Count(
                    "categories", filter=Q(categories__in=category_ids), distinct=True
                )
                + Count("tags", filter=Q(tags__in=tag_ids), distinct=True)
            )
            .order_by("-shared", "-date")
        )
        chosen = list(candidates.values_list("pk", flat=True)[:RELATED_POSTS])
        versions = current_versions([page_tag(pk) for pk in chosen])
        cache.set(key, (chosen, versions), RELATED_POSTS_SECONDS)
    if not chosen:
        return []
    found = {
        found.pk: found
        for found in type(post)
        .objects.live()
        .public()
        .filter(pk__in=chosen)
        .for_listing()
    }
    return [found[pk] for pk in chosen if pk in found]


@dataclass(frozen=True)
class Hiding:
    """What an app leaves out of a listing for one reader, and where they change it."""

    condition: Q
    settings_url: str


@dataclass(frozen=True)
class ReaderListing:
    """A listing as one reader sees it, and what it left out for them."""

    items: QuerySet
    hidden: int = 0
    shown_anyway: bool = False
    settings_url: str = ""
    toggle_url: str = ""


def for_reader(request, queryset) -> ReaderListing:
    """`queryset` less what the reader asked not to see, with the count left out.

    Apps register a function under the "theke_reader_hides" hook; it takes the
    request and the listed model and returns a `Hiding`, or None when this
    reader hides nothing of it (an anonymous reader never does, so their
    listings cost no query more and look the same for all of them). With
    ?hidden=show the listing shows everything and says what it would hide.
    """
    # A new, removed or reordered item changes the listing for every reader.
    depends_on(list_tag(queryset.model))
    hidings = [
        found
        for hiding_for in hooks.get_hooks("theke_reader_hides")
        if (found := hiding_for(request, queryset.model)) is not None
    ]
    if not hidings:
        return ReaderListing(queryset)
    condition = reduce(or_, (hiding.condition for hiding in hidings))
    hidden_keys = queryset.model._default_manager.filter(condition).values("pk")
    hidden = queryset.filter(pk__in=hidden_keys).count()
    shown_anyway = request.GET.get(SHOW_HIDDEN) == SHOW_HIDDEN_VALUE
    return ReaderListing(
        items=queryset if shown_anyway else queryset.exclude(pk__in=hidden_keys),
        hidden=hidden,
        shown_anyway=shown_anyway,
        settings_url=hidings[0].settings_url,
        toggle_url=_toggled(request, not shown_anyway),
    )


def _toggled(request, show: bool) -> str:
    """The address of the same listing, from its first page, with hidden items
    shown or left out."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop(SHOW_HIDDEN, None)
    if show:
        params[SHOW_HIDDEN] = SHOW_HIDDEN_VALUE
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


class ListingMixin:
    """A base of the index pages, kept because their first migration names it."""
