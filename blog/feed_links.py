"""Where the blog's feeds are announced: in every page head and to templates."""

from django.core.cache import cache
from wagtail.models import Site

from blog.models import BlogIndexPage
from home.models import ShopSettings
from home.navigation import menu_version
from home.page_cache.recent import remembered
from home.seo import ATOM, RSS, FeedLink


def blog_feeds(request) -> dict | None:
    """Title and feed URLs of the site's live blog, cached until pages change."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    key = f"theke:feed-links:{site.pk}:{menu_version()}"
    return remembered(key, lambda: _blog_feeds(key, site, request)) or None


def _blog_feeds(key, site, request) -> dict:
    feeds = cache.get(key)
    if feeds is None:
        blog = (
            BlogIndexPage.objects.live().public().descendant_of(site.root_page).first()
        )
        feeds = {}
        if blog is not None:
            feeds = {
                "title": blog.title,
                "rss": blog.feed_url(request, "feed"),
                "atom": blog.feed_url(request, "atom"),
            }
        cache.set(key, feeds, None)
    return feeds


def feed_links(request, context) -> list[FeedLink]:
    """The blog's feeds, and on a category listing that category's feeds too."""
    blog = blog_feeds(request)
    if blog is None:
        return []
    shop_name = ShopSettings.for_request(request).shop_name
    links = [
        FeedLink(f"{shop_name} – {blog['title']} (RSS)", blog["rss"], RSS),
        FeedLink(f"{shop_name} – {blog['title']} (Atom)", blog["atom"], ATOM),
    ]
    page = context.get("page")
    category = context.get("active_category")
    if category is not None and isinstance(page, BlogIndexPage):
        title = f"{shop_name} – {page.title}: {category.name}"
        links += [
            FeedLink(f"{title} (RSS)", page.feed_url(request, "feed", category), RSS),
            FeedLink(f"{title} (Atom)", page.feed_url(request, "atom", category), ATOM),
        ]
    return links
