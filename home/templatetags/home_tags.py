from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

from home import dates
from home import shop_name as shop
from home.page_cache import fragments
from home.page_cache import tags as page_cache

register = template.Library()

# Between the parts of a page's <title>.
TITLE_SEPARATOR = " – "


@register.simple_tag
def shop_name():
    """The shop's name from its settings, cached: the admin's title and brand."""
    return shop.shop_name()


@register.simple_tag
def shows(*objects, activity=True):
    """Note that this page shows `objects` (a card, a byline): a change to any
    of them purges the page from the shared cache; with `activity=False` a
    new comment on them does not. Renders nothing."""
    page_cache.shows(*objects, activity=activity)
    return ""


@register.tag
def fragment(parser, token):
    """A part of the page that is the same for every reader, rendered once per
    change and kept in the shared cache (see `home.page_cache.fragments`):

        {% fragment "post" page %} … {% endfragment %}
        {% fragment "head" page vary=request|listing_page %} … {% endfragment %}
        {% fragment "card" product vary=heading vary=show_producer %} …

    The name and the objects it is about (one or more) make its key with the
    address and the language; each `vary` adds what else the part depends on.
    Only what every reader sees alike goes inside: nothing about the reader,
    no form with a CSRF token.
    """
    bits = token.split_contents()
    varies = []
    while bits[-1].startswith("vary="):
        varies.insert(0, parser.compile_filter(bits.pop()[len("vary=") :]))
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a name and at least one object it is about."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        varies,
    )


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, objects, varies):
        self.nodelist = nodelist
        self.name = name
        self.objects = objects
        self.varies = varies

    def render(self, context):
        name = str(self.name.resolve(context))
        objects = [obj.resolve(context) for obj in self.objects]
        page_template = getattr(context.template, "origin", None)
        if (
            page_template is None
            or page_template.loader is None
            or any(getattr(obj, "pk", None) is None for obj in objects)
        ):
            # A template made from a string may fill the part's blocks in
            # its own way, and an object not saved has nothing to purge.
            return self.nodelist.render(context)
        # The template the page renders is part of the key: one that
        # extends another may fill the part's blocks differently.
        name = "\n".join(
            (
                name,
                page_template.template_name,
                *(str(vary.resolve(context)) for vary in self.varies),
            )
        )
        return fragments.shared(
            name,
            objects,
            context.get("request"),
            lambda: self.nodelist.render(context),
        )


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
