from urllib.parse import urlsplit

from wagtail import hooks

from .page_cache.tags import shows


@hooks.register("construct_help_menu")
def keep_help_on_this_site(request, menu_items):
    """Drop the help menu's links to Wagtail's website ("What's new", the
    editor guide): the admin names no third party."""
    menu_items[:] = [item for item in menu_items if not urlsplit(item.url).netloc]


@hooks.register("before_serve_page")
def page_shows_itself(page, request, serve_args, serve_kwargs):
    """A page in the shared cache is purged when it changes."""
    shows(page)
