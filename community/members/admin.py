"""Member profiles in the admin: staff link a member to the producer they speak for.

Profiles come with accounts, so the admin neither adds nor deletes them, and
the only field it changes is the producer; the member's consents are shown
below it, read only. A member is found by public name;
their e-mail address is shown only to those allowed to see addresses.
"""

import django_filters
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from blog.models import ProducerPage

from .interest_admin import ConsentsPanel
from .models import Profile

VIEW_EMAIL = "community.view_member_email"


class ProfilePermissionPolicy(ModelPermissionPolicy):
    """Profiles are made with accounts and go with them: never added or
    deleted on their own."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action not in {"add", "delete"}]
        )


register_permission_policy(Profile, ProfilePermissionPolicy(Profile))


class ProfileFilterSet(WagtailFilterSet):
    speaks_for = django_filters.ChoiceFilter(
        label=_("Speaks for a producer"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        method="filter_speaks_for",
        empty_label=_("All"),
    )
    producer = django_filters.ModelChoiceFilter(
        label=_("Producer"),
        queryset=ProducerPage.objects.filter(members__isnull=False)
        .distinct()
        .order_by("title"),
    )

    class Meta:
        model = Profile
        fields = ["speaks_for", "producer"]

    def filter_speaks_for(self, queryset, name, value):
        if value in {"yes", "no"}:
            return queryset.filter(producer__isnull=value == "no")
        return queryset


class ProfileIndexView(IndexView):
    @cached_property
    def columns(self):
        columns = super().columns
        if self.request.user.has_perm(VIEW_EMAIL):
            email = Column("email", label=_("E-mail address"), accessor="user.email")
            columns = [*columns[:1], email, *columns[1:]]
        return columns

    def search_queryset(self, queryset):
        # Only those allowed to see addresses may find a member by one.
        if self.search_query and self.request.user.has_perm(VIEW_EMAIL):
            return queryset.filter(
                Q(display_name__icontains=self.search_query)
                | Q(user__email__iexact=self.search_query)
            )
        return super().search_queryset(queryset)


class ProfileViewSet(SnippetViewSet):
    """Who speaks for which producer: the producer badge and the right to answer
    questions about that producer's products."""

    model = Profile
    icon = "user"
    menu_label = _("Member profiles")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = ProfileIndexView
    filterset_class = ProfileFilterSet
    search_fields = ["display_name"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["display_name", "pk"]
    list_display = [
        "display_name",
        BooleanColumn("is_team", label=_("Team"), accessor="user.is_staff"),
        Column("producer", label=_("Speaks for producer"), sort_key="producer__title"),
        DateColumn("created_at", label=_("Joined"), sort_key="created_at"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("display_name", read_only=True),
            FieldPanel("producer"),
            ConsentsPanel(heading=_("Consents")),
        ]
    )

    def get_queryset(self, request):
        return Profile.objects.select_related("user", "producer")
