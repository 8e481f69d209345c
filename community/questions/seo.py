"""How a product question previews in search engines: meta tags and a QAPage."""

from django.utils.text import Truncator

from ..writing.sanitize import plain_text


def question_seo_meta(context) -> dict:
    question = context.get("question")
    if question is None:
        return {}
    return {
        "title": Truncator(plain_text(question.text_html)).chars(70),
        "description": plain_text(question.text_html) or None,
        "type": "article",
    }


def question_json_ld(request, context) -> dict | None:
    """A published question as a schema.org QAPage with its published answers."""
    item = context.get("question_item")
    question = context.get("question")
    if item is None or question is None or item.is_held:
        return None
    url = request.build_absolute_uri(question.get_absolute_url())
    answers = [entry for entry in item.answers if entry.answer.state == "published"]

    def answer_data(entry):
        answer = entry.answer
        return {
            "@type": "Answer",
            "text": plain_text(answer.text_html),
            "dateCreated": answer.created_at.isoformat(),
            "url": f"{url}#answer-{answer.pk}",
            "upvoteCount": 0,
            "author": {"@type": "Person", "name": str(entry.author.name)},
        }

    data = {
        "@type": "Question",
        "name": Truncator(plain_text(question.text_html)).chars(110),
        "text": plain_text(question.text_html),
        "answerCount": len(answers),
        "dateCreated": question.created_at.isoformat(),
        "author": {"@type": "Person", "name": str(item.author.name)},
        "about": {
            "@type": "Product",
            "name": question.product.title,
            "url": request.build_absolute_uri(question.product.get_absolute_url()),
        },
    }
    accepted = [entry for entry in answers if entry.is_accepted]
    others = [entry for entry in answers if not entry.is_accepted]
    if accepted:
        data["acceptedAnswer"] = answer_data(accepted[0])
    if others:
        data["suggestedAnswer"] = [answer_data(entry) for entry in others]
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "url": url,
        "mainEntity": data,
    }
