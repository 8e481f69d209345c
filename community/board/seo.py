"""How the board and its topics preview in search engines: meta tags and schema.org."""

from ..writing.sanitize import plain_text


def board_seo_meta(context) -> dict:
    topic = context.get("topic")
    if topic is not None:
        return {
            "title": topic.title,
            "description": plain_text(topic.body_html) or None,
            "type": "article",
        }
    category = context.get("active_category")
    if category is not None:
        return {"title": category.name, "description": category.description or None}
    return {}


def topic_json_ld(board_page, request, context) -> dict | None:
    topic = context.get("topic")
    if topic is None or context.get("is_held"):
        return None
    url = board_page.get_full_url(request) + board_page.reverse_subpage(
        "topic", args=[topic.slug]
    )
    starter = context.get("starter")
    data = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "@id": url,
        "url": url,
        "headline": topic.title,
        "text": plain_text(topic.body_html),
        "datePublished": topic.created_at.isoformat(),
        "isPartOf": {
            "@type": "WebPage",
            "url": board_page.get_full_url(request),
            "name": board_page.title,
        },
    }
    if starter is not None:
        data["author"] = {"@type": "Person", "name": str(starter.name)}
    discussion = context.get("discussion")
    if discussion is not None:
        data["interactionStatistic"] = {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": discussion.count,
        }
    products = [
        {"@type": "Product", "name": product.title} for product in topic.products.all()
    ]
    if products:
        data["about"] = products
    return data
