from urllib.parse import urlsplit

from wagtail import hooks

from .block_data import check_block_data
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


@hooks.register("before_create_page")
def new_page_block_data_is_whole(request, parent_page, page_class):
    check_block_data(request, page_class)


@hooks.register("before_edit_page")
def edited_page_block_data_is_whole(request, page):
    check_block_data(request, page.specific_class)
