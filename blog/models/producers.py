"""Producer stories: the farms, dairies and mills whose goods the shop sells."""

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.blocks import StoryStreamBlock, extra_story_blocks
from home.personal_data import Basis, PersonalData, Section
from home.public_pages import PublicPageManager, PublicPageQuerySet, PublicPages
from home.seo import SCHEMA_CONTEXT, image_object
from home.slugs import SpelledOutSlugs

from .listing import with_listing_extras
from .pages import BlogPage


class ProducersIndexPage(PublicPages, SpelledOutSlugs, Page):
    """The farms, dairies and mills whose goods the shop sells."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ProducerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("producer overview")
        verbose_name_plural = _("producer overviews")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producers"] = (
            ProducerPage.objects.child_of(self).live().public().for_listing()
        )
        return context


class ProducerPageQuerySet(PublicPageQuerySet):
    def for_listing(self):
        return with_listing_extras(
            self.select_related("hero_image")
            .prefetch_related("hero_image__renditions", "certifications")
            .order_by("title")
        )


ProducerPageManager = PageManager.from_queryset(ProducerPageQuerySet)


class ProducerPage(PublicPages, SpelledOutSlugs, Page):
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
    story = StreamField(
        StoryStreamBlock(extra_story_blocks()), verbose_name=_("story"), blank=True
    )
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
        InlinePanel("gallery_images", heading=_("Photos"), label=_("photo")),
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
        index.AutocompleteField("summary"),
        index.AutocompleteField("place"),
        index.AutocompleteField("what_they_make"),
        index.AutocompleteField("how_they_produce"),
        index.AutocompleteField("story"),
    ]

    parent_page_types = ["blog.ProducersIndexPage"]
    subpage_types = []

    personal_data = (
        PersonalData(
            fields=("summary", "story", "hero_image", "place", "website"),
            section=Section.PRODUCERS,
            what=_(
                "The people behind the shop's producers, as their stories tell "
                "of them: names, pictures, where they work."
            ),
            purpose=_("So that customers know who makes what they buy."),
            basis=Basis.CONSENT,
            retention=_("As long as the producer's story is online."),
            seen_by=_("Everyone."),
        ),
    )

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    @cached_property
    def certification_list(self):
        return list(self.certifications.all())

    @cached_property
    def photos(self):
        return list(
            self.gallery_images.select_related("image").prefetch_related(
                "image__renditions"
            )
        )

    @cached_property
    def posts(self):
        """Live posts that name this producer, newest first."""
        return list(
            BlogPage.objects.live().public().naming_producer(self).for_listing()
        )

    def json_ld(self, request, context):
        """The producer as a schema.org Organization, where it is and what it does."""
        url = self.get_full_url(request)
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "Organization",
            "name": self.title,
            "description": self.summary,
            "url": self.website or url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "address": {
                "@type": "PostalAddress",
                "addressLocality": self.place,
                **({"addressRegion": self.region} if self.region else {}),
            },
        }
        if self.since:
            data["foundingDate"] = str(self.since)
        if self.website:
            data["sameAs"] = [self.website]
        if self.hero_image:
            data["image"] = image_object(self.hero_image, request)
        return data


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

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
