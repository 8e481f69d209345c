"""Board topics: their slugs and addresses, their replies, activity and status."""

from html import unescape

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from home.text import german_slug

from .models import ModerationState, Topic

# Routes of the board that a topic's slug must not take.
RESERVED_SLUGS = frozenset({"new", "category", "feed"})
FALLBACK_SLUG = "thema"


def unique_topic_slug(title: str) -> str:
    """A slug for a new topic from its title, unique among all topics."""
    base = german_slug(title, max_length=150) or FALLBACK_SLUG
    if base in RESERVED_SLUGS:
        base = f"{base}-{FALLBACK_SLUG}"
    taken = set(
        Topic.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def topic_url(board_page, topic, request=None) -> str:
    """The address of a topic below the board page."""
    return board_page.get_url(request=request) + board_page.reverse_subpage(
        "topic", args=[topic.slug]
    )


def topic_discussion(request, topic) -> dict:
    """The replies to a topic and the reply form, as discussion.html takes them,
    and the status the reader may give the topic (`status_choice`), if any."""
    from .comments import discussion_for

    return {
        **discussion_for(request, topic),
        "status_choice": (
            None if status_refusal(request.user, topic) else other_status(topic)
        ),
    }


def status_refusal(user, topic) -> str:
    """Why `user` may not mark `topic` answered or open again; "" if they may.

    Staff may on any published topic, the member who started it only while it
    is not closed.
    """
    if not user.is_authenticated or not (user.is_staff or topic.author_id == user.pk):
        return _(
            "Only the member who started this topic and the shop's team can "
            "change its status."
        )
    if topic.state != ModerationState.PUBLISHED:
        return _("This topic is not public, so its status cannot be changed.")
    if topic.is_closed and not user.is_staff:
        return _(
            "This topic is closed; only the shop's team can change its status now."
        )
    return ""


def other_status(topic) -> str:
    """The status a topic's control offers: answered while open, open once answered."""
    if topic.status == Topic.Status.ANSWERED:
        return Topic.Status.OPEN
    return Topic.Status.ANSWERED


def change_status(topic, status: str, user) -> bool:
    """Give `topic` the `status` and log it with who did it; False if it had it."""
    with transaction.atomic():
        changed = (
            Topic.objects.filter(pk=topic.pk)
            .exclude(status=status)
            .update(status=status)
        )
        topic.status = status
        if changed:
            # The action the snippet editor logs when staff change a topic there.
            log(topic, "wagtail.edit", user=user, data={"status": status})
    return bool(changed)


@require_POST
def change_topic_status(request, board_page, slug):
    """Mark a topic answered, or open again, from its page; then back to it."""
    from .views_questions import refused

    topic = Topic.objects.visible_to(request.user).filter(slug=slug).first()
    if topic is None:
        raise Http404
    url = topic_url(board_page, topic, request)
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    refusal = status_refusal(request.user, topic)
    if refusal:
        return refused(request, refusal, url, status=403)
    status = request.POST.get("status", "")
    if status not in Topic.Status.values:
        return refused(request, _("A topic is either open or answered."), url)
    answered = status == Topic.Status.ANSWERED
    if change_status(topic, status, request.user):
        messages.success(
            request,
            _("The topic is marked as answered.")
            if answered
            else _("The topic is open again."),
        )
    else:
        messages.info(
            request,
            _("The topic was already marked as answered.")
            if answered
            else _("The topic was already open."),
        )
    return redirect(url)


def note_reply(sender, instance, created, raw=False, **kwargs):
    """A public reply to a topic moves the topic up the board."""
    if not created or raw or not instance.is_public:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Topic).pk:
        return
    Topic.objects.filter(pk=instance.object_pk).update(
        last_activity_at=instance.submit_date
    )


def plain_text(html: str) -> str:
    """The words of stored, sanitised HTML, on one line."""
    return " ".join(unescape(strip_tags(html)).split())


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
