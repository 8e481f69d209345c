"""Finding the page for an address without walking the page tree each time.

Wagtail finds a page by looking up each part of its address among the
children of the page before, and then the specific page: two queries per
level. The site's root page remembers, in each process, which page an address
led to (its type and id, and how many parts of the address it took) while
nothing at all was purged anywhere (`page_cache/recent.py`): publishing,
unpublishing, moving, renaming or deleting a page purges, so what is
remembered is the tree as it is. The page itself is read fresh on every
request, and routes what is left of the address (a sub-route of a routable
page) and checks that it is live, as Wagtail's routing does.

Before the page, Wagtail finds the site by the request's host, with a query on
every request. Each process remembers the site of a host the same way: saving
or deleting a site purges everything (`home/signals.py`).
"""

from wagtail.models import Site

from .page_cache.recent import RecentPages, generation_for

# Addresses each process remembers.
_routes = RecentPages(2000)
# Hosts (as sent, with the port) each process remembers the site of.
_sites = RecentPages(64)


class RememberedSiteMiddleware:
    """Hands Wagtail the request's site, remembered while nothing was purged.

    Wagtail keeps the site it found for a request on the request
    (`Site.find_for_request`); this finds it there first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = generation_for(request)
        # The host as sent, as Wagtail matches it: a host the site does not
        # serve is refused later, by Django, as it would be without this.
        key = (request._get_raw_host(), request.get_port())
        found = _sites.get(key, now)
        if found is None:
            found = (Site.find_for_request(request),)
            _sites.keep(key, now, found)
        else:
            request._wagtail_site = found[0]
        return self.get_response(request)


class RememberedRoutes:
    """Mixed into the type of the site's root page."""

    def route(self, request, path_components):
        if not path_components:
            # The root itself: nothing to look up.
            return super().route(request, path_components)
        now = generation_for(request)
        key = (self.pk, tuple(path_components))
        found = _routes.get(key, now)
        if found is not None:
            model, pk, taken = found
            # get(), not first(): a query without ordering (by the tree's path,
            # as pages are), half a millisecond cheaper on every page.
            try:
                page = model.objects.get(pk=pk)
            except model.DoesNotExist:
                page = None
            if page is not None:
                # The root (a sub-route of it) routes as every page does.
                route = (
                    super(RememberedRoutes, page).route
                    if isinstance(page, RememberedRoutes)
                    else page.route
                )
                return route(request, path_components[taken:])
        result = super().route(request, path_components)
        page = result.page
        # Each level of the tree below the root took one part of the address.
        taken = page.depth - self.depth
        if 0 < taken <= len(path_components):
            _routes.keep(key, now, (type(page), page.pk, taken))
        return result
