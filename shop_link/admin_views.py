"""Admin pieces for products and their sources: "sync now", the last run, columns,
and the chooser staff pick a story's products from."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django_tasks import TaskResultStatus
from wagtail.admin import messages
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView
from wagtail.snippets.views.snippets import DeleteView, InspectView

from home.choosers import SnippetChooserViewSet
from home.redirects import redirect_next
from home.search import MAX_QUERY_LENGTH, clean_query

from .models.products import Availability, Product, ProductSource, SyncRun
from .panels import PRODUCT_DISPLAYS, readable
from .sync.runs import summary
from .tasks import sync_source_task

# Earlier runs listed under the last one on a source's page.
EARLIER_RUNS = 5
# Problems of one run listed on a source's page; the rest are counted.
PROBLEMS_SHOWN = 100


def latest_runs():
    """Each source's newest run, for a Prefetch on sources."""
    return SyncRun.objects.annotate(
        newest_first=Window(
            RowNumber(), partition_by=F("source"), order_by=F("started_at").desc()
        )
    ).filter(newest_first=1)


def last_run_of(source):
    """The source's newest run, from a prefetch when the listing made one."""
    if hasattr(source, "latest_runs"):
        return source.latest_runs[0] if source.latest_runs else None
    return source.last_run


def can_sync(user) -> bool:
    """Whoever may change sources may sync them."""
    policy = policy_registry.get_by_type(ProductSource)
    return policy.user_has_permission(user, "change")


def sync_url(source) -> str:
    return reverse("wagtailsnippets_shop_link_productsource:sync", args=[source.pk])


def sync_button_attrs(url: str) -> dict:
    """Attributes that make a button POST to `url` and come back to this page.

    Wagtail's admin script posts a form with the CSRF token and this page's
    address as `next`.
    """
    return {
        "data-controller": "w-action",
        "data-action": "w-action#post",
        "data-w-action-url-value": url,
    }


def sync_now_button(source) -> Button:
    url = sync_url(source)
    return Button(
        _("Sync now"),
        url=url,
        icon_name="resubmit",
        attrs=sync_button_attrs(url),
        priority=15,
    )


class SyncSourceView(View):
    """Start a sync of one source as a background task (POST only)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not can_sync(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        source = get_object_or_404(ProductSource, pk=pk)
        # With a task queue the sync may wait a while: until it starts, this run
        # shows the admin that it is coming; the sync then fills it in.
        queued = SyncRun.objects.create(source=source, status=SyncRun.Status.QUEUED)
        try:
            result = sync_source_task.enqueue(source.pk, queued.pk)
        except BaseException:
            queued.delete()
            raise
        edit_url = reverse(
            "wagtailsnippets_shop_link_productsource:edit", args=[source.pk]
        )
        buttons = [messages.button(edit_url, _("See the result"))]
        if result.status == TaskResultStatus.SUCCESSFUL:
            run = SyncRun.objects.filter(pk=result.return_value).first()
            if run is not None and run.status == SyncRun.Status.FAILED:
                messages.error(
                    request,
                    _("Sync of “%(source)s” failed: %(message)s")
                    % {"source": source, "message": run.message},
                    buttons=buttons,
                )
            elif run is not None:
                if run.created or run.updated or run.discontinued:
                    message = _("Sync of “%(source)s” finished: %(summary)s")
                else:
                    message = _(
                        "Sync of “%(source)s” finished, nothing changed: %(summary)s"
                    )
                messages.success(
                    request,
                    message % {"source": source, "summary": summary(run)},
                    buttons=buttons,
                )
        elif result.status == TaskResultStatus.FAILED:
            messages.error(
                request,
                _("Sync of “%(source)s” stopped on an unexpected error.")
                % {"source": source},
                buttons=buttons,
            )
        else:
            messages.success(
                request,
                _("Sync of “%(source)s” started; its result shows here when done.")
                % {"source": source},
                buttons=buttons,
            )
        return redirect_next(request, edit_url)


class ProductSourceDeleteView(DeleteView):
    """Deletes a source only once it has no products.

    Products stay when their feed drops them, so posts keep their links; a
    source that still has some is paused (made inactive) instead.
    """

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    def refusal(self):
        count = self.object.products.count()
        if not count:
            return None
        messages.error(
            self.request,
            ngettext(
                "“%(source)s” still has %(count)d product, so it cannot be "
                "deleted. Untick “active” to stop syncing it.",
                "“%(source)s” still has %(count)d products, so it cannot be "
                "deleted. Untick “active” to stop syncing it.",
                count,
            )
            % {"source": self.object, "count": count},
        )
        return redirect(self.get_edit_url())

    def get_edit_url(self):
        return reverse(
            "wagtailsnippets_shop_link_productsource:edit", args=[self.object.pk]
        )


class LastRunColumn(Column):
    """A source's newest run: status, when, and what it did."""

    cell_template_name = "shop_link/admin/last_run_cell.html"

    def __init__(self, name="last_run", **kwargs):
        kwargs.setdefault("label", gettext_lazy("Last sync"))
        kwargs.setdefault("accessor", last_run_of)
        super().__init__(name, **kwargs)


