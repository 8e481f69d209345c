"""The Community menu of the admin."""

import django_filters
from django.db.models.signals import post_save
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .board import note_reply
from .held import HeldReasonPanel
from .models import BoardCategory, Comment, ModerationState, Topic
from .question_admin import ProductQuestionViewSet, UnansweredQuestionsPanel


class BoardCategoryViewSet(SnippetViewSet):
    model = BoardCategory
    icon = "folder-open-inverse"
    menu_label = _("Board categories")
    copy_view_enabled = False
    search_fields = ["name", "description"]
    list_display = ["name", "slug", Column("sort_order", label=_("Order"))]


class TopicFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=BoardCategory.objects.all()
    )
    state = django_filters.ChoiceFilter(
        label=_("Moderation"), choices=ModerationState.choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Topic.Status.choices
    )
    is_pinned = django_filters.BooleanFilter(label=_("Pinned"))
    is_closed = django_filters.BooleanFilter(label=_("Closed"))

    class Meta:
        model = Topic
        fields = ["category", "state", "status", "is_pinned", "is_closed"]


class TopicViewSet(SnippetViewSet):
    """Topics are started by members on the site; staff pin, close and moderate."""

    model = Topic
    icon = "comment"
    menu_label = _("Board topics")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    # The starter by public name: the account's username may be an e-mail address.
    inspect_view_fields = [
        "title",
        "category",
        "author_name",
        "status",
        "state",
        "held_reason",
        "is_pinned",
        "is_closed",
        "body",
        "products",
        "created_at",
        "last_activity_at",
    ]
    list_per_page = 50
    ordering = ["-last_activity_at", "-pk"]
    search_fields = ["title", "body"]
    filterset_class = TopicFilterSet
    list_display = [
        "title",
        Column("category", label=_("Category"), sort_key="category__name"),
        Column("author_name", label=_("Started by")),
        Column("get_state_display", label=_("Moderation"), sort_key="state"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        BooleanColumn("is_pinned", label=_("Pinned"), sort_key="is_pinned"),
        BooleanColumn("is_closed", label=_("Closed"), sort_key="is_closed"),
        DateColumn(
            "last_activity_at", label=_("Last activity"), sort_key="last_activity_at"
        ),
    ]
    panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("state")], heading=_("Status")),
        FieldRowPanel([FieldPanel("is_pinned"), FieldPanel("is_closed")]),
        HeldReasonPanel(),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("body", read_only=True),
                FieldPanel("products"),
            ],
            heading=_("Topic"),
        ),
    ]

    def get_queryset(self, request):
        return Topic.objects.select_related(
            "category", "author__profile", "author__author"
        )


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, ProductQuestionViewSet, BoardCategoryViewSet)
    menu_icon = "group"
    menu_label = _("Community")
    menu_name = "community"
    menu_order = 300


register_snippet(CommunityViewSetGroup)


class ModerationMenuItem(MenuItem):
    """ "Moderation", with the number of posts that wait, for moderators only."""

    def is_shown(self, request):
        return request.user.has_perm("community.moderate_community")

    def render_component(self, request):
        from .moderation import waiting_count

        component = super().render_component(request)
        count = waiting_count()
        if count:
            component.label = _("Moderation (%(count)s)") % {"count": count}
        return component


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Moderation"),
        reverse("theke_moderation_queue"),
        name="moderation",
        icon_name="warning",
        order=290,
    )


@hooks.register("register_admin_urls")
def register_moderation_urls():
    from .views_moderation import ModerationQueueView

    return [
        path(
            "moderation/",
            ModerationQueueView.as_view(),
            name="theke_moderation_queue",
        ),
        path(
            "moderation/<slug:tab>/",
            ModerationQueueView.as_view(),
            name="theke_moderation",
        ),
        path(
            "moderation/<slug:tab>/results/",
            ModerationQueueView.as_view(results_only=True),
            name="theke_moderation_results",
        ),
    ]


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    from .moderation import LOG_ACTIONS

    for action, label, message in LOG_ACTIONS.values():
        actions.register_action(action, label, message)


# Connected here, where the board's admin is set up, as the board owns topics.
post_save.connect(note_reply, sender=Comment, dispatch_uid="theke_topic_activity")


@hooks.register("theke_page_sections")
def discussion_section(request, page, slot):
    """The "discussion" slot: comments on posts, producer pages and products."""
    from .comments import discussion_context

    return discussion_context(request, page, slot)


@hooks.register("theke_page_sections")
def questions_section(request, page, slot):
    """The "questions" slot: customers' questions about a product, with answers."""
    from .questions import questions_section

    return questions_section(request, page, slot)


@hooks.register("construct_homepage_panels")
def unanswered_questions_panel(request, panels):
    """Staff see the product questions that wait for an answer, newest first."""
    if request.user.is_staff:
        panels.append(UnansweredQuestionsPanel())


@hooks.register("theke_listing_queryset")
def listing_comment_counts(queryset):
    """Teasers of posts and producers show how many comments they have."""
    from .comments import discussion_types, with_comment_counts

    if not issubclass(queryset.model, discussion_types()):
        return queryset
    return with_comment_counts(queryset)
