"""The catalogue page: /products/ and a transparency page for every product."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from home.navigation import live_page
from home.page_cache.tags import depends_on, list_tag
from home.public_pages import PublicPageManager, PublicPages
from home.slugs import SpelledOutSlugs

from .. import views
from ..seo import product_json_ld
from .products import Product

# Where a request keeps the catalogue found for it.
_REQUEST_ATTRIBUTE = "_shop_link_catalogue"


class ProductIndexPage(PublicPages, SpelledOutSlugs, RoutablePageMixin, Page):
    """The catalogue at /products/ and a transparency page for every product."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    objects = PublicPageManager()

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("product catalogue")
        verbose_name_plural = _("product catalogues")

    @classmethod
    def for_request(cls, request) -> ProductIndexPage | None:
        """The live catalogue of the request's site, looked up once per request."""
        if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
            return getattr(request, _REQUEST_ATTRIBUTE)
        site = Site.find_for_request(request) if request is not None else None
        catalogue = live_page(cls, site)
        if request is not None:
            setattr(request, _REQUEST_ATTRIBUTE, catalogue)
        return catalogue

    def remember_for(self, request) -> None:
        """Let this page, being served, answer for_request() in this request."""
        setattr(request, _REQUEST_ATTRIBUTE, self)

    def product_url(self, product, request=None):
        return self.get_url(request=request) + self.reverse_subpage(
            "product", args=[product.slug]
        )

    def seo_meta(self, request, context):
        """A product's page previews as the product."""
        product = context.get("product")
        if product is None:
            return {}
        return {
            "title": product.title,
            "description": product.description or None,
            "image": product.image,
            "image_alt": product.title,
            "type": "product",
            "canonical": self.get_full_url(request)
            + self.reverse_subpage("product", args=[product.slug]),
        }

    def json_ld(self, request, context):
        """A product's page carries it as a schema.org Product with its offer."""
        product = context.get("product")
        if product is None:
            return None
        url = self.get_full_url(request) + self.reverse_subpage(
            "product", args=[product.slug]
        )
        return product_json_ld(request, product, url, context.get("producer"))

    def get_sitemap_urls(self, request=None):
        """The catalogue, dated by its newest product on sale; the products are
        the sitemap's section "products" (shop_link/sitemaps.py)."""
        depends_on(list_tag(Product))
        newest = Product.objects.on_sale().aggregate(newest=models.Max("synced_at"))
        own = self.last_published_at or self.latest_revision_created_at
        lastmod = max(filter(None, [own, newest["newest"]]), default=None)
        return [{"location": self.get_full_url(request), "lastmod": lastmod}]

    @path("")
    def catalogue(self, request):
        self.remember_for(request)
        return views.catalogue(request, self)

    @path("<slug:slug>/", name="product")
    def product(self, request, slug):
        self.remember_for(request)
        return views.product_detail(request, self, slug)
