"""The sitemap's section "products": every product on sale, at its page in
the site's catalogue."""

from django.db.models import Max
from django.utils.functional import cached_property

from home.page_cache.tags import list_tag, tag_for
from home.sitemaps import Section

from .models.pages import ProductIndexPage
from .models.products import Product


class ProductsSection(Section):
    """Products on sale, by slug, each dated by its last change; none while
    the site has no live, public catalogue."""

    @cached_property
    def catalogue(self):
        return ProductIndexPage.for_request(self.request)

    @cached_property
    def base_url(self):
        return self.catalogue.get_full_url(self.request)

    def tags(self):
        tags = [list_tag(ProductIndexPage), list_tag(Product)]
        if self.catalogue is not None:
            tags.append(tag_for(self.catalogue))
        return tuple(tags)

    def items(self):
        if self.catalogue is None:
            return Product.objects.none()
        return (
            Product.objects.on_sale().order_by("slug").values_list("slug", "synced_at")
        )

    def entry(self, item):
        slug, synced_at = item
        route = self.catalogue.reverse_subpage("product", args=[slug])
        return {"location": self.base_url + route, "lastmod": synced_at}

    def newest(self):
        if self.catalogue is None:
            return None
        return Product.objects.on_sale().aggregate(newest=Max("synced_at"))["newest"]
