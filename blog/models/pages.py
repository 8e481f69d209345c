"""The shop blog: its index, its posts and the people who sign them.

Author lives here with the two pages because the three refer to one another: an
author's page is a route of the blog index, the index lists posts and looks up
authors, and a post finds its index to link its authors.
"""

import math

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from blog.feeds import AtomFeed, RssFeed
from home.blocks import StoryStreamBlock, extra_story_blocks
from home.ids import parse_slug
from home.models import ShopSettings
from home.page_cache.tags import depends_on, list_tag
from home.personal_data import Basis, PersonalData, Section
from home.public_pages import PublicPageManager, PublicPageQuerySet, PublicPages
from home.seo import SCHEMA_CONTEXT, image_object, preview_image, shop_organization
from home.slugs import SpelledOutSlugs
from home.text import german_slug

from . import listing as listings
from .listing import POSTS_PER_PAGE, ListingMixin, for_reader, with_listing_extras
from .snippets import BlogCategory

WORDS_PER_MINUTE = 200


class Author(index.Indexed, models.Model):
    """A person behind the shop who writes under their own name."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    role = models.CharField(
        _("role"),
        max_length=120,
        help_text=_("e.g. “Owner” or “At the cheese counter”"),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text=_("Links the author to a login, so answers show their name."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    personal_data = (
        PersonalData(
            fields=("name", "slug", "role", "photo", "bio", "user"),
            section=Section.TEAM,
            what=_(
                "The team members who write for the shop: name, role, photo, a "
                "short bio, and their admin account."
            ),
            purpose=_(
                "Staff sign their stories and answers as themselves, so that "
                "customers know whom they talk to."
            ),
            basis=Basis.CONSENT,
            retention=_("Until the team member asks for their entry to go."),
            seen_by=_("Everyone, on the stories and the author's page."),
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slug(self.name, max_length=120) or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        blog = BlogIndexPage.objects.live().first()
        if blog is None:
            return ""
        return blog.url + blog.reverse_subpage("author", args=[self.slug])

    def json_ld(self, request, url, with_image=False):
        """The author as a schema.org Person whose profile is at url."""
        data = {"@type": "Person", "name": self.name}
        if url:
            data["url"] = url
        if self.role:
            data["jobTitle"] = self.role
        data["worksFor"] = shop_organization(ShopSettings.for_request(request), request)
        if with_image and self.bio:
            data["description"] = self.bio
        if with_image and self.photo:
            data["image"] = preview_image(self.photo, request, "fill-400x400")["url"]
        return data


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("post tag")
        verbose_name_plural = _("post tags")


class BlogPageQuerySet(PublicPageQuerySet):
    def for_listing(self):
        """Posts newest first with what a teaser shows, in a fixed number of queries."""
        return with_listing_extras(
            self.select_related("hero_image")
            .prefetch_related(
                "hero_image__renditions",
                "categories",
                Prefetch(
                    "post_authors",
                    queryset=BlogPageAuthor.objects.select_related(
                        "author", "author__photo"
                    ),
                ),
            )
            .order_by("-date", "-pk")
        )

    def in_category(self, category):
        return self.filter(categories=category)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def by_author(self, author):
        return self.filter(post_authors__author=author)

    def naming_producer(self, producer):
        return self.filter(post_producers__producer=producer)


BlogPageManager = PageManager.from_queryset(BlogPageQuerySet)


class BlogIndexPage(
    PublicPages, SpelledOutSlugs, RoutablePageMixin, ListingMixin, Page
):
    """The shop blog: newest first, filterable by category, tag and author."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count = 1

    class Meta:
        verbose_name = _("blog")
        verbose_name_plural = _("blogs")

    def get_posts(self):
        return BlogPage.objects.child_of(self).live().public().for_listing()

    def render_listing(self, request, posts, **extra):
        listing = for_reader(request, posts)
        depends_on(list_tag(BlogCategory))  # the categories beside the listing
        page = Paginator(listing.items, POSTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context = {
            "posts": page,
            "reader_listing": listing,
            "categories": BlogCategory.objects.annotate(
                post_count=Count(
                    "blog_pages",
                    filter=Q(blog_pages__live=True, blog_pages__view_restrictions=None),
                )
            ).filter(post_count__gt=0),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("")
    def index(self, request):
        posts = self.get_posts()
        extra = {}
        if slug := request.GET.get("category"):
            extra["active_category"] = category = BlogCategory.objects.filter(
                slug=parse_slug(slug)
            ).first()
            posts = posts.in_category(category) if category else posts.none()
        if slug := request.GET.get("tag"):
            extra["active_tag"] = tag = Tag.objects.filter(
                slug=parse_slug(slug)
            ).first()
            posts = posts.tagged(tag) if tag else posts.none()
        if slug := request.GET.get("author"):
            extra["active_author"] = author = Author.objects.filter(
                slug=parse_slug(slug)
            ).first()
            posts = posts.by_author(author) if author else posts.none()
        return self.render_listing(request, posts, **extra)

    @path("category/<slug:slug>/", name="category")
    def category(self, request, slug):
        category = get_object_or_404(BlogCategory, slug=slug)
        return self.render_listing(
            request, self.get_posts().in_category(category), active_category=category
        )

    @path("tag/<slug:slug>/", name="tag")
    def tag(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return self.render_listing(
            request, self.get_posts().tagged(tag), active_tag=tag
        )

    @path("author/<slug:slug>/", name="author")
    def author(self, request, slug):
        author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
        listing = for_reader(request, self.get_posts().by_author(author))
        return self.render(
            request,
            context_overrides={
                "author": author,
                "posts": Paginator(listing.items, POSTS_PER_PAGE).get_page(
                    request.GET.get("page")
                ),
                "reader_listing": listing,
            },
            template="blog/author_page.html",
        )

    def subpage_url(self, request, name, slug):
        """The absolute URL of one of the blog's routes, such as an author's page."""
        return self.get_full_url(request) + self.reverse_subpage(name, args=[slug])

    def get_sitemap_urls(self, request=None):
        """The blog, dated by its newest post; its categories and authors are
        the sitemap's section "blog" (blog/sitemaps.py)."""
        depends_on(list_tag(BlogPage))
        return [{"location": self.get_full_url(request), "lastmod": self.newest()}]

    def newest(self):
        """When the blog or one of its live, public posts was last published."""
        posts = BlogPage.objects.child_of(self).live().public()
        newest = posts.aggregate(newest=Max("last_published_at"))["newest"]
        own = self.last_published_at or self.latest_revision_created_at
        return max(filter(None, [own, newest]), default=None)

    def feed_url(self, request, kind, category=None):
        """The absolute URL of the blog's RSS ("feed") or Atom ("atom") feed."""
        if category is None:
            route = self.reverse_subpage("feed", kwargs={"kind": kind})
        else:
            route = self.reverse_subpage(
                "category_feed", kwargs={"kind": kind, "slug": category.slug}
            )
        return self.get_full_url(request) + route

    def seo_meta(self, request, context):
        """Previews of a filtered listing name what it lists."""
        if author := context.get("author") or context.get("active_author"):
            return {
                "title": author.name,
                "description": author.bio or author.role,
                "image": author.photo,
                "image_alt": author.name,
                "type": "profile",
                "canonical": self.subpage_url(request, "author", author.slug),
            }
        if category := context.get("active_category"):
            return {
                "title": f"{category.name} – {self.title}",
                "description": category.description or None,
                "canonical": self.subpage_url(request, "category", category.slug),
            }
        if tag := context.get("active_tag"):
            return {
                "title": f"{tag.name} – {self.title}",
                "canonical": self.subpage_url(request, "tag", tag.slug),
            }
        return {}

    def json_ld(self, request, context):
        """An author's page is a ProfilePage about the person."""
        author = context.get("author")
        if author is None:
            return None
        url = self.subpage_url(request, "author", author.slug)
        return {
            "@context": SCHEMA_CONTEXT,
            "@type": "ProfilePage",
            "url": url,
            "mainEntity": author.json_ld(request, url, with_image=True),
        }

    @re_path(r"^(?P<kind>feed|atom)/$", name="feed")
    @re_path(r"^category/(?P<slug>[-\w]+)/(?P<kind>feed|atom)/$", name="category_feed")
    def feed(self, request, kind, slug=None):
        category = None
        if slug is not None:
            category = BlogCategory.objects.filter(slug=slug).first()
            if category is None:
                raise Http404
        feed_class = AtomFeed if kind == "atom" else RssFeed
        return feed_class(self, category)(request)


class BlogPage(PublicPages, SpelledOutSlugs, Page):
    """A story from the shop, written by one or more of its people."""

    intro = models.TextField(
        _("intro"), max_length=400, help_text=_("One or two sentences for teasers.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for readers who cannot see it."),
    )
    body = StreamField(StoryStreamBlock(extra_story_blocks()), verbose_name=_("body"))
    date = models.DateField(_("published on"), default=timezone.localdate)
    updated = models.DateField(
        _("updated on"),
        null=True,
        blank=True,
        help_text=_("Set when the story changed in substance."),
    )
    categories = ParentalManyToManyField(
        "blog.BlogCategory",
        verbose_name=_("categories"),
        blank=True,
        related_name="blog_pages",
    )
    tags = ClusterTaggableManager(
        through="blog.BlogPageTag", blank=True, verbose_name=_("tags")
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time in minutes"), default=1, editable=False
    )

    objects = BlogPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Hero image")
        ),
        FieldPanel("body"),
        # Wagtail words an entry "<label> 1" and its button "Add <label>": the
        # label is one of them, the heading all of them.
        MultipleChooserPanel(
            "post_authors",
            chooser_field_name="author",
            heading=_("Authors"),
            label=_("author"),
            min_num=1,
        ),
        MultipleChooserPanel(
            "post_producers",
            chooser_field_name="producer",
            heading=_("Producers"),
            label=_("producer"),
        ),
    ]
    promote_panels = Page.promote_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("updated")]),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        # Prefix matching for site search: "Käse" also finds "Käsesorten".
        index.AutocompleteField("intro"),
        index.AutocompleteField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    @cached_property
    def authors(self):
        return [
            row.author
            for row in self.post_authors.select_related(
                "author", "author__photo"
            ).prefetch_related("author__photo__renditions")
        ]

    @cached_property
    def producers(self):
        return [
            row.producer
            for row in self.post_producers.select_related(
                "producer", "producer__hero_image"
            ).prefetch_related("producer__hero_image__renditions")
            if row.producer.live
        ]

    @cached_property
    def category_list(self):
        return list(self.categories.all())

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @cached_property
    def blog_index(self):
        return BlogIndexPage.objects.ancestor_of(self).first()

    @cached_property
    def related_posts(self):
        """Up to three other live posts that share the most categories and tags."""
        category_ids = [c.pk for c in self.category_list]
        tag_ids = [t.pk for t in self.tag_list]
        return listings.related_posts(self, category_ids, tag_ids)

    def author_url(self, request, author):
        """The absolute URL of the author's page in this post's blog."""
        if self.blog_index is None:
            return None
        return self.blog_index.subpage_url(request, "author", author.slug)

    def seo_meta(self, request, context):
        return {
            "type": "article",
            "article": {
                "published_time": self.date.isoformat(),
                "modified_time": (self.updated or self.date).isoformat(),
                "author": [self.author_url(request, author) for author in self.authors],
                "section": [category.name for category in self.category_list[:1]],
                "tag": [tag.name for tag in self.tag_list],
            },
        }

    def json_ld(self, request, context):
        """The post as a schema.org BlogPosting, by its authors, from the shop."""
        url = self.get_full_url(request)
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "BlogPosting",
            "headline": self.title,
            "description": self.intro,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.updated or self.date).isoformat(),
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "author": [
                author.json_ld(request, self.author_url(request, author))
                for author in self.authors
            ],
            "publisher": shop_organization(ShopSettings.for_request(request), request),
        }
        if self.hero_image:
            data["image"] = image_object(self.hero_image, request)
        if self.category_list:
            data["articleSection"] = [category.name for category in self.category_list]
        if self.tag_list:
            data["keywords"] = [tag.name for tag in self.tag_list]
        return data

    def body_text(self):
        """The words of the body, as the search index sees them."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body))

    def save(self, *args, **kwargs):
        words = len(self.body_text().split()) + len(self.intro.split())
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        super().save(*args, **kwargs)


class BlogPageAuthor(Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="post_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        unique_together = [("page", "author")]


class BlogPageProducer(Orderable):
    page = ParentalKey(
        BlogPage, on_delete=models.CASCADE, related_name="post_producers"
    )
    producer = models.ForeignKey(
        "blog.ProducerPage",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="named_in",
    )

    panels = [FieldPanel("producer")]

    class Meta(Orderable.Meta):
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        unique_together = [("page", "producer")]
