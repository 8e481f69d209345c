from django import template
from django.core.cache import cache
from wagtail.models import Site

from blog.models import BlogIndexPage, BlogPage, ProducerPage, ProducersIndexPage
from home.navigation import menu_version

register = template.Library()

LATEST_POSTS = 6


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


def _blog_index(context):
    """The site's live blog, or None; looked up once per render."""
    if "_theke_blog_index" not in context.render_context:
        site = _site(context)
        blogs = BlogIndexPage.objects.live().public()
        if site is not None:
            blogs = blogs.in_site(site)
        context.render_context["_theke_blog_index"] = blogs.first()
    return context.render_context["_theke_blog_index"]


@register.inclusion_tag("components/latest_posts.html", takes_context=True)
def latest_posts(context, count=LATEST_POSTS):
    """Teasers of the newest live posts of the site's blog."""
    blog = _blog_index(context)
    posts = []
    if blog is not None:
        posts = list(
            BlogPage.objects.child_of(blog).live().public().for_listing()[:count]
        )
    return {"request": context.get("request"), "blog": blog, "posts": posts}


@register.inclusion_tag("components/producer_list.html", takes_context=True)
def producer_list(context, count=None):
    """Cards of the site's live producers, in alphabetical order."""
    index = ProducersIndexPage.objects.live().public()
    site = _site(context)
    if site is not None:
        index = index.in_site(site)
    index = index.first()
    producers = []
    if index is not None:
        producers = ProducerPage.objects.child_of(index).live().public().for_listing()
        producers = list(producers[:count] if count else producers)
    return {"request": context.get("request"), "producers": producers, "index": index}


@register.simple_tag(takes_context=True)
def blog_feed_urls(context):
    """The RSS and Atom addresses of the site's blog, cached until pages change."""
    site = _site(context)
    key = f"theke:blog-feeds:{getattr(site, 'pk', 0)}:{menu_version()}"
    urls = cache.get(key)
    if urls is None:
        blog = _blog_index(context)
        urls = {}
        if blog is not None:
            base = blog.get_url(request=context.get("request"))
            urls = {
                "rss": base + blog.reverse_subpage("feed", kwargs={"kind": "feed"}),
                "atom": base + blog.reverse_subpage("feed", kwargs={"kind": "atom"}),
            }
        cache.set(key, urls, None)
    return urls


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
