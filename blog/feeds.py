"""RSS 2.0 and Atom feeds of the shop blog, whole or per category."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class RssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, blog_index, category=None):
        super().__init__()
        self.blog_index = blog_index
        self.category = category

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        site_name = self.blog_index.get_site().site_name or self.blog_index.title
        if self.category:
            return f"{site_name} – {self.blog_index.title}: {self.category.name}"
        return f"{site_name} – {self.blog_index.title}"

    def link(self):
        return self.blog_index.get_full_url(self.request)

    def description(self):
        if self.category and self.category.description:
            return self.category.description
        return _("Stories from the shop, its people and its producers.")

    def items(self):
        posts = self.blog_index.get_posts()
        if self.category:
            posts = posts.in_category(self.category)
        return posts[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at or item.latest_revision_created_at

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return ", ".join(row.author.name for row in item.post_authors.all())

    def item_author_link(self, item):
        authors = list(item.post_authors.all())
        if len(authors) != 1:
            return None
        return self.request.build_absolute_uri(authors[0].author.get_absolute_url())

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description
