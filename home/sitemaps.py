"""The sitemap: an index of sections, each cut into files of SITEMAP_LIMIT entries.

`/sitemap.xml` is always an index, whatever the size of the shop: each section
keeps one address and its own date, so a crawler reads again only what
changed, and a shop that grows past a file's limit changes nothing it has
been told. A section lists one kind of address, one entry per item, so a
file never holds more than the limit: every page here, the blog's categories
and authors in `blog`, the products in `shop_link`. Other apps add theirs
with the `theke_sitemap_sections` hook, a function returning {name: Section
subclass}. Each file records the tags of what it lists for the page cache,
and the index those of every section.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .page_cache.tags import depends_on, list_tag


class Section(Sitemap):
    """One section: `items()` shown by `entry()`, SITEMAP_LIMIT to a file."""

    @property
    def limit(self):
        return settings.SITEMAP_LIMIT

    @cached_property
    def paginator(self):
        # One count for the index and the file alike (Django's makes a new one
        # on every use).
        return Paginator(self.items(), self.limit)

    def tags(self) -> tuple[str, ...]:
        """The page cache's tags of what the section lists."""
        return ()

    def entry(self, item) -> dict:
        """One address: {"location": absolute URL, "lastmod": datetime or None}."""
        raise NotImplementedError

    def newest(self) -> datetime.datetime | None:
        """When anything the section lists last changed, without listing it."""
        return None

    @cached_property
    def _newest(self):
        return self.newest()

    def get_latest_lastmod(self):
        return self._newest

    def _urls(self, page, protocol, domain):
        urls = [self.entry(item) for item in self.paginator.page(page).object_list]
        dates = {url["lastmod"] for url in urls}
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls


class PagesSection(Section):
    """Every live, public page of the request's site, one address each."""

    # Set by `sections()`: the other sections, whose newest dates this one's.
    others: tuple[Section, ...] = ()

    def tags(self):
        return (list_tag(Page),)

    def _pages(self):
        site = self.get_wagtail_site()
        return site.root_page.get_descendants(inclusive=True).live().public()

    def items(self):
        return self._pages().order_by("path").defer_streamfields().specific()

    def newest(self):
        own = self._pages().aggregate(newest=Max("last_published_at"))["newest"]
        # A page may be dated by what it lists (the catalogue by its newest
        # product), which another section lists: the newest of all dates this
        # one, at worst later than it needs.
        dates = [own, *(other.get_latest_lastmod() for other in self.others)]
        return max(filter(None, dates), default=None)

    def _urls(self, page, protocol, domain):
        # Each page type gives its own address only (or none); addresses it
        # routes to below itself are a section of their own, so that a file
        # holds no more than its limit.
        pages = self.paginator.page(page).object_list
        urls = [url for item in pages for url in item.get_sitemap_urls(self.request)]
        dates = {url.get("lastmod") for url in urls}
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls


def sections(request) -> dict[str, Section]:
    """The sitemap's sections for `request`'s site, by name, in the index's order."""
    pages = PagesSection(request)
    found = {"pages": pages}
    for more in hooks.get_hooks("theke_sitemap_sections"):
        found.update({name: section(request) for name, section in more().items()})
    pages.others = tuple(section for section in found.values() if section is not pages)
    return found


def record(*listed: Section) -> None:
    """Note for the page cache what the sections list."""
    for section in listed:
        depends_on(*section.tags())


def index(request, found: dict[str, Section]) -> list[SitemapIndexItem]:
    """Every file of every section in `found` that lists anything, dated by the
    newest of its section, at the host the site's pages are at (Django's own
    index would name django.contrib.sites' domain instead)."""
    root_url = found["pages"].get_wagtail_site().root_url
    files = []
    for name, section in found.items():
        if not section.paginator.count:
            continue
        location = root_url + reverse("sitemap_section", kwargs={"section": name})
        lastmod = section.get_latest_lastmod()
        files += [
            SitemapIndexItem(
                location if number == 1 else f"{location}?p={number}", lastmod
            )
            for number in section.paginator.page_range
        ]
    return files
