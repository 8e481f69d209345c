"""Template context every page needs: the site's root and its main menu."""

from .navigation import main_menu


def site_chrome(request):
    """Return the lazily evaluated navigation for the header and footer."""
    return {"main_menu": lambda: main_menu(request)}
