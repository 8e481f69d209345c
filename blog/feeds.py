"""RSS 2.0 and Atom feeds of the shop blog, whole or per category.

A feed is made for the blog index (and category) it is given; pages announce feeds
through ``blog.feed_links``.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.models import ShopSettings
from home.page_cache.tags import depends_on, list_tag, shows

FEED_LENGTH = 20
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RssWithAuthors(Rss201rev2Feed):
    """RSS 2.0 with one dc:creator per author: <author> would need e-mail addresses."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        for name, _url in item["authors"]:
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(Atom1Feed):
    """Atom with an <author> element, name and profile link, for every author."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "author_name": None})
        for name, url in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")


def as_datetime(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class RssFeed(Feed):
    """The newest posts of a blog, or of one of its categories, as RSS 2.0."""

    feed_type = RssWithAuthors

    def __init__(self, blog_index, category=None):
        super().__init__()
        self.blog_index = blog_index
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def author_name(self):
        """Atom needs an author for every entry: the shop signs the unsigned ones."""
        return ShopSettings.for_request(self.request).shop_name

    def title(self):
        shop_name = ShopSettings.for_request(self.request).shop_name
        if self.category:
            return f"{shop_name} – {self.blog_index.title}: {self.category.name}"
        return f"{shop_name} – {self.blog_index.title}"

    def link(self):
        if self.category:
            return self.blog_index.subpage_url(
                self.request, "category", self.category.slug
            )
        return self.blog_index.get_full_url(self.request)

    def feed_url(self):
        return self.request.build_absolute_uri(self.request.path)

    def description(self):
        if self.category and self.category.description:
            return self.category.description
        return _("Stories from the shop, its people and its producers.")

    def items(self):
        posts = self.blog_index.get_posts()
        if self.category:
            posts = posts.in_category(self.category)
            shows(self.category)
        posts = list(posts[:FEED_LENGTH])
        depends_on(list_tag(self.blog_index.get_posts().model))
        shows(*posts)
        return posts

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        """The date readers see on the post, at the hour it went live if that day."""
        published = item.first_published_at
        if published and timezone.localdate(published) == item.date:
            return published
        return as_datetime(item.date)

    def item_updateddate(self, item):
        published = self.item_pubdate(item)
        if item.updated:
            return max(published, as_datetime(item.updated))
        return published

    def item_author_name(self, item):
        return ", ".join(author.name for author in self.authors_of(item)) or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

    def item_extra_kwargs(self, item):
        return {
            "authors": [
                (
                    author.name,
                    self.blog_index.subpage_url(self.request, "author", author.slug),
                )
                for author in self.authors_of(item)
            ]
        }

    @staticmethod
    def authors_of(item):
        """The post's authors, from the rows that for_listing() prefetched."""
        return [row.author for row in item.post_authors.all()]


class AtomFeed(RssFeed):
    """The same posts as Atom."""

    feed_type = AtomWithAuthors
    subtitle = RssFeed.description
