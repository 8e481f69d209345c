"""A member's own feed: the blog's stories less the categories they hid.

Feed readers fetch without a session, so the public feeds at /blog/feed/ and
/blog/atom/ stay the same for everyone. A member who wants their settings in
their feed reader makes an address of their own on the interests page; its
secret part stands in for logging in. It shows only public stories, so someone
who learns it learns no more than which categories the member hid, and the
member can replace or remove it at any time.
"""

from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Site

from blog.feeds import FEED_LENGTH, AtomFeed, RssFeed
from blog.models import BlogIndexPage, BlogPage

from ..members.models import PersonalFeed
from ..members.preferences import hidden_of


class PersonalRssFeed(RssFeed):
    """The newest stories of a blog, less the categories one member hid."""

    def __init__(self, blog_index, hidden):
        super().__init__(blog_index)
        self.hidden = hidden

    def title(self):
        return _("%(feed)s – your selection") % {"feed": super().title()}

    def description(self):
        return _("Stories from the shop, without the categories you hid.")

    def items(self):
        posts = self.blog_index.get_posts()
        condition = self.hidden.condition(BlogPage)
        if condition is not None:
            posts = posts.exclude(
                pk__in=BlogPage.objects.filter(condition).values("pk")
            )
        return posts[:FEED_LENGTH]


class PersonalAtomFeed(PersonalRssFeed):
    feed_type = AtomFeed.feed_type
    subtitle = PersonalRssFeed.description


def personal_feed(request, token, kind):
    """The feed at a member's secret address, as RSS ("rss") or Atom ("atom")."""
    feed = PersonalFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    site = Site.find_for_request(request)
    blogs = BlogIndexPage.objects.live().public()
    blog = (blogs.in_site(site) if site is not None else blogs).first()
    if blog is None:
        raise Http404
    feed_class = PersonalAtomFeed if kind == "atom" else PersonalRssFeed
    response = feed_class(blog, hidden_of(feed.user))(request)
    # One member's selection: no shared cache keeps it, no search engine lists it.
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response
