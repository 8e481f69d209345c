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
"""

from .page_cache.recent import RecentPages, generation_for

# Addresses each process remembers.
_routes = RecentPages(2000)


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
            page = model.objects.filter(pk=pk).first()
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
