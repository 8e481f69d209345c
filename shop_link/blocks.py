"""Product cards for posts and producer stories."""

import copy

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.choosers import SnippetChooser


class ProductChooserBlock(SnippetChooserBlock):
    """A product chooser that loads what a card shows in one go.

    Stored exactly as a SnippetChooserBlock of products, so migrations name that.
    """

    canonical_module_path = "wagtail.snippets.blocks.SnippetChooserBlock"

    @cached_property
    def widget(self):
        if not self.has_explicit_icon:
            self.set_meta_options({"icon": self.target_model.snippet_viewset.icon})
        return SnippetChooser(self.target_model, icon=self.meta.icon)

    def bulk_to_python(self, values):
        found = self.target_model.objects.for_listing().in_bulk(
            [value for value in values if value is not None]
        )
        seen, products = set(), []
        for value in values:
            product = found.get(value)
            if product is not None and value in seen:
                product = copy.copy(product)
            products.append(product)
            seen.add(value)
        return products


class ProductsValue(blocks.StructValue):
    @property
    def cards(self):
        """The chosen products that still exist, in the order staff chose them."""
        return [product for product in self.get("products") or [] if product]


class ProductsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    products = blocks.ListBlock(
        ProductChooserBlock("shop_link.Product", label=_("Product")),
        min_num=1,
        label=_("Products"),
    )

    class Meta:
        icon = "tag"
        template = "blocks/products_block.html"
        label = _("Products")
        description = _("Cards of products from the shop, with price and a link to buy")
        value_class = ProductsValue
