"""Template tags for discussions: the pager of threads and comment counts."""

from django import template

from community.comments import comment_count as count_comments

register = template.Library()


@register.inclusion_tag("community/comment_pages.html", takes_context=True)
def comment_pages(context, page_obj):
    """Links to the other pages of threads, keeping the rest of the query."""
    return {"request": context.get("request"), "page_obj": page_obj}


@register.simple_tag
def comment_count(target):
    """Public comments on one object; for listings use `with_comment_counts`."""
    return count_comments(target)
