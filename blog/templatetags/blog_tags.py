from django import template
from wagtail.models import Site

from blog.feed_links import blog_feeds
from blog.models import BlogIndexPage, BlogPage, ProducerPage, ProducersIndexPage
from blog.models.listing import for_reader
from home.navigation import live_page
from home.page_cache.tags import depends_on, list_tag

register = template.Library()

LATEST_POSTS = 6


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


def _blog_index(context):
    """The site's live blog, or None."""
    return live_page(BlogIndexPage, _site(context))


@register.inclusion_tag("components/latest_posts.html", takes_context=True)
def latest_posts(context, count=LATEST_POSTS):
    """Teasers of the newest live posts of the site's blog."""
    blog = _blog_index(context)
    request = context.get("request")
    posts, listing = [], None
    if blog is not None:
        listing = for_reader(
            request, BlogPage.objects.child_of(blog).live().public().for_listing()
        )
        posts = list(listing.items[:count])
    return {
        "request": request,
        "blog": blog,
        "posts": posts,
        "reader_listing": listing,
        "card_tools": True,
    }


@register.inclusion_tag("components/producer_list.html", takes_context=True)
def producer_list(context, count=None):
    """Cards of the site's live producers, in alphabetical order."""
    index = live_page(ProducersIndexPage, _site(context))
    producers = []
    depends_on(list_tag(ProducerPage))
    if index is not None:
        producers = ProducerPage.objects.child_of(index).live().public().for_listing()
        producers = list(producers[:count] if count else producers)
    return {"request": context.get("request"), "producers": producers, "index": index}


@register.simple_tag(takes_context=True)
def blog_feed_urls(context):
    """The RSS and Atom addresses of the site's blog, or None without a blog."""
    request = context.get("request")
    return blog_feeds(request) if request is not None else None


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers around the current one, with None where numbers are left out."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(
            page_obj.number, on_each_side=1, on_ends=1
        )
    ]
