"""The moderation queue in the Wagtail admin: a listing, actions per row or in bulk."""

from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column
from wagtail.admin.views.generic.base import BaseListingView

from ..discussions.models import Comment
from ..reports.models import Report
from . import actions
from . import queue as moderation

MODERATE = "community.moderate_community"
VIEW_EMAIL = "community.view_member_email"


class QueueFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=[(kind.name, kind.label) for kind in moderation.KINDS.values()],
        empty_label=_("All kinds"),
        method="keep",
    )
    reason = django_filters.ChoiceFilter(
        label=_("Report reason"),
        choices=Report.Reason.choices,
        empty_label=_("Any reason"),
        method="keep",
    )

    class Meta:
        # The queue spans four models; the filters are read, not run on a queryset.
        model = Comment
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class SelectColumn(BaseColumn):
    cell_template_name = "community/admin/moderation_select_cell.html"
    header_template_name = "community/admin/moderation_select_header.html"


class EntryColumn(Column):
    """A column whose cell template gets the whole queue entry."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["entry"] = instance
        user = parent_context["request"].user
        # Django caches a user's permissions, so this asks the database once.
        context["editable"] = {
            name
            for name in ("topic", "productquestion")
            if user.has_perm(f"community.change_{name}")
        }
        return context


def _cell(name):
    return f"community/admin/moderation_{name}_cell.html"


class ModerationQueueView(BaseListingView):
    """Pending, flagged and spam posts, newest first, with the moderator's actions."""

    template_name = "community/admin/moderation_queue.html"
    results_template_name = "community/admin/moderation_results.html"
    page_title = _("Moderation")
    header_icon = "warning"
    paginate_by = 25
    is_searchable = True
    filterset_class = QueueFilterSet
    table_classname = "listing theke-moderation"
    columns = [
        SelectColumn("select", label=_("Select")),
        EntryColumn("post", _cell("post"), label=pgettext_lazy("a post", "Post")),
        EntryColumn("author", _cell("author"), label=_("Author")),
        EntryColumn("target", _cell("target"), label=_("Where")),
        EntryColumn("why", _cell("why"), label=_("Why it is here")),
        EntryColumn("status", _cell("status"), label=_("Status")),
        EntryColumn("actions", _cell("actions"), label=_("Actions")),
    ]
    tab = moderation.PENDING

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MODERATE):
            return permission_denied(request)
        self.tab = kwargs.get("tab", moderation.PENDING)
        if self.tab not in moderation.TABS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def queue(self):
        queue = moderation.Queue(tab=self.tab, query=self.search_query)
        if self.filters and self.filters.is_valid():
            data = self.filters.form.cleaned_data
            queue.kind = data.get("kind") or ""
            queue.reason = data.get("reason") or ""
        return queue

    def get_queryset(self):
        return moderation.QueueEntries(
            self.queue,
            request=self.request,
            show_email=self.request.user.has_perm(VIEW_EMAIL),
        )

    def get_index_url(self):
        return reverse("theke_moderation", args=[self.tab])

    def get_index_results_url(self):
        return reverse("theke_moderation_results", args=[self.tab])

    def get_page_subtitle(self):
        return moderation.TABS[self.tab]

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("No posts match your search and filters.")
        return {
            moderation.PENDING: _("No posts are waiting for a moderator."),
            moderation.FLAGGED: _("No posts have open reports."),
            moderation.SPAM: _("No posts are marked as spam."),
        }[self.tab]

    def action_url(self):
        """Where the actions post to: this tab with its search, filters and page."""
        query = self.request.GET.copy()
        query.pop("_w_filter_fragment", None)
        encoded = query.urlencode()
        return self.index_url + (f"?{encoded}" if encoded else "")

    def tabs(self):
        """The tabs with their counts, keeping the search and filters."""
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        query.pop("_w_filter_fragment", None)
        suffix = f"?{urlencode(query, doseq=True)}" if query else ""
        return [
            {
                "name": name,
                "label": label,
                "count": self.queue.count(name),
                "url": reverse("theke_moderation", args=[name]) + suffix,
                "active": name == self.tab,
            }
            for name, label in moderation.TABS.items()
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        choices = dict(actions.ACTIONS)
        if self.tab == moderation.PENDING:
            choices.pop(actions.DISMISS)
        context.update(
            tab=self.tab,
            tabs=self.tabs(),
            actions=choices,
            action_url=self.action_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        single = request.POST.get("do", "")
        if single:
            action, __, key = single.partition(" ")
            keys = actions.parse_keys([key])
        else:
            action = request.POST.get("action", "")
            keys = actions.parse_keys(request.POST.getlist("items"))
        back = self.action_url()
        if action not in actions.ACTIONS:
            messages.error(request, _("Please choose what to do with the posts."))
            return HttpResponseRedirect(back)
        if not keys:
            messages.error(request, _("Please select at least one post."))
            return HttpResponseRedirect(back)
        outcome = actions.act(action, keys, request.user, request=request)
        messages.success(request, outcome_message(outcome))
        return HttpResponseRedirect(back)


def outcome_message(outcome: actions.Outcome) -> str:
    count = outcome.count
    if outcome.action == actions.APPROVE:
        text = ngettext("%(count)d post approved.", "%(count)d posts approved.", count)
    elif outcome.action == actions.REJECT:
        text = ngettext("%(count)d post rejected.", "%(count)d posts rejected.", count)
    elif outcome.action == actions.MARK_SPAM:
        text = ngettext(
            "%(count)d post marked as spam.", "%(count)d posts marked as spam.", count
        )
    else:
        text = ngettext(
            "Reports on %(count)d post dismissed.",
            "Reports on %(count)d posts dismissed.",
            count,
        )
    return text % {"count": count}
