"""The community in the admin and in the pages of other apps: menus, views, sections."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .account.interests import card_tools, hiding
from .announcements.admin import AnnouncementViewSet
from .announcements.banners import banner_section
from .board.admin import BoardCategoryViewSet, TopicViewSet
from .discussions.models import with_comment_counts
from .discussions.reading import discussion_context
from .discussions.targets import discussion_types
from .feedback.admin import FeedbackMenuItem, FeedbackPanel, FeedbackReportView
from .feedback.widget import feedback_section
from .mail.admin import LateMailMenuItem, LateMailReportView
from .members.admin import ProfileViewSet
from .members.interest_admin import (
    EXPORT_LOG_ACTION,
    AudienceExportView,
    InterestCategoriesViewSet,
)
from .members.matching import for_you_section
from .moderation.actions import LOG_ACTIONS
from .moderation.admin import ModerationMenuItem
from .moderation.views import ModerationQueueView
from .questions import questions
from .questions.admin import ProductQuestionViewSet, UnansweredQuestionsPanel


class CommunityViewSetGroup(SnippetViewSetGroup):
    items = (
        TopicViewSet,
        ProductQuestionViewSet,
        BoardCategoryViewSet,
        ProfileViewSet,
        InterestCategoriesViewSet,
        AnnouncementViewSet,
    )
    menu_icon = "group"
    menu_label = _("Community")
    menu_name = "community"
    menu_order = 300


register_snippet(CommunityViewSetGroup)


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


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackMenuItem(
        _("Feedback"),
        reverse("theke_feedback_report"),
        name="feedback",
        icon_name="comment",
        order=100,
    )


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("feedback/", FeedbackReportView.as_view(), name="theke_feedback_report")
    ]


@hooks.register("register_reports_menu_item")
def register_late_mail_menu_item():
    return LateMailMenuItem(
        _("Late mail"),
        reverse("theke_late_mail"),
        name="late-mail",
        icon_name="mail",
        order=110,
    )


@hooks.register("register_admin_urls")
def register_late_mail_urls():
    return [
        path("late-mail/", LateMailReportView.as_view(), name="theke_late_mail"),
        path(
            "late-mail/results/",
            LateMailReportView.as_view(results_only=True),
            name="theke_late_mail_results",
        ),
    ]


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label, message in LOG_ACTIONS.values():
        actions.register_action(action, label, message)
    actions.register_action(
        EXPORT_LOG_ACTION,
        _("Export of an interest's audience"),
        _("Exported who chose this interest"),
    )


@hooks.register("register_admin_urls")
def register_interest_urls():
    return [
        path(
            "interests/<slug:key>/export/",
            AudienceExportView.as_view(),
            name="theke_interest_audience_export",
        )
    ]


@hooks.register("register_permissions")
def interest_audience_permission():
    """Groups may be given the export of an interest's audience in the admin."""
    return Permission.objects.filter(
        content_type__app_label="community", codename="export_interest_audience"
    )


@hooks.register("register_permissions")
def late_mail_permission():
    """Groups may be allowed to see late mail, with its addresses, in the admin."""
    return Permission.objects.filter(
        content_type__app_label="community", codename="view_latemail"
    )


@hooks.register("theke_page_sections")
def discussion_section(request, page, slot):
    """The "discussion" slot: comments on posts, producer pages and products."""
    return discussion_context(request, page, slot)


@hooks.register("theke_page_sections")
def feedback_faces_section(request, page, slot):
    """The "feedback" slot: one-click faces under posts, producer pages and products."""
    return feedback_section(request, page, slot)


@hooks.register("theke_page_sections")
def questions_section(request, page, slot):
    """The "questions" slot: customers' questions about a product, with answers."""
    return questions.questions_section(request, page, slot)


@hooks.register("construct_homepage_panels")
def unanswered_questions_panel(request, panels):
    """Staff see the product questions that wait for an answer, newest first."""
    if request.user.is_staff:
        panels.append(UnansweredQuestionsPanel())


@hooks.register("construct_homepage_panels")
def feedback_panel(request, panels):
    """Those who may read the feedback see its last weeks on the dashboard."""
    if request.user.has_perm("community.view_feedback"):
        panels.append(FeedbackPanel())


@hooks.register("theke_listing_queryset")
def listing_comment_counts(queryset):
    """Teasers of posts and producers show how many comments they have."""
    if not issubclass(queryset.model, discussion_types()):
        return queryset
    return with_comment_counts(queryset)


@hooks.register("theke_reader_hides")
def hidden_categories(request, model):
    """Listings leave out the categories a logged-in member hid."""
    return hiding(request, model)


@hooks.register("theke_reader_tools")
def not_interested(request, card):
    """Cards of stories and products offer members to hide their category."""
    return card_tools(request, card)


@hooks.register("theke_page_sections")
def for_you(request, page, slot):
    """The "for_you" slot of the home page: what serves the member's interests."""
    return for_you_section(request, page, slot)


@hooks.register("theke_page_sections")
def announcements(request, page, slot):
    """The "banner" slot at the top of every page: announcements for the reader."""
    return banner_section(request, page, slot)
