import sys

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import legal, outage, personal_data, sitemaps
from .models import ShopSettings
from .page_cache.tags import SITE, depends_on
from .search import run_search


@require_GET
def search(request):
    context = {**run_search(request), "seo_noindex": True}
    return render(request, "home/search_results.html", context)


@require_GET
def impressum(request):
    """The legal notice, made from the shop's settings."""
    depends_on(SITE)
    shop = ShopSettings.for_request(request)
    context = {
        "shop": shop,
        "operator_address": legal.operator_address_lines(shop),
        "responsible_address": legal.responsible_address_lines(shop),
        **_staff_notice(request, legal.missing_from_legal_notice(shop)),
    }
    return render(request, "home/impressum.html", context)


@require_GET
def privacy(request):
    """What the site stores about people, made from the declarations in the code."""
    depends_on(SITE)
    shop = ShopSettings.for_request(request)
    sections = [
        {
            "key": section.name.lower(),
            "title": section.label,
            "items": [_told(item) for item in items],
        }
        for section, items in personal_data.by_section()
    ]
    not_stored = [
        {"what": personal_data.text(item.what), "why": personal_data.text(item.why)}
        for item in personal_data.not_stored()
    ]
    context = {
        "shop": shop,
        "operator_address": legal.operator_address_lines(shop),
        "contact": legal.privacy_contact(shop),
        "sections": sections,
        "not_stored": not_stored,
        "cookies": legal.cookies(),
        **_staff_notice(request, legal.missing_from_privacy_page(shop)),
    }
    return render(request, "home/privacy.html", context)


def _told(item: personal_data.PersonalData) -> dict[str, str]:
    """A declaration as the privacy page tells it, in the active language."""
    return {
        "what": personal_data.text(item.what),
        "purpose": personal_data.text(item.purpose),
        "basis": item.basis.label,
        "retention": personal_data.text(item.retention),
        "seen_by": personal_data.text(item.seen_by),
    }


def _staff_notice(request, missing: list[str]) -> dict:
    """What staff who may edit the settings are told is missing; nothing for others."""
    user = request.user
    if not (user.is_authenticated and user.has_perm("wagtailadmin.access_admin")):
        return {"missing": []}
    return {
        "missing": missing,
        "settings_url": reverse("wagtailsettings:edit", args=["home", "shopsettings"]),
    }


@require_GET
@sitemap_views.x_robots_tag
def sitemap_index(request):
    """The sitemap's index: every file of every section that lists anything."""
    found = sitemaps.sections(request)
    sitemaps.record(*found.values())
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": sitemaps.index(request, found)},
        content_type="application/xml",
    )


@require_GET
def sitemap_section(request, section):
    """One file of a section (`?p=2` and on for the next ones); any other
    number, or a section that does not exist, is a 404."""
    found = sitemaps.sections(request)
    if section in found:
        sitemaps.record(found[section])
    return sitemap_views.sitemap(request, found, section=section)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    depends_on(SITE)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
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
    # Called while Django handles the exception, wherever it was raised: in a
    # view or in a middleware (sessions, accounts), which Django answers here
    # too. A database that is away gets its own page.
    if outage.is_database_outage(sys.exc_info()[1]):
        return outage.outage_response(request)
    # A plain template render without context processors: the database may be down.
    return outage.error_page(request, "500.html", 500, {"debug": settings.DEBUG})
