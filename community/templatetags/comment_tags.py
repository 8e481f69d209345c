"""Template tags for discussions: the pager of threads, the marker of a
comment's controls, comment counts and public names."""

from django import template
from django.http import QueryDict
from django.utils.safestring import mark_safe

from community.discussions.controls import marker
from community.discussions.threads import comment_count as count_comments
from community.members.names import public_name as name_of

register = template.Library()


@register.inclusion_tag("community/comment_pages.html", takes_context=True)
def comment_pages(context, page_obj, param="cpage"):
    """Links to the other pages of threads (or, with param "tpage", of the one
    thread shown whole), keeping the rest of the query (`query` in the
    context, else the request's)."""
    query = context.get("query")
    request = context.get("request")
    if query is None and request is not None:
        query = request.GET
    query = query.copy() if query is not None else QueryDict(mutable=True)
    query.pop("reply_to", None)

    def url(number):
        query[param] = number
        return f"?{query.urlencode()}#{'discussion' if param == 'cpage' else 'thread'}"

    links = [(number, url(number)) for number in page_obj.paginator.page_range]
    return {
        "page_obj": page_obj,
        "links": links,
        "in_thread": param != "cpage",
        "previous_url": url(page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


@register.filter
def reader_marker(pk):
    """Where the reader's controls of comment `pk` go (`discussions.controls`)."""
    return mark_safe(marker(pk))  # noqa: S308 - a fixed comment with a number


@register.simple_tag
def comment_count(target):
    """Public comments on one object; for listings use `with_comment_counts`."""
    return count_comments(target)


@register.filter
def public_name(user):
    """The name a person is shown with: never a username or an address."""
    return name_of(user)
