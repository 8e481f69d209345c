"""Site search: live public pages, plus what other apps register through hooks."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from wagtail import hooks
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw: str) -> str:
    """Printable text of at most MAX_QUERY_LENGTH characters, spaces folded."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def search_pages(query: str):
    return (
        Page.objects.live()
        .public()
        .exclude(depth__lte=2)
        .specific()
        .search(query, operator="and")
    )


def run_search(request) -> dict:
    query = clean_query(request.GET.get("q", ""))
    results = []
    if query:
        results = list(search_pages(query)[:100])
        for fn in hooks.get_hooks("theke_search"):
            results.extend(fn(request, query))
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return {"search_query": query, "search_results": page, "result_count": len(results)}
