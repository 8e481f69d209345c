from django import template

register = template.Library()


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
