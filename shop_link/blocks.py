"""Product cards for posts and producer stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ProductsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    products = blocks.ListBlock(
        SnippetChooserBlock("shop_link.Product", label=_("Product")),
        min_num=1,
        label=_("Products"),
    )

    class Meta:
        icon = "tag"
        template = "blocks/products_block.html"
        label = _("Products")
        description = _("Cards of products from the shop, with price and a link to buy")
