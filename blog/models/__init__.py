"""The blog's models, cut by concern; every model is importable from here."""

from .listing import POSTS_PER_PAGE, ListingMixin, with_listing_extras
from .pages import (
    WORDS_PER_MINUTE,
    Author,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageManager,
    BlogPageProducer,
    BlogPageQuerySet,
    BlogPageTag,
)
from .producers import (
    ProducerPage,
    ProducerPageGalleryImage,
    ProducerPageManager,
    ProducerPageQuerySet,
    ProducersIndexPage,
)
from .snippets import BlogCategory, Certification

__all__ = [
    "POSTS_PER_PAGE",
    "WORDS_PER_MINUTE",
    "Author",
    "BlogCategory",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageAuthor",
    "BlogPageManager",
    "BlogPageProducer",
    "BlogPageQuerySet",
    "BlogPageTag",
    "Certification",
    "ListingMixin",
    "ProducerPage",
    "ProducerPageGalleryImage",
    "ProducerPageManager",
    "ProducerPageQuerySet",
    "ProducersIndexPage",
    "with_listing_extras",
]
