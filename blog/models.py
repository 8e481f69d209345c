import math

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from home.blocks import StoryStreamBlock

POSTS_PER_PAGE = 9
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
        "auth.User",
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120] or "author"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        blog = BlogIndexPage.objects.live().first()
        if blog is None:
            return ""
        return blog.url + blog.reverse_subpage("author", args=[self.slug])


class BlogCategory(models.Model):
    """A topic that groups posts, such as recipes or news from the farm."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Certification(models.Model):
    """A label a producer holds, such as EU organic or Demeter."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    code = models.CharField(
        _("inspection code"),
        max_length=40,
        blank=True,
        help_text=_("e.g. the control body number DE-ÖKO-006"),
    )
    description = models.TextField(_("what it means"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self):
        return self.name


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Posts newest first with what a teaser shows, in a fixed number of queries."""
        return (
            self.select_related("hero_image")
            .prefetch_related(
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


class ListingMixin:
    """Pagination for index pages that never fails on a bad page number."""

    @staticmethod
    def paginate(request, queryset, per_page=POSTS_PER_PAGE):
        paginator = Paginator(queryset, per_page)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)


class BlogIndexPage(RoutablePageMixin, ListingMixin, Page):
    """The shop blog: newest first, filterable by category, tag and author."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count = 1

    class Meta:
        verbose_name = _("blog")

    def get_posts(self):
        return BlogPage.objects.child_of(self).live().public().for_listing()

    def render_listing(self, request, posts, **extra):
        page = self.paginate(request, posts)
        context = {
            "posts": page,
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
                slug=slug
            ).first()
            posts = posts.in_category(category) if category else posts.none()
        if slug := request.GET.get("tag"):
            extra["active_tag"] = tag = Tag.objects.filter(slug=slug).first()
            posts = posts.tagged(tag) if tag else posts.none()
        if slug := request.GET.get("author"):
            extra["active_author"] = author = Author.objects.filter(slug=slug).first()
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
        return self.render(
            request,
            context_overrides={
                "author": author,
                "posts": self.paginate(request, self.get_posts().by_author(author)),
            },
            template="blog/author_page.html",
        )

    @re_path(r"^(?P<kind>feed|atom)/$", name="feed")
    @re_path(r"^category/(?P<slug>[-\w]+)/(?P<kind>feed|atom)/$", name="category_feed")
    def feed(self, request, kind, slug=None):
        from blog.feeds import AtomFeed, RssFeed

        category = None
        if slug is not None:
            category = BlogCategory.objects.filter(slug=slug).first()
            if category is None:
                raise Http404
        feed_class = AtomFeed if kind == "atom" else RssFeed
        return feed_class(self, category)(request)


class BlogPage(Page):
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
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"))
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
        MultipleChooserPanel(
            "post_authors", chooser_field_name="author", label=_("Authors"), min_num=1
        ),
        MultipleChooserPanel(
            "post_producers", chooser_field_name="producer", label=_("Producers")
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
            for row in self.post_authors.select_related("author", "author__photo")
        ]

    @cached_property
    def producers(self):
        return [
            row.producer
            for row in self.post_producers.select_related(
                "producer", "producer__hero_image"
            )
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
        return list(
            BlogPage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(Q(categories__in=category_ids) | Q(tags__in=tag_ids))
            .annotate(
                shared=Count("categories", filter=Q(categories__in=category_ids))
                + Count("tags", filter=Q(tags__in=tag_ids))
            )
            .select_related("hero_image")
            .order_by("-shared", "-date")[:3]
        )

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
        unique_together = [("page", "producer")]


class ProducersIndexPage(Page):
    """The farms, dairies and mills whose goods the shop sells."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ProducerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("producers")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producers"] = (
            ProducerPage.objects.child_of(self).live().public().for_listing()
        )
        return context


class ProducerPageQuerySet(PageQuerySet):
    def for_listing(self):
        return (
            self.select_related("hero_image")
            .prefetch_related("certifications")
            .order_by("title")
        )


ProducerPageManager = PageManager.from_queryset(ProducerPageQuerySet)


class ProducerPage(Page):
    """A producer's story: who they are, where, and how they work."""

    place = models.CharField(_("place"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    since = models.PositiveSmallIntegerField(
        _("producing since"), null=True, blank=True, help_text=_("A year, e.g. 1987")
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for teasers.")
    )
    what_they_make = models.TextField(_("what they make"), max_length=1000)
    how_they_produce = models.TextField(_("how they produce"), max_length=2000)
    certifications = ParentalManyToManyField(
        "blog.Certification",
        verbose_name=_("certifications"),
        blank=True,
        related_name="producers",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(_("main photo description"), max_length=250, blank=True)
    story = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)
    visiting = RichTextField(
        _("visiting information"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Farm shop hours, tours, how to get there."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = ProducerPageManager()

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("place"), FieldPanel("region"), FieldPanel("since")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Main photo")
        ),
        FieldPanel("what_they_make"),
        FieldPanel("how_they_produce"),
        FieldPanel("certifications", widget=forms.CheckboxSelectMultiple),
        FieldPanel("story"),
        InlinePanel("gallery_images", label=_("Photos")),
        FieldPanel("visiting"),
        FieldPanel("website"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("place"),
        index.SearchField("region"),
        index.SearchField("what_they_make"),
        index.SearchField("how_they_produce"),
        index.SearchField("story"),
    ]

    parent_page_types = ["blog.ProducersIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    @cached_property
    def certification_list(self):
        return list(self.certifications.all())

    @cached_property
    def photos(self):
        return list(self.gallery_images.select_related("image"))

    @cached_property
    def posts(self):
        """Live posts that name this producer, newest first."""
        return list(
            BlogPage.objects.live().public().naming_producer(self).for_listing()
        )


class ProducerPageGalleryImage(Orderable):
    page = ParentalKey(
        ProducerPage, on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    alt = models.CharField(_("description"), max_length=250)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt"), FieldPanel("caption")]