class LocationColumn(Column):
    """Where a source's feed is read from: an address or a file on the server."""

    cell_template_name = "shop_link/admin/location_cell.html"

    def __init__(self, name="location", **kwargs):
        location = ProductSource._meta.get_field("location")
        kwargs.setdefault("label", capfirst(location.verbose_name))
        super().__init__(name, **kwargs)


class AvailabilityColumn(StatusTagColumn):
    """Availability as a status tag, highlighted while a product is in stock."""

    def __init__(self, name="availability", **kwargs):
        kwargs.setdefault("label", gettext_lazy("Availability"))
        kwargs.setdefault("accessor", "get_availability_display")
        kwargs.setdefault("sort_key", "availability")
        kwargs.setdefault(
            "primary", lambda product: product.availability == Availability.IN_STOCK
        )
        super().__init__(name, **kwargs)


class ThumbnailColumn(Column):
    """A small picture, so staff recognise the product and see one is missing."""

    cell_template_name = "shop_link/admin/image_cell.html"

    def __init__(self, name="image", **kwargs):
        kwargs.setdefault("label", gettext_lazy("Picture"))
        kwargs.setdefault("width", "80px")
        super().__init__(name, **kwargs)


class PriceColumn(Column):
    """The price a customer pays now, with the regular one when on sale."""

    cell_template_name = "shop_link/admin/price_cell.html"

    def __init__(self, name="price", **kwargs):
        kwargs.setdefault("label", gettext_lazy("Price"))
        kwargs.setdefault("sort_key", "price")
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return instance


class SyncRunsPanel(Panel):
    """On a source's edit page: its last run in full, and the runs before it."""

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        del kwargs["help_text"]
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "sync_runs"

    class BoundPanel(Panel.BoundPanel):
        template_name = "shop_link/admin/sync_runs_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            runs = list(self.instance.sync_runs.all()[: EARLIER_RUNS + 1])
            last_run = runs[0] if runs else None
            context.update(
                last_run=last_run,
                earlier_runs=runs[1:],
                sync_button_attrs=sync_button_attrs(sync_url(self.instance)),
                can_sync=self.request is not None and can_sync(self.request.user),
            )
            if last_run is not None:
                problems = last_run.problems or []
                context.update(
                    summary=summary(last_run),
                    problems=problems[:PROBLEMS_SHOWN],
                    problems_hidden=max(0, len(problems) - PROBLEMS_SHOWN),
                )
            return context


class ProductInspectView(InspectView):
    """A product's fields as staff read them: prices with currency, a dash for none."""

    def get_field_label(self, field_name, field):
        if field_name == "unit_base_quantity":
            return gettext_lazy("Unit price")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        display = PRODUCT_DISPLAYS.get(field_name)
        if display is not None:
            return readable(display(self.object))
        if field is not None and getattr(self.object, field.attname) is None:
            return readable(None)
        return readable(super().get_field_display_value(field_name, field))


# Staff find a product through the search index and by its numbers.
CHOOSER_NUMBERS = ("external_id", "sku", "gtin")


class ProductChooserFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=gettext_lazy("Search term"),
        required=False,
        max_length=MAX_QUERY_LENGTH * 2,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Search")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = clean_query(self.cleaned_data.get("q") or "")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.matching(query, numbers=CHOOSER_NUMBERS).order_by(
                "title_match", "still_sold", "title", "pk"
            )
        return objects


class ProductChooserMixin:
    """The chooser of a story's products: searchable, with what tells them apart.

    Products of different shops may share a title, so producer, source, price
    and availability are shown beside it.
    """

    filter_form_class = ProductChooserFilterForm
    ordering = ["title", "pk"]

    def get_object_list(self):
        return Product.objects.for_listing()

    @property
    def columns(self):
        return [
            self.title_column,
            ThumbnailColumn(),
            Column("producer", label=gettext_lazy("Producer")),
            Column("source", label=gettext_lazy("Source")),
            PriceColumn(sort_key=None),
            AvailabilityColumn(sort_key=None),
        ]


class ProductChooseView(ProductChooserMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooserMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
