from urllib.parse import urlencode, urlsplit

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale
from wagtail import hooks
from wagtail.models import Page

from home.ids import parse_id
from home.models import ShopSettings
from home.search import page_summary
from home.seo import json_ld_script, preview_image

register = template.Library()

DESCRIPTION_LENGTH = 200
OG_LOCALES = {"de": "de_DE", "en": "en_GB"}


def canonical_url(request, page) -> str:
    """The page's own address on its site, its sub-route included."""
    url = request.build_absolute_uri(request.path)
    full_url = page.get_full_url(request) if page is not None else None
    if full_url:
        page_path = urlsplit(full_url).path
        url = full_url
        if request.path.startswith(page_path):
            url += request.path[len(page_path) :]
    return url


def with_page_number(request, url: str) -> str:
    """The URL with the listing page asked for, as each page of a listing is its own."""
    number = listing_page(request)
    if number:
        return f"{url}?{urlencode({'page': number})}"
    return url


@register.filter
def listing_page(request):
    """The page of a listing asked for, past the first; "" for the first or
    for a value that is no page number (what the page's head depends on)."""
    number = parse_id(request.GET.get("page"))
    return number if number is not None and number > 1 else ""


def og_locale() -> str:
    language = (get_language() or "de").split("-")[0]
    return OG_LOCALES.get(language, to_locale(language))


def page_meta(request, page, context, shop) -> dict:
    """What previews of this page show: the page's fields, then its own overrides."""
    if page is None:
        return {
            "title": context.get("seo_title") or shop.shop_name,
            "description": context.get("seo_description") or shop.tagline,
            "type": "website",
        }
    image = getattr(page, "hero_image", None)
    meta = {
        "title": page.seo_title or page.title,
        "description": page_summary(page) or shop.tagline,
        "image": image,
        "image_alt": getattr(page, "hero_alt", "") or getattr(image, "description", ""),
        "type": "website",
    }
    if hasattr(page, "seo_meta"):
        meta.update(page.seo_meta(request, context) or {})
    return meta


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Canonical link, description, OpenGraph, feed links and JSON-LD for <head>."""
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    shop = ShopSettings.for_request(request)
    meta = page_meta(request, page, context, shop)
    noindex = bool(context.get("seo_noindex"))
    url = with_page_number(
        request, meta.get("canonical") or canonical_url(request, page)
    )
    description = Truncator(" ".join(str(meta["description"] or "").split())).chars(
        DESCRIPTION_LENGTH
    )

    tags = []
    if noindex:
        tags.append(mark_safe('<meta name="robots" content="noindex">'))  # noqa: S308
    else:
        tags.append(format_html('<link rel="canonical" href="{}">', url))
    if description:
        tags.append(format_html('<meta name="description" content="{}">', description))

    properties = [
        ("og:site_name", shop.shop_name),
        ("og:locale", og_locale()),
        ("og:type", meta["type"]),
        ("og:title", meta["title"]),
        ("og:url", url),
    ]
    if description:
        properties.append(("og:description", description))
    if meta.get("image") is not None:
        image = preview_image(meta["image"], request)
        properties += [
            ("og:image", image["url"]),
            ("og:image:width", image["width"]),
            ("og:image:height", image["height"]),
        ]
        if meta.get("image_alt"):
            properties.append(("og:image:alt", meta["image_alt"]))
    for name, value in (meta.get("article") or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        properties += [(f"article:{name}", item) for item in values if item]
    tags.append(format_html_join("\n", '<meta property="{}" content="{}">', properties))
    if meta.get("image") is not None:
        tags.append(
            mark_safe('<meta name="twitter:card" content="summary_large_image">')  # noqa: S308
        )

    feeds = [
        (link.type, link.title, link.url)
        for get_links in hooks.get_hooks("theke_feed_links")
        for link in get_links(request, context)
    ]
    if feeds:
        tags.append(
            format_html_join(
                "\n", '<link rel="alternate" type="{}" title="{}" href="{}">', feeds
            )
        )

    data = page.json_ld(request, context) if hasattr(page, "json_ld") else None
    if data:
        tags.append(json_ld_script(data))
    return mark_safe("\n".join(tags))  # noqa: S308 - every part is escaped above
