"""The sitemap's section "blog": the blog's categories and authors."""

from django.db.models import Max
from django.utils.functional import cached_property
from wagtail.models import Site

from home.navigation import live_page
from home.page_cache.tags import list_tag, tag_for
from home.sitemaps import Section

from .models import Author, BlogCategory, BlogIndexPage, BlogPage, BlogPageAuthor


class BlogSection(Section):
    """Each category and author of the site's blog that has a live, public
    post, dated by their newest one."""

    @cached_property
    def blog(self):
        return live_page(BlogIndexPage, Site.find_for_request(self.request))

    def tags(self):
        tags = [
            list_tag(BlogIndexPage),
            list_tag(BlogPage),
            list_tag(BlogCategory),
            list_tag(Author),
        ]
        if self.blog is not None:
            tags.append(tag_for(self.blog))
        return tuple(tags)

    def items(self):
        return self._entries

    def entry(self, item):
        return item

    def newest(self):
        return max(
            filter(None, (item["lastmod"] for item in self._entries)), default=None
        )

    @cached_property
    def _entries(self) -> list[dict]:
        # Two queries, however many there are: staff make categories and
        # authors, a few hundred at the most.
        blog = self.blog
        if blog is None:
            return []
        posts = BlogPage.objects.child_of(blog).live().public().values("pk")
        base_url = blog.get_full_url(self.request)
        categories = (
            BlogCategory.objects.filter(blog_pages__in=posts)
            .annotate(lastmod=Max("blog_pages__last_published_at"))
            .order_by("slug")
            .values_list("slug", "lastmod")
        )
        authors = (
            BlogPageAuthor.objects.filter(page__in=posts)
            .values("author__slug")
            .annotate(lastmod=Max("page__last_published_at"))
            .order_by("author__slug")
            .values_list("author__slug", "lastmod")
        )
        return [
            {
                "location": base_url + blog.reverse_subpage(route, args=[slug]),
                "lastmod": lastmod,
            }
            for route, rows in (("category", categories), ("author", authors))
            for slug, lastmod in rows
        ]
