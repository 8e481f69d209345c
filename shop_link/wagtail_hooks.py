from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import BrandProducer, Product, ProductSource


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Products")
    list_display = ["title", "source", "producer", "availability", "last_seen_at"]
    list_filter = ["source", "availability"]
    search_fields = ["title", "brand", "category", "external_id"]


class ProductSourceViewSet(SnippetViewSet):
    model = ProductSource
    icon = "download"
    menu_label = _("Sources")
    list_display = ["name", "format", "shop_name", "is_active"]


class BrandProducerViewSet(SnippetViewSet):
    model = BrandProducer
    icon = "link"
    menu_label = _("Brand rules")
    list_display = ["brand", "producer"]


class ProductsViewSetGroup(SnippetViewSetGroup):
    items = (ProductViewSet, ProductSourceViewSet, BrandProducerViewSet)
    menu_icon = "tag"
    menu_label = _("Products")
    menu_name = "products"


register_snippet(ProductsViewSetGroup)
