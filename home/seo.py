"""Structured data and link previews: the pieces page models and seo_tags share.

Pages take part through optional members that ``{% seo_head %}`` looks for:

- ``seo_meta(request, context) -> dict`` overrides the preview of the page as
  rendered (keys: ``title``, ``description``, ``image``, ``image_alt``, ``type``,
  ``canonical``, ``article`` with OpenGraph ``article:*`` values);
- ``json_ld(request, context) -> dict | list | None`` is the schema.org data.

Other apps announce feeds in every page head through the ``theke_feed_links`` hook:
a function of ``(request, context)`` that returns ``FeedLink`` objects.
"""

import json
import re
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

SCHEMA_CONTEXT = "https://schema.org"
# 1.91:1, the shape link previews show without cropping.
PREVIEW_IMAGE_FILTER = "fill-1200x630"
SCHEMA_IMAGE_FILTER = "max-1600x1600"

# The characters that could end a <script> element or open a comment inside it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

RSS = "application/rss+xml"
ATOM = "application/atom+xml"


@dataclass(frozen=True)
class FeedLink:
    """A feed that a page head announces with <link rel="alternate">."""

    title: str
    url: str
    type: str = RSS


def absolute(request, url: str) -> str:
    """The URL with scheme and host; storages that serve absolute URLs keep theirs."""
    if request is None or not url:
        return url
    return request.build_absolute_uri(url)


def preview_image(image, request, filter_spec: str = PREVIEW_IMAGE_FILTER) -> dict:
    """Absolute URL, width and height of a rendition of the image."""
    rendition = image.get_rendition(filter_spec)
    return {
        "url": absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def image_object(image, request) -> dict:
    """A schema.org ImageObject for the image."""
    data = preview_image(image, request, SCHEMA_IMAGE_FILTER)
    return {
        "@type": "ImageObject",
        "url": data["url"],
        "width": data["width"],
        "height": data["height"],
    }


def home_url(request) -> str:
    """The absolute URL of the site's home page."""
    site = Site.find_for_request(request)
    if site is not None:
        return site.root_url.rstrip("/") + "/"
    return absolute(request, "/")


def shop_organization(shop, request) -> dict:
    """The shop (its ShopSettings) as a schema.org Organization, e.g. as publisher."""
    data = {"@type": "Organization", "name": shop.shop_name, "url": home_url(request)}
    if shop.shop_url:
        data["sameAs"] = [shop.shop_url]
    return data


def shop_store(shop, request, image=None) -> dict:
    """The shop's counter as a schema.org Store, from its ShopSettings."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Store",
        "name": shop.shop_name,
        "url": home_url(request),
    }
    if shop.tagline:
        data["description"] = shop.tagline
    address = {
        key: value
        for key, value in (
            ("streetAddress", shop.street),
            ("postalCode", shop.postal_code),
            ("addressLocality", shop.city),
            ("addressCountry", shop.country),
        )
        if value
    }
    if shop.street or shop.city:
        data["address"] = {"@type": "PostalAddress", **address}
    hours = [
        spec for line in shop.opening_hours_lines for spec in opening_hours_spec(line)
    ]
    if hours:
        data["openingHours"] = hours
    if shop.phone:
        data["telephone"] = shop.phone
    if shop.contact_email:
        data["email"] = shop.contact_email
    if shop.shop_url:
        data["sameAs"] = [shop.shop_url]
    if image is not None:
        data["image"] = image_object(image, request)
    return data


DAY_CODES = {
    **dict.fromkeys(("mo", "mon", "montag", "monday"), "Mo"),
    **dict.fromkeys(("di", "dienstag", "tu", "tue", "tuesday"), "Tu"),
    **dict.fromkeys(("mi", "mittwoch", "we", "wed", "wednesday"), "We"),
    **dict.fromkeys(("do", "donnerstag", "th", "thu", "thursday"), "Th"),
    **dict.fromkeys(("fr", "fri", "freitag", "friday"), "Fr"),
    **dict.fromkeys(("sa", "sat", "samstag", "sonnabend", "saturday"), "Sa"),
    **dict.fromkeys(("so", "su", "sun", "sonntag", "sunday"), "Su"),
}
DASH = r"\s*(?:[-–—]|bis|to)\s*"
TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
TIME_RANGE = re.compile(TIME + DASH + TIME)
DAY_TOKEN = re.compile(r"[^\W\d_]+|[-–—,&/+]")
FILLER_WORDS = re.compile(r"\b(?:uhr|und|and|h)\b", re.IGNORECASE)
DAY_JOINERS = {"bis": "-", "to": "-", "und": ",", "and": ","}


def opening_hours_spec(line: str) -> list[str]:
    """Opening hours as schema.org wants them: "Mo–Fr 8–18 Uhr" → ["Mo-Fr 08:00-18:00"].

    Lines that do not read as days followed by times ("Sonntag geschlossen",
    "nach Absprache") give nothing, rather than something a machine would misread.
    """
    first_digit = re.search(r"\d", line)
    if first_digit is None:
        return []
    days = _day_spec(line[: first_digit.start()])
    if days is None:
        return []
    times_text = line[first_digit.start() :]
    ranges = []
    for match in TIME_RANGE.finditer(times_text):
        opens, closes = _clock(match.group(1, 2)), _clock(match.group(3, 4))
        if opens is None or closes is None:
            return []
        ranges.append(f"{days} {opens}-{closes}")
    leftover = FILLER_WORDS.sub(" ", TIME_RANGE.sub(" ", times_text))
    if not ranges or re.search(r"[^\W_]", leftover):
        return []
    return ranges


def _day_spec(text: str) -> str | None:
    parts = []
    for word in DAY_TOKEN.findall(text.lower()):
        token = DAY_JOINERS.get(word, word)
        if token in {"-", "–", "—"}:
            parts.append("-")
        elif token in {",", "&", "/", "+"}:
            parts.append(",")
        elif token in DAY_CODES:
            parts.append(DAY_CODES[token])
        else:
            return None
    spec = "".join(parts).strip(",")
    if not spec or not re.fullmatch(r"[A-Z][a-z](?:[-,][A-Z][a-z])*", spec):
        return None
    return spec


def _clock(hour_minute: tuple[str, str | None]) -> str | None:
    hour, minute = int(hour_minute[0]), int(hour_minute[1] or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


def json_ld_script(data) -> SafeString:
    """A <script type="application/ld+json"> element that no value can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return mark_safe(  # noqa: S308 - <, > and & are escaped, so no tag can close
        '<script type="application/ld+json">'
        + text.translate(SCRIPT_ESCAPES)
        + "</script>"
    )
