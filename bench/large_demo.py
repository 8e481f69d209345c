"""The large demo the load benchmark reads: the demo shop, and around it
thousands of stories, products, board topics and comments.

The same size and seed build the same content. Stories go into the page tree
in a few statements: their paths are numbered as treebeard numbers a parent's
children, and they are live without revisions (a live page is served from its
own row; only the admin's history reads revisions). Comments carry the thread
fields xtd gives them when they are posted one by one (`bench/bulk.py`).
"""

from __future__ import annotations

import datetime
import hashlib
import math
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Page

from blog.models import (
    Author,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    BlogPageAuthor,
    BlogPageProducer,
    BlogPageTag,
    ProducerPage,
)
from blog.models.pages import WORDS_PER_MINUTE
from community.models import (
    BoardCategory,
    Comment,
    CommunityIndexPage,
    ModerationState,
    Profile,
    Topic,
)
from community.writing.sanitize import render_text
from demo.load import load_demo
from demo.pictures import scaled
from home.text import german_slug
from shop_link.models import Product, ProductIndexPage, ProductSource

from .bulk import BATCH, CommentWriter, store_inherited
from .demo_words import (
    ANGLES,
    INTROS,
    MEMBER_FIRST,
    MEMBER_LAST,
    PARAGRAPHS,
    SENTENCES,
    SUBJECTS,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Content is dated back from here, so that the same seed builds the same site.
LAST_DAY = datetime.date(2026, 11, 30)
# The demo's pictures are drawn at this share of their size: they are read
# from disk only until their renditions exist.
IMAGE_SCALE = 0.25

# The pages the benchmark reads, found again by these in a built database.
BIG_POST_SLUG = "ihre-fragen-zum-sauerteig"
LONG_THREAD_SLUG = "der-grosse-brotfaden"
PRODUCT_SLUG = "bergkaese-vom-hof-lindenau-1"
MEMBER_EMAIL = "lena.leser@example.org"
MEMBER_NAME = "Lena Leser"


@dataclass(frozen=True)
class Size:
    """How much the large demo holds beyond the demo shop."""

    posts: int
    products: int
    comments: int
    topics: int
    members: int
    big_post: int = 200
    long_thread: int = 1000
    seed: int = 2026

    @property
    def key(self) -> str:
        return ",".join(f"{name}={value}" for name, value in vars(self).items())


FULL = Size(posts=2000, products=300, comments=50_000, topics=300, members=400)
QUICK = Size(posts=200, products=60, comments=5_000, topics=40, members=60)


def build(size: Size) -> None:
    """The demo shop and the large demo of `size`, in one transaction, into an
    empty migrated database."""
    rng = random.Random(size.seed)
    with transaction.atomic():
        with scaled(IMAGE_SCALE):
            load_demo()
        people = add_members(size, rng)
        products = add_products(size, rng)
        posts = add_posts(size, rng)
        topics = add_topics(size, rng, people)
        add_comments(size, rng, people, posts, topics, products)
        gather_statistics()


def gather_statistics() -> None:
    """The query planner's statistics, which a database that grew to this size
    in use has (PostgreSQL's autovacuum gathers them, SQLite's `PRAGMA
    optimize`). Without them SQLite counts a story's comments through the
    content-type index, reading every comment on every story."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# Members


def add_members(size: Size, rng: random.Random) -> list[tuple]:
    """The members who write the comments (each with their public name), and
    the one the benchmark logs in as."""
    User = get_user_model()
    users = [User(username=MEMBER_EMAIL, email=MEMBER_EMAIL)]
    names = [MEMBER_NAME]
    for number in range(1, size.members + 1):
        name = f"{rng.choice(MEMBER_FIRST)} {rng.choice(MEMBER_LAST)} {number}"
        email = f"leser{number}@example.org"
        users.append(User(username=email, email=email))
        names.append(name)
    for user in users:
        user.set_unusable_password()
    users = User.objects.bulk_create(users, batch_size=BATCH)
    Profile.objects.bulk_create(
        [
            Profile(user=user, display_name=name)
            for user, name in zip(users, names, strict=True)
        ],
        batch_size=BATCH,
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
        ],
        batch_size=BATCH,
    )
    return list(zip(users, names, strict=True))[1:]


def benchmark_member():
    """The member whose pages the benchmark measures."""
    return get_user_model().objects.get(email=MEMBER_EMAIL)


# Products


def add_products(size: Size, rng: random.Random) -> list[Product]:
    source = ProductSource.objects.create(
        name="Hofladen Lindenau, ganzes Sortiment",
        format="merchant-xml",
        location="https://shop.example.com/feed.xml",
        shop_name="Hofladen Lindenau",
        shop_url="https://shop.example.com",
    )
    producers = list(ProducerPage.objects.live().order_by("pk"))
    now = aware(LAST_DAY, 6)
    products = []
    for number in range(1, size.products + 1):
        subject = rng.choice(SUBJECTS) if number > 1 else "Bergkäse"
        title = f"{subject} vom Hof Lindenau"
        quantity = rng.choice([100, 250, 500, 1000])
        price = Decimal(rng.randint(150, 2400)) / 100
        products.append(
            Product(
                source=source,
                external_id=f"L{number:05d}",
                title=title,
                slug=f"{german_slug(title)}-{number}",
                description=" ".join(rng.sample(PARAGRAPHS, 2)),
                link=f"https://shop.example.com/p/{number}",
                price=price,
                currency="EUR",
                unit_quantity=Decimal(quantity),
                unit_measure="g",
                unit_base_quantity=Decimal(1000),
                unit_base_measure="g",
                availability="in_stock" if rng.random() < 0.9 else "out_of_stock",
                brand="Hof Lindenau",
                category="Lebensmittel",
                origin_region="Uckermark",
                origin_country="DE",
                content_hash=hashlib.sha256(title.encode()).hexdigest(),
                last_seen_at=now,
                synced_at=now,
                producer=rng.choice(producers) if producers and number % 2 else None,
            )
        )
    return Product.objects.bulk_create(products, batch_size=BATCH)


# Stories


def add_posts(size: Size, rng: random.Random) -> list[BlogPage]:
    """`size.posts` live stories under the blog, the two the benchmark reads
    first (and newest), by the demo's authors, in its categories."""
    blog = BlogIndexPage.objects.get()
    authors = list(Author.objects.order_by("pk"))
    categories = list(BlogCategory.objects.order_by("pk"))
    producers = list(ProducerPage.objects.live().order_by("pk"))
    images = list(Image.objects.order_by("pk"))
    tags = [tag_named(subject) for subject in SUBJECTS]
    content_type = ContentType.objects.get_for_model(BlogPage)
    last = blog.get_last_child()
    first_step = last._get_lastpos_in_path() + 1 if last else 1
    depth = blog.depth + 1
    posts = []
    for number in range(size.posts):
        if number == 0:
            title, slug = "Ihre Fragen zum Sauerteig", BIG_POST_SLUG
        elif number == 1:
            title, slug = "Der große Brotfaden", LONG_THREAD_SLUG
        else:
            subject = rng.choice(SUBJECTS)
            title = rng.choice(ANGLES).format(subject)
            slug = f"{german_slug(title)}-{number}"
        date = LAST_DAY - datetime.timedelta(days=number // 2)
        published = aware(date, 8, 30)
        image = rng.choice(images) if images else None
        page = BlogPage(
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{blog.url_path}{slug}/",
            path=BlogPage._get_path(blog.path, depth, first_step + number),
            depth=depth,
            numchild=0,
            content_type=content_type,
            locale_id=blog.locale_id,
            translation_key=uuid.UUID(int=rng.getrandbits(128)),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            show_in_menus=False,
            intro=rng.choice(INTROS),
            date=date,
            hero_image=image,
            hero_alt=image.title if image else "",
            body=[
                ("paragraph", f"<p>{text}</p>")
                for text in rng.sample(PARAGRAPHS, rng.randint(2, 5))
            ],
        )
        words = len(page.body_text().split()) + len(page.intro.split())
        page.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        posts.append(page)
    store_inherited(posts, (Page, BlogPage))
    Page.objects.filter(pk=blog.pk).update(numchild=blog.numchild + len(posts))

    post_authors, post_producers, post_categories, post_tags = [], [], [], []
    for page in posts:
        for position, author in enumerate(rng.sample(authors, rng.randint(1, 2))):
            post_authors.append(
                BlogPageAuthor(page=page, author=author, sort_order=position)
            )
        if producers and rng.random() < 0.4:
            producer = rng.choice(producers)
            post_producers.append(
                BlogPageProducer(page=page, producer=producer, sort_order=0)
            )
        for category in rng.sample(categories, min(len(categories), 2)):
            post_categories.append(
                BlogPage.categories.through(blogpage=page, blogcategory=category)
            )
        for tag in rng.sample(tags, 2):
            post_tags.append(BlogPageTag(content_object=page, tag=tag))
    BlogPageAuthor.objects.bulk_create(post_authors, batch_size=BATCH)
    BlogPageProducer.objects.bulk_create(post_producers, batch_size=BATCH)
    BlogPage.categories.through.objects.bulk_create(post_categories, batch_size=BATCH)
    BlogPageTag.objects.bulk_create(post_tags, batch_size=BATCH)
    return posts


def tag_named(name: str) -> Tag:
    """The tag `name`, made with a slug as the demo makes them if missing."""
    return Tag.objects.filter(name=name).first() or Tag.objects.create(
        name=name, slug=german_slug(name)
    )


# The board


def add_topics(size: Size, rng: random.Random, people: list) -> list[Topic]:
    categories = list(BoardCategory.objects.order_by("pk"))
    topics = []
    for number in range(1, size.topics + 1):
        subject = rng.choice(SUBJECTS)
        title = f"{subject}: {rng.choice(SENTENCES)}"[:140]
        body = " ".join(rng.sample(SENTENCES, 2))
        active = aware(LAST_DAY, 12) - datetime.timedelta(hours=number * 7)
        topics.append(
            Topic(
                category=rng.choice(categories),
                title=title,
                slug=f"{german_slug(subject)}-frage-{number}",
                body=body,
                body_html=render_text(body),
                author=rng.choice(people)[0],
                state=ModerationState.PUBLISHED,
                first_published_at=active,
                last_activity_at=active,
            )
        )
    return Topic.objects.bulk_create(topics, batch_size=BATCH)


# Comments


def add_comments(size, rng, people, posts, topics, products) -> None:
    """`size.comments` public comments: the big post's in threads of 20, the
    long thread, some on a product, a share on the board, the rest on stories."""
    big, long_post, *others = posts
    texts = [" ".join(rng.sample(SENTENCES, rng.randint(1, 3))) for _ in range(400)]
    writer = CommentWriter(rng, people, texts, aware(LAST_DAY, 7))
    writer.threads(big, [20] * (size.big_post // 20))
    writer.threads(long_post, [size.long_thread])
    product = next(p for p in products if p.slug == PRODUCT_SLUG)
    writer.threads(product, [8, 5, 3, 1])
    left = size.comments - writer.count
    on_board = left // 8
    for target, count in spread(rng, topics, on_board).items():
        writer.threads(target, split(rng, count, 3))
    for target, count in spread(rng, others, left - on_board).items():
        writer.threads(target, split(rng, count, 12))
    writer.store()


def split(rng: random.Random, count: int, longest: int) -> list[int]:
    """`count` comments as threads of 1 to `longest` comments."""
    sizes = []
    while count:
        sizes.append(min(count, rng.randint(1, longest)))
        count -= sizes[-1]
    return sizes


def spread(rng: random.Random, targets: list, count: int) -> dict:
    """`count` comments dealt out over `targets`, some getting many, some none."""
    weights = [rng.paretovariate(1.5) for _ in targets]
    counts = {}
    for target in rng.choices(targets, weights=weights, k=count):
        counts[target] = counts.get(target, 0) + 1
    return counts


def aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


# What the benchmark reads


def discussed() -> dict:
    """What the measured pages with a discussion are about, by name."""
    return {
        "post, 200 comments": BlogPage.objects.get(slug=BIG_POST_SLUG),
        "thread, 1,000 comments": BlogPage.objects.get(slug=LONG_THREAD_SLUG),
        "product": Product.objects.get(slug=PRODUCT_SLUG),
    }


def landmarks() -> dict[str, str]:
    """The paths of the pages the benchmark measures, by name."""
    big = BlogPage.objects.get(slug=BIG_POST_SLUG)
    long_post = BlogPage.objects.get(slug=LONG_THREAD_SLUG)
    root = Comment.objects.on(long_post).filter(level=0).order_by("pk").first()
    product = Product.objects.get(slug=PRODUCT_SLUG)
    return {
        "home": "/",
        "blog index": BlogIndexPage.objects.get().url,
        "post, 200 comments": big.url,
        "thread, 1,000 comments": f"{long_post.url}?thread={root.pk}",
        "product": ProductIndexPage.objects.live().get().product_url(product),
        "board": CommunityIndexPage.objects.live().get().url,
    }
