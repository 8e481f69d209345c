"""Site search: live public pages, plus what other apps register through hooks.

Other apps add results through the ``theke_search`` hook::

    @hooks.register("theke_search")
    def search_products(request, query: str) -> Iterable[SearchResult]:
        ...

The function receives the request and the cleaned query string (printable, at most
``MAX_QUERY_LENGTH`` characters, with at least one word) and returns an iterable of
``SearchResult`` objects, best match first, at most ``MAX_RESULTS``. It should only
return what the requesting user may see. ``query_terms()`` and ``build_query()``
give it the same tolerant word matching that pages get, for its own indexed models:
``Product.objects.search(build_query(query_terms(query)))``.
"""

import datetime
import html
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.html import strip_tags
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.search.query import And, Or, PlainText, SearchQuery

from .text import spell_out_umlauts

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# Shorter words are left out of prefix matching, where they would match nearly all.
MIN_PREFIX_LENGTH = 3
MAX_RESULTS = 100
RESULTS_PER_PAGE = 10

WORD = re.compile(r"[^\W_]+")
SPELLED_UMLAUT = re.compile(r"ae|oe|ue")
UMLAUTS = {"ae": "ä", "oe": "ö", "ue": "ü"}


@dataclass(frozen=True)
class SearchResult:
    """One hit as the results page shows it, whatever it is.

    ``kind`` is a stable key for styling ("blogpage", "producerpage", "product"),
    ``label`` the translated type readers see ("Blog post"), ``summary`` plain text.
    """

    title: str
    url: str
    summary: str = ""
    kind: str = "page"
    label: str = ""
    date: datetime.date | None = None


def clean_query(raw: str) -> str:
    """Printable text of at most MAX_QUERY_LENGTH characters, spaces folded."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query: str) -> list[str]:
    """The distinct words of a query, lower-cased, without punctuation or operators.

    Quotes, asterisks and the like never reach the search backend, so no query can
    break its syntax; words such as OR or NOT are searched as words.
    """
    terms = []
    for word in WORD.findall(unicodedata.normalize("NFC", query).lower()):
        term = word[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def spellings(term: str) -> list[str]:
    """The ways a German word is written: "Käse" and "Kaese", "Straße" and "Strasse"."""
    forms = [
        term,
        SPELLED_UMLAUT.sub(lambda match: UMLAUTS[match.group()], term),
        spell_out_umlauts(term),
        term.replace("ss", "ß"),
    ]
    return list(dict.fromkeys(forms))


def _any_of(forms: list[str]) -> SearchQuery:
    queries = [PlainText(form) for form in forms]
    return queries[0] if len(queries) == 1 else Or(queries)


def build_query(terms: list[str]) -> SearchQuery | None:
    """A query that needs every term, each in any of its spellings."""
    if not terms:
        return None
    parts = [_any_of(spellings(term)) for term in terms]
    return parts[0] if len(parts) == 1 else And(parts)


def searchable_pages(request):
    """Live public pages below the current site's home page."""
    site = Site.find_for_request(request)
    pages = Page.objects.live().public()
    if site is None:
        return pages.filter(depth__gt=2)
    return pages.descendant_of(site.root_page)


def search_pages(request, terms: list[str]) -> list[Page]:
    """Pages with every term as a whole word first, then those where words start so.

    Whole-word matching is stemmed on PostgreSQL (German configuration) and exact,
    accent-folded on SQLite; the prefix pass finds "Käsesorten" for "Käse" on both.
    """
    pages = searchable_pages(request)
    found = list(pages.search(build_query(terms))[:MAX_RESULTS])
    prefix_query = build_query([t for t in terms if len(t) >= MIN_PREFIX_LENGTH])
    if prefix_query is not None and len(found) < MAX_RESULTS:
        seen = {page.pk for page in found}
        more = pages.exclude(pk__in=seen).autocomplete(prefix_query)
        found.extend(more[: MAX_RESULTS - len(found)])
    return _specific(found)


def _specific(pages: list[Page]) -> list[Page]:
    """The pages as their own types, in one query per type, keeping their order."""
    by_type = defaultdict(list)
    for page in pages:
        by_type[page.content_type_id].append(page.pk)
    by_pk = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            by_pk.update(model.objects.in_bulk(pks))
    return [by_pk[page.pk] for page in pages if page.pk in by_pk]


def page_summary(page: Page) -> str:
    """Plain text that says what a page is about, for teasers and meta descriptions."""
    for name in ("search_description", "intro", "summary", "hero_text", "welcome"):
        value = getattr(page, name, "")
        if value and isinstance(value, str):
            text = " ".join(html.unescape(strip_tags(value)).split())
            if text:
                return text
    return ""


def page_result(page: Page, request) -> SearchResult:
    """A page as a search result, labelled with its page type."""
    return SearchResult(
        title=page.title,
        url=page.get_url(request=request),
        summary=page_summary(page),
        kind=page._meta.model_name,
        label=capfirst(page._meta.verbose_name),
        date=getattr(page, "date", None),
    )


def run_search(request) -> dict:
    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    results: list[SearchResult] = []
    if terms:
        results = [page_result(page, request) for page in search_pages(request, terms)]
        for search_more in hooks.get_hooks("theke_search"):
            results.extend(list(search_more(request, query))[:MAX_RESULTS])
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "search_query": query,
        "search_terms": terms,
        "search_results": page,
        "result_count": len(results),
    }


__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_RESULTS",
    "SearchResult",
    "build_query",
    "clean_query",
    "query_terms",
    "run_search",
    "spellings",
]
