from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

from home import dates
from home import shop_name as shop
from home.page_cache import tags as page_cache

register = template.Library()

# Between the parts of a page's <title>.
TITLE_SEPARATOR = " – "


@register.simple_tag
def shop_name():
    """The shop's name from its settings, cached: the admin's title and brand."""
    return shop.shop_name()


@register.simple_tag
def shows(*objects):
    """Note that this page shows `objects` (a card, a byline): a change to any
    of them purges the page from the shared cache. Renders nothing."""
    page_cache.shows(*objects)
    return ""


@register.filter(is_safe=True)
def title_once(title):
    """A <title> with no part repeated: "Shop – Shop" becomes "Shop"."""
    parts, seen = [], set()
    for part in str(title).split(TITLE_SEPARATOR):
        key = " ".join(part.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            parts.append(part.strip())
    return TITLE_SEPARATOR.join(parts)


@register.filter
def machine_time(value):
    """A date or time for a `datetime` attribute: ISO 8601, to the second."""
    return dates.machine_time(value)


@register.simple_tag(takes_context=True)
def menu_state(context, item):
    """The aria-current value for a main menu item: "page", "true" or ""."""
    request = context.get("request")
    if request is not None and request.path == item["url"]:
        return "page"
    page = context.get("page")
    page_path = getattr(page, "path", "")
    if page_path and page_path.startswith(item["path"]):
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def page_sections(context, slot, page=None):
    """What other apps add to a page at a named slot, in the order of their hooks.

    home and blog know nothing of the apps that fill their pages. An app registers
    a function under the "theke_page_sections" hook; it is called with
    ``(request, page, slot)`` and returns a template name and a dict of extra
    context, or None to add nothing there. The template renders like an include:
    it sees this template's context (request, page) plus the extras and ``slot``.
    """
    page = page if page is not None else context.get("page")
    request = context.get("request")
    found = (
        section(request, page, slot)
        for section in hooks.get_hooks("theke_page_sections")
    )
    return _render_found(context, found, page=page, slot=slot)


@register.simple_tag(takes_context=True)
def reader_tools(context, item):
    """What other apps offer a logged-in reader on the card of one listed item.

    An app registers a function under the "theke_reader_tools" hook; it is called
    with ``(request, item)`` (a post or a product) and returns a template name and
    a dict of extra context, or None. It must return None for anonymous
    readers: their pages are the same for all of them.
    """
    request = context.get("request")
    found = (tools(request, item) for tools in hooks.get_hooks("theke_reader_tools"))
    return _render_found(context, found, item=item)


def _render_found(context, found, **pushed):
    """Render each (template name, extra context) found, in this context."""
    parts = []
    for template_name, extra in filter(None, found):
        template = context.template.engine.get_template(template_name)
        with context.push(**pushed, **extra):
            parts.append(template.render(context))
    return mark_safe("".join(parts))  # noqa: S308 - each part is an escaped template
