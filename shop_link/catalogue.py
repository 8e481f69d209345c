"""Finding products, and the catalogue page that gives each its address."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from wagtail.models import Site

from home.search import query_terms, spellings

from .models import Availability, Product, ProductIndexPage

SEARCHED_FIELDS = ("title", "brand", "category", "description")
_CACHE_ATTRIBUTE = "_shop_link_catalogue"


def catalogue_for(request) -> ProductIndexPage | None:
    """The live catalogue of the request's site, looked up once per request."""
    if request is not None and hasattr(request, _CACHE_ATTRIBUTE):
        return getattr(request, _CACHE_ATTRIBUTE)
    pages = ProductIndexPage.objects.live().public()
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        pages = pages.in_site(site)
    catalogue = pages.first()
    if request is not None:
        setattr(request, _CACHE_ATTRIBUTE, catalogue)
    return catalogue


def remember_catalogue(request, page: ProductIndexPage) -> None:
    """Let the catalogue page being served answer catalogue_for() in this request."""
    setattr(request, _CACHE_ATTRIBUTE, page)


def product_url(request, product: Product) -> str:
    """The product's page on this site, or "" without a live catalogue."""
    catalogue = catalogue_for(request)
    if catalogue is None:
        return ""
    return catalogue.product_url(product, request=request)


def written_forms(term: str) -> list[str]:
    """The spellings of a search word, also with a capital first letter.

    SQLite compares case-insensitively only for ASCII letters, so "äpfel" would
    miss "Äpfel" without the capitalised form.
    """
    forms = spellings(term)
    # "Suessrahm" is "Süßrahm": the umlaut and the sharp s spelled out at once.
    forms += [form.replace("ss", "ß") for form in forms]
    return list(dict.fromkeys(forms + [form[:1].upper() + form[1:] for form in forms]))


def matching(
    products: QuerySet, query: str, fields: tuple[str, ...] = SEARCHED_FIELDS
) -> QuerySet:
    """Products whose text holds every word of the query, titles first."""
    terms = query_terms(query)
    if not terms:
        return products.none()
    condition = Q()
    for term in terms:
        any_form = Q()
        for form in written_forms(term):
            for name in fields:
                any_form |= Q(**{f"{name}__icontains": form})
        condition &= any_form
    in_title = Q()
    for form in written_forms(terms[0]):
        in_title |= Q(title__icontains=form)
    return products.filter(condition).annotate(
        title_match=Case(
            When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        still_sold=Case(
            When(availability=Availability.DISCONTINUED, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )
