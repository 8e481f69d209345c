"""The discussion board: served as routes of the CommunityIndexPage."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.ids import parse_slug
from home.page_cache.tags import depends_on, list_tag, shows
from shop_link.models import Product

from ..conf import setting
from ..discussions.authors import authors_of
from ..writing.moderated import ModerationState
from ..writing.responses import refused
from .forms import TopicForm
from .models import BoardCategory, Topic
from .topics import (
    change_status,
    status_refusal,
    topic_discussion,
    topic_url,
)

TOPICS_PER_PAGE = 20
# How many topics the "newest activity" list shows.
NEWEST_ACTIVITY = 5


def board(request, page, category_slug=None):
    """The board: categories with counts, pinned topics first, newest activity."""
    categories = list(
        BoardCategory.objects.annotate(
            topic_count=Count(
                "topics", filter=Q(topics__state=ModerationState.PUBLISHED)
            )
        ).order_by("sort_order", "name")
    )
    category = None
    if category_slug is not None:
        category = next((c for c in categories if c.slug == category_slug), None)
        if category is None:
            raise Http404
    topics = (
        Topic.objects.visible_to(request.user).for_listing().defer("body", "body_html")
    )
    if category is not None:
        topics = topics.filter(category=category)
    newest = list(
        Topic.objects.published()
        .select_related("category")
        .defer("body", "body_html")
        .order_by("-last_activity_at", "-pk")[:NEWEST_ACTIVITY]
    )
    page_of_topics = Paginator(topics, TOPICS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    depends_on(list_tag(Topic), list_tag(BoardCategory))
    shows(*page_of_topics, *newest)
    return page.render(
        request,
        template="community/board.html",
        context_overrides={
            "topics": page_of_topics,
            "categories": categories,
            "active_category": category,
            "newest": newest,
            **who_may_write(),
        },
    )


def new_topic(request, page):
    """The form a member starts a topic with; guests are sent to log in first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        form = TopicForm(request.POST, user=request.user, request=request)
        if form.is_valid():
            topic = form.save()
            if topic.state == ModerationState.PUBLISHED:
                messages.success(request, _("Your topic is on the board."))
            else:
                messages.info(
                    request,
                    _(
                        "Thank you! Your topic waits for a moderator and appears "
                        "on the board once it is approved. Nothing you wrote is lost."
                    ),
                )
            return redirect(topic_url(page, topic, request))
    else:
        form = TopicForm(
            user=request.user,
            request=request,
            initial={"category": _category_from_query(request)},
        )
    return page.render(
        request,
        template="community/new_topic.html",
        context_overrides={
            "form": form,
            "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
            "seo_noindex": True,
            **who_may_write(),
        },
    )


def topic_detail(request, page, slug):
    """A topic with its text, products and replies; a held one only for its author."""
    products = Product.objects.select_related(
        "image", "producer", "source"
    ).prefetch_related("image__renditions")
    topic = (
        Topic.objects.visible_to(request.user)
        .select_related("category")
        .prefetch_related(Prefetch("products", queryset=products.order_by("title")))
        .filter(slug=slug)
        .first()
    )
    if topic is None:
        raise Http404
    is_held = topic.state != ModerationState.PUBLISHED
    shows(topic, topic.category, *topic.products.all())
    return page.render(
        request,
        template="community/topic.html",
        context_overrides={
            "topic": topic,
            "is_held": is_held,
            "seo_noindex": is_held,
            "board_url": page.get_url(request=request),
            "starter": authors_of({topic.author_id}, request)[topic.author_id],
            **who_may_write(),
            **({} if is_held else topic_discussion(request, topic)),
        },
    )


def who_may_write() -> dict:
    """Whether guests may reply to topics, for the rule the board, a topic and
    the new-topic page state: starting a topic always needs an account, a reply
    follows the rule for every comment, which the comment view enforces; a new
    member's first posts wait for a moderator when the rules hold them."""
    return {
        "guests_may_reply": setting("COMMUNITY_GUESTS_MAY_COMMENT"),
        "first_posts_held": bool(setting("COMMUNITY_HOLD_FIRST_POSTS")),
    }


def _category_from_query(request):
    slug = request.GET.get("category", "")
    if not slug:
        return None
    return BoardCategory.objects.filter(slug=parse_slug(slug, 80)).first()


@require_POST
def change_topic_status(request, board_page, slug):
    """Mark a topic answered, or unanswered again, from its page; then back to it."""

    topic = Topic.objects.visible_to(request.user).filter(slug=slug).first()
    if topic is None:
        raise Http404
    url = topic_url(board_page, topic, request)
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    refusal = status_refusal(request.user, topic)
    if refusal:
        return refused(request, refusal, back_url=url, status=403)
    status = request.POST.get("status", "")
    if status not in Topic.Status.values:
        return refused(
            request, _("A topic is either unanswered or answered."), back_url=url
        )
    answered = status == Topic.Status.ANSWERED
    if change_status(topic, status, request.user):
        messages.success(
            request,
            _("The topic is marked as answered.")
            if answered
            else _("The topic is marked as unanswered again."),
        )
    else:
        messages.info(
            request,
            _("The topic was already marked as answered.")
            if answered
            else _("The topic was already marked as unanswered."),
        )
    return redirect(url)
