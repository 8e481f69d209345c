"""The blog's models, cut by concern; every model is importable from here."""

from .listing import POSTS_PER_PAGE, ListingMixin
from .pages import (
    Author,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageProducer,
    BlogPageTag,
)
from .producers import ProducerPage, ProducerPageGalleryImage, ProducersIndexPage
from .snippets import BlogCategory, Certification

__all__ = [
    "POSTS_PER_PAGE",
    "Author",
    "BlogCategory",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageAuthor",
    "BlogPageProducer",
    "BlogPageTag",
    "Certification",
    "ListingMixin",
    "ProducerPage",
    "ProducerPageGalleryImage",
    "ProducersIndexPage",
]
