"""The products menu of the admin: products, their sources and brand rules.

Products come from feeds, so nobody adds one by hand; staff edit only what they
add themselves. Sources can be synced from their listing or their edit page.
"""

import django_filters
from django import forms
from django.core.validators import URLValidator
from django.db.models import Count, Prefetch
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from blog.models import ProducerPage
from home import ids  # noqa: F401  (registers the <id:…> converter)
from home.choosers import SnippetChooserViewSet

from .admin_views import (
    CHOOSER_NUMBERS,
    AvailabilityColumn,
    LastRunColumn,
    LocationColumn,
    PriceColumn,
    ProductChooserViewSet,
    ProductInspectView,
    ProductSourceDeleteView,
    SyncRunsPanel,
    SyncSourceView,
    ThumbnailColumn,
    can_sync,
    latest_runs,
    sync_now_button,
)
from .locations import feed_path, is_url
from .models.products import Availability, BrandProducer, Product, ProductSource
from .search import search_products
from .sections import product_sections
from .sitemaps import ProductsSection


class ProductPermissionPolicy(ModelPermissionPolicy):
    """Products are created by syncs only: nobody may add one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action != "add"]
        )


# Before the viewsets below: they look the policy up when registered.
register_permission_policy(Product, ProductPermissionPolicy(Product))


class ProductForm(WagtailAdminModelForm):
    """The fields staff add by hand; saving writes nothing a sync owns."""

    def clean(self):
        cleaned_data = super().clean()
        # Picking a producer is a choice by hand, and brand rules must leave it
        # alone, unless the same save changed the box itself: unticking it hands
        # the product back to the rules.
        if (
            "producer" in self.changed_data
            and "producer_set_by_hand" not in self.changed_data
        ):
            cleaned_data["producer_set_by_hand"] = True
        return cleaned_data

    def save(self, commit=True):
        product = super().save(commit=False)
        if commit:
            product.save(update_fields=[*self.fields, "updated_at"])
        return product


# Shown in the inspect view beside the feed field they follow.
INSPECTED_BESIDE = {"external_id": ("slug",), "link": ("image", "image_link")}


def inspect_fields() -> list[str]:
    """A product's fields in the inspect view: the feed's as the edit form shows
    them, with the slug and the picture beside their neighbours, then the shop's."""
    fields = []
    for name in Product.SHOWN_FEED_FIELDS:
        fields += [name, *INSPECTED_BESIDE.get(name, ())]
    return [*fields, *Product.HAND_FIELDS]


def category_choices():
    categories = (
        Product.objects.exclude(category="")
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )
    return [(category, category) for category in categories]


class ProductFilterSet(WagtailFilterSet):
    source = django_filters.ModelChoiceFilter(
        label=_("Source"), queryset=ProductSource.objects.all()
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=category_choices
    )
    producer = django_filters.ModelChoiceFilter(
        label=_("Producer"),
        queryset=ProducerPage.objects.order_by("title"),
        null_label=_("No producer"),
    )
    availability = django_filters.ChoiceFilter(
        label=_("Availability"),
        choices=Availability.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = Product
        fields = ["source", "category", "producer", "availability"]


class ProductIndexView(IndexView):
    """The products' listing, searched as the chooser searches: through the
    index, and by the numbers staff type."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.matching(self.search_query, numbers=CHOOSER_NUMBERS)


class ProductViewSet(SnippetViewSet):
    model = Product
    index_view_class = ProductIndexView
    icon = "tag"
    menu_label = _("Products")
    copy_view_enabled = False
    chooser_viewset_class = ProductChooserViewSet
    inspect_view_enabled = True
    inspect_view_class = ProductInspectView
    inspect_view_fields = inspect_fields()
    list_per_page = 50
    ordering = ["title", "pk"]
    search_fields = ["title", "brand", "category", "external_id", "gtin", "sku"]
    filterset_class = ProductFilterSet
    list_display = [
        "title",
        ThumbnailColumn(),
        Column("producer", label=_("Producer"), sort_key="producer__title"),
        Column("source", label=_("Source"), sort_key="source__name"),
        PriceColumn(),
        AvailabilityColumn(),
        DateColumn(
            "last_seen_at", label=_("Last seen in the feed"), sort_key="last_seen_at"
        ),
    ]
    edit_handler = ObjectList(Product.panels, base_form_class=ProductForm)

    def get_queryset(self, request):
        return Product.objects.for_listing()


class ProductSourceForm(WagtailAdminModelForm):
    def clean_location(self):
        location = self.cleaned_data["location"].strip()
        if is_url(location):
            URLValidator(
                schemes=["http", "https"],
                message=_("Enter a complete http(s) address."),
            )(location)
        elif ":" in location.split("/")[0]:
            raise forms.ValidationError(
                _("Enter an http(s) address or the path of a file on the server.")
            )
        elif not feed_path(location).is_file():
            raise forms.ValidationError(
                _("There is no file at %(path)s on the server.") % {"path": location}
            )
        return location


class ProductSourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_sync(self.request.user):
            buttons.append(sync_now_button(instance))
        return buttons


class ProductSourceViewSet(SnippetViewSet):
    model = ProductSource
    icon = "download"
    menu_label = _("Sources")
    chooser_viewset_class = SnippetChooserViewSet
    index_view_class = ProductSourceIndexView
    delete_view_class = ProductSourceDeleteView
    copy_view_enabled = False
    list_display = [
        "name",
        Column("format", label=_("Format"), accessor="get_format_display"),
        LocationColumn(),
        Column("shop_name", label=_("Sold by"), sort_key="shop_name"),
        BooleanColumn("is_active", label=_("Active"), sort_key="is_active"),
        NumberColumn("product_count", label=_("Products"), sort_key="product_count"),
        LastRunColumn(),
    ]
    edit_handler = ObjectList(
        [*ProductSource.panels, SyncRunsPanel(heading=_("Syncs"))],
        base_form_class=ProductSourceForm,
    )

    def get_queryset(self, request):
        return ProductSource.objects.annotate(
            product_count=Count("products")
        ).prefetch_related(
            Prefetch("sync_runs", queryset=latest_runs(), to_attr="latest_runs")
        )

    @property
    def sync_view(self):
        return SyncSourceView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("sync/<id:pk>/", self.sync_view, name="sync"),
        ]


class BrandProducerViewSet(SnippetViewSet):
    model = BrandProducer
    icon = "link"
    menu_label = _("Brand rules")
    copy_view_enabled = False
    search_fields = ["brand"]
    list_display = [
        "brand",
        Column("producer", label=_("Producer"), sort_key="producer__title"),
    ]

    def get_queryset(self, request):
        return BrandProducer.objects.select_related("producer")


class ProductsViewSetGroup(SnippetViewSetGroup):
    items = (ProductViewSet, ProductSourceViewSet, BrandProducerViewSet)
    menu_icon = "tag"
    menu_label = _("Products")
    menu_name = "products"


register_snippet(ProductsViewSetGroup)


# --- what readers see: search, sections of posts and producers ---


hooks.register("theke_search", search_products)
hooks.register("theke_page_sections", product_sections)
hooks.register("theke_sitemap_sections", lambda: {"products": ProductsSection})
