"""The catalogue and the product pages, served as routes of the ProductIndexPage."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from blog.models import BlogPage, ProducerPage
from blog.models.listing import for_reader
from home.page_cache.recent import RecentPages, generation_for
from home.page_cache.tags import shows
from home.search import MAX_QUERY_LENGTH, clean_query

from .mentions import mentioning_pages
from .models.products import Availability, Product

PRODUCTS_PER_PAGE = 24
# How many other products of the same producer a product page suggests.
MORE_FROM_PRODUCER = 4


class CatalogueFilters(forms.Form):
    """The catalogue's GET parameters; a value that does not fit is ignored."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH * 2)
    category = forms.CharField(required=False, max_length=300)
    producer = forms.SlugField(required=False, max_length=255, allow_unicode=True)
    availability = forms.MultipleChoiceField(
        required=False, choices=Availability.choices
    )

    def chosen(self) -> dict:
        self.is_valid()
        data = dict(self.cleaned_data)
        data["q"] = clean_query(data.get("q") or "")
        return data


@dataclass(frozen=True)
class ActiveFilter:
    """A filter in use, with the address of the same listing without it."""

    label: str
    value: str
    remove_url: str


def _without(request, name, value=None) -> str:
    """The current query string less one parameter (or one of its values)."""
    params = request.GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    query = params.urlencode()
    return f"?{query}" if query else request.path


# The categories the catalogue's filter offers, remembered by each process
# while nothing was purged: reading them from 100,000 products took a tenth of
# a second on every visit, and every change to a product purges.
_categories = RecentPages(1)


def offered_categories(request) -> list[str]:
    now = generation_for(request)
    found = _categories.get("categories", now)
    if found is None:
        found = list(
            Product.objects.exclude(category="")
            .order_by("category")
            .values_list("category", flat=True)
            .distinct()
        )
        _categories.keep("categories", now, found)
    return found


class SearchedOnce:
    """The products a search found, as the paginator takes them: the search
    runs once, for their ids in listing order, instead of once for the count
    and again for the page (at 100,000 products a broad search took half a
    second each time); each page's products are then read by id."""

    def __init__(self, found):
        self.ids = list(found.values_list("pk", flat=True))

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, window: slice) -> list:
        ids = self.ids[window]
        by_pk = Product.objects.for_listing().in_bulk(ids)
        # A product deleted since the search is left out.
        return [by_pk[pk] for pk in ids if pk in by_pk]


def catalogue(request, index_page):
    """The catalogue: filtered by category, producer and availability, searchable."""
    chosen = CatalogueFilters(request.GET).chosen()
    categories = offered_categories(request)
    producers = list(
        ProducerPage.objects.live()
        .filter(products__isnull=False)
        .distinct()
        .order_by("title")
        .only("pk", "title", "slug")
    )
    producer = next((p for p in producers if p.slug == chosen.get("producer")), None)
    availability = chosen.get("availability") or []
    labels = dict(Availability.choices)

    products = Product.objects.all()
    active = []
    if availability:
        products = products.filter(availability__in=availability)
        active += [
            ActiveFilter(
                _("Availability"),
                labels[value],
                _without(request, "availability", value),
            )
            for value in availability
        ]
    else:
        products = products.on_sale()
    if category := chosen.get("category"):
        products = products.filter(category=category)
        active.append(
            ActiveFilter(_("Category"), category, _without(request, "category"))
        )
    if producer is not None:
        products = products.filter(producer=producer)
        active.append(
            ActiveFilter(_("Producer"), producer.title, _without(request, "producer"))
        )
    if query := chosen["q"]:
        products = products.matching(query)
        active.append(ActiveFilter(_("Search"), query, _without(request, "q")))
    listing = for_reader(request, products.for_listing())
    items = SearchedOnce(listing.items) if query else listing.items
    return index_page.render(
        request,
        context_overrides={
            "products": Paginator(items, PRODUCTS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "reader_listing": listing,
            "filters": chosen,
            "active_filters": active,
            "categories": categories,
            "producers": producers,
            "active_producer": producer,
            "availability_choices": Availability.choices,
        },
    )


def product_detail(request, index_page, slug):
    """Everything about one product: facts, price, origin, producer and stories."""
    product = (
        Product.objects.select_related(
            "image", "source", "producer", "producer__hero_image"
        )
        .prefetch_related("image__renditions", "producer__hero_image__renditions")
        .filter(slug=slug)
        .first()
    )
    if product is None:
        raise Http404
    producer = product.producer if product.producer and product.producer.live else None
    # The lists are read only where the page renders them: a member's page
    # takes the product's part from the shared cache while it is current.
    posts = (
        BlogPage.objects.live()
        .public()
        .filter(product_mentions__product=product)
        .for_listing()
    )
    other_pages = (
        mentioning_pages(product)
        .not_type(BlogPage)
        .exclude(pk=getattr(producer, "pk", None))
        .order_by("title")
    )
    more_products = Product.objects.none()
    if producer is not None:
        more_products = (
            Product.objects.filter(producer=producer)
            .on_sale()
            .exclude(pk=product.pk)
            .for_listing()[:MORE_FROM_PRODUCER]
        )
    shows(product, producer)
    return index_page.render(
        request,
        template="shop_link/product_page.html",
        context_overrides={
            "product": product,
            "producer": producer,
            "producer_url": producer.get_url(request=request) if producer else "",
            "posts": posts,
            "other_pages": other_pages,
            "more_products": more_products,
        },
    )
