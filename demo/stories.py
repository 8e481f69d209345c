"""The demo shop's blog: its sections and categories, then its authors,
producers and posts, built by `load_demo`.

Each thing is looked up by its slug (or name) first and only created when it is
missing, so a second run changes nothing.
"""

import datetime

from django.utils import timezone
from taggit.models import Tag

from blog.models import (
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageProducer,
    ProducersIndexPage,
)
from home.text import german_slug

from . import posts_autumn, posts_summer
from .people import ensure_authors
from .producers import ensure_certifications, ensure_producers
from .writing import resolve_blocks

CATEGORIES = [
    ("Neues vom Hof", "neues-vom-hof", "Was sich im Laden und auf dem Lindenhof tut."),
    ("Rezepte", "rezepte", "Einfache Gerichte mit dem, was gerade im Laden liegt."),
    (
        "Erzeuger & Herkunft",
        "erzeuger-herkunft",
        "Besuche bei den Höfen, Mühlen und Käsereien, von denen wir kaufen.",
    ),
    ("Saison", "saison", "Was gerade wächst, reift und geerntet wird."),
]

INDEXES = {
    "blog": {
        "title": "Blog",
        "intro": (
            "<p>Geschichten aus dem Laden und von den Höfen, Rezepte für die "
            "Woche und was gerade Saison hat – aufgeschrieben von den Menschen "
            "hinter der Theke.</p>"
        ),
    },
    "producers": {
        "title": "Erzeuger",
        "intro": (
            "<p>Von diesen Höfen, Mühlen und Käsereien kommt, was in unseren Regalen "
            "liegt. Wir haben alle besucht, die meisten mehr als einmal.</p>"
        ),
    },
}

# In the order they were written.
POSTS = [*posts_summer.POSTS, *posts_autumn.POSTS]

PUBLISHED_AT = datetime.time(8, 30)


def build_blog_demo(run):
    """Create the demo's authors, labels, sections, producers and posts if missing."""
    authors = ensure_authors(run)
    categories = ensure_categories(run)
    certifications = ensure_certifications(run)
    blog = ensure_index(run, BlogIndexPage, "blog")
    producers_index = ensure_index(run, ProducersIndexPage, "producers")
    producers = ensure_producers(run, producers_index, certifications)
    ensure_posts(run, blog, authors, categories, producers)


def ensure_categories(run):
    existing = {category.slug: category for category in BlogCategory.objects.all()}
    for name, slug, description in CATEGORIES:
        if slug not in existing:
            existing[slug] = BlogCategory.objects.create(
                name=name, slug=slug, description=description
            )
            run.record("category", "categories")
    return existing


def ensure_index(run, model, slug):
    """The one section of type `model`, created under the home page if missing."""
    index = model.objects.first()
    if index is None:
        index = model(slug=slug, show_in_menus=True, **INDEXES[slug])
        run.home.add_child(instance=index)
        index.save_revision().publish()
        run.record("section")
    return index


def ensure_posts(run, blog, authors, categories, producers):
    existing = set(BlogPage.objects.child_of(blog).values_list("slug", flat=True))
    for data in POSTS:
        if data["slug"] in existing:
            continue
        hero = data["hero"]
        page = BlogPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            date=data["date"],
            hero_image=run.image(hero.title, hero.kind),
            hero_alt=hero.alt,
            body=resolve_blocks(run, data["body"]),
        )
        page.categories = [categories[slug] for slug in data["categories"]]
        page.tags.add(*tags_named(data["tags"]))
        page.post_authors = [
            BlogPageAuthor(author=authors[slug], sort_order=position)
            for position, slug in enumerate(data["authors"])
        ]
        page.post_producers = [
            BlogPageProducer(producer=producers[slug], sort_order=position)
            for position, slug in enumerate(data["producers"])
        ]
        blog.add_child(instance=page)
        page.save_revision().publish()
        # The story was written on its date; let the history say so too.
        published = timezone.make_aware(
            datetime.datetime.combine(data["date"], PUBLISHED_AT)
        )
        BlogPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
        run.record("post")


def tags_named(names):
    """Tags by name, created with slugs that stay within the ASCII URL pattern."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=german_slug(name))
        tags.append(tag)
    return tags
