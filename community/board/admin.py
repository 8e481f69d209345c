"""The board in the admin: categories, and topics staff pin, close and moderate."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from home.choosers import SnippetChooserViewSet

from ..writing.held import HeldReasonPanel
from ..writing.moderated import ModerationState
from .models import BoardCategory, Topic


class BoardCategoryViewSet(SnippetViewSet):
    model = BoardCategory
    icon = "folder-open-inverse"
    menu_label = _("Board categories")
    chooser_viewset_class = SnippetChooserViewSet
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
