from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_head(context):
    """OpenGraph tags and JSON-LD for the page being rendered."""
    return ""
