from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .search import run_search


@require_GET
def search(request):
    context = {**run_search(request), "seo_noindex": True}
    return render(request, "home/search_results.html", context)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page names: send the icon."""
    return redirect(static("img/favicon.ico"))


def page_not_found(request, exception=None):
    return render(request, "404.html", {"seo_noindex": True}, status=404)


def bad_request(request, exception=None):
    # Rendered without the request's context: a 400 may come from a forged
    # host name, which every lookup of the site by its host would raise again.
    template = loader.get_template("400.html")
    context = {
        "too_big": isinstance(exception, RequestDataTooBig),
        "max_size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    }
    return HttpResponse(template.render(context), status=400)


def server_error(request):
    # A plain template render without context processors: the database may be down.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"debug": settings.DEBUG}), status=500)
