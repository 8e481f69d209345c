"""Which pages a change to a page or a shared object purges.

A page is shown by itself, by the cards of listings and other pages (which
record its tag), by the listings of its kind (which record the kind's list
tag, and change when one is added, removed or reordered) and by pages that
refer to it or that it refers to (Wagtail's reference index: a post names its
producers, whose pages tell of the posts naming them). A move or a new slug
changes the address of the page and of everything below it, and so every link
to them: it purges every page.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .tags import SITE, list_tag, page_tag, purge, tag_for

# Pages this close to the root stand in the main navigation of every page.
_NAVIGATION_DEPTH = 3


def page_tags(page) -> set:
    """The tags to purge when `page` is published, unpublished or deleted."""
    tags = {tag_for(page), list_tag(page.specific_class or Page), list_tag(Page)}
    if page.depth <= _NAVIGATION_DEPTH:
        tags.add(SITE)
    tags |= referring_page_tags(page)
    page_type = ContentType.objects.get_for_model(Page)
    referred = ReferenceIndex.get_references_for_object(page).filter(
        to_content_type=page_type
    )
    tags |= {page_tag(pk) for pk in referred.values_list("to_object_id", flat=True)}
    return tags


def referring_page_tags(obj) -> set:
    """The tags of the pages that refer to `obj` (a page, an image, a snippet)."""
    page_type = ContentType.objects.get_for_model(Page)
    referring = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=page_type
    )
    return {page_tag(pk) for pk in referring.values_list("object_id", flat=True)}


def purge_page(page) -> None:
    purge(*page_tags(page))


def purge_shared_object(obj) -> None:
    """An object pages show but do not own (an image, a snippet) changed:
    purge it, the listings of its kind and the pages that refer to it."""
    purge(tag_for(obj), list_tag(type(obj)), *referring_page_tags(obj))
