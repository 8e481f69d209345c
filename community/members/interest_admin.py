"""Interests in the admin: which categories serve each, how many members chose it,
and each member's consents.

Staff see counts, never who chose what. Only a role with the permission
`community.export_interest_audience` may export the addresses of those who chose
an interest, and only for an interest whose explanation names that purpose
(`Interest.export_purpose`, which the privacy page lists). Every export is
written to the admin's log.
"""

import csv

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from ..conf import setting
from .interests import BY_KEY, NEW_PRODUCTS, OFFERS
from .models import Consent, InterestCategories, MemberInterest
from .names import public_name
from .preferences import product_categories

EXPORT_AUDIENCE = "community.export_interest_audience"
EXPORT_LOG_ACTION = "community.export_interest_audience"

# What the rule adds to the categories staff choose (see matching.py).
BUILT_IN = {
    OFFERS: _("every product with a sale price"),
    NEW_PRODUCTS: _("every product first seen in the last %(days)s days"),
}


class InterestPermissionPolicy(ModelPermissionPolicy):
    """The interests are fixed in code: staff assign categories, never add or
    delete one."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action not in {"add", "delete"}]
        )


register_permission_policy(
    InterestCategories, InterestPermissionPolicy(InterestCategories)
)


def members_who_chose():
    """The number of members who chose the row's interest, as a subquery."""
    return Coalesce(
        Subquery(
            MemberInterest.objects.filter(interest=OuterRef("interest"))
            .order_by()
            .values("interest")
            .annotate(total=Count("pk"))
            .values("total")
        ),
        0,
    )


class InterestCategoriesForm(WagtailAdminModelForm):
    """Story categories as boxes; product categories from those the catalogue has."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "blog_categories" in self.fields:
            self.fields["blog_categories"].widget = forms.CheckboxSelectMultiple()
            self.fields["blog_categories"].widget.choices = self.fields[
                "blog_categories"
            ].choices
        if "product_categories" in self.fields:
            chosen = self.instance.product_categories or []
            names = sorted(set(product_categories()) | set(chosen))
            old = self.fields["product_categories"]
            self.fields["product_categories"] = forms.MultipleChoiceField(
                label=old.label,
                help_text=old.help_text,
                required=False,
                choices=[(name, name) for name in names],
                widget=forms.CheckboxSelectMultiple,
            )
            self.initial["product_categories"] = chosen


class ChosenByColumn(Column):
    def get_value(self, instance):
        return instance.chosen_by


class CategoriesColumn(Column):
    """The categories that serve the interest, and what the rule adds."""

    def get_value(self, instance):
        names = [category.name for category in instance.blog_categories.all()]
        names += instance.product_categories or []
        parts = [", ".join(names)] if names else []
        if extra := BUILT_IN.get(instance.interest):
            parts.append(str(extra) % {"days": setting("COMMUNITY_NEW_PRODUCT_DAYS")})
        text = "; ".join(parts) or "—"
        return text[:1].upper() + text[1:]


class ExportColumn(Column):
    """A link to the export, for interests that name a purpose, to those allowed."""

    cell_template_name = "community/admin/audience_export_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        interest = BY_KEY.get(instance.interest)
        allowed = parent_context["request"].user.has_perm(EXPORT_AUDIENCE)
        context["export_url"] = (
            reverse("theke_interest_audience_export", args=[interest.key])
            if allowed and interest is not None and interest.export_purpose
            else ""
        )
        return context


class InterestCategoriesViewSet(SnippetViewSet):
    """How many members chose each interest, and which categories serve it."""

    model = InterestCategories
    icon = "tag"
    menu_label = _("Interests")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "__str__",
        ChosenByColumn("chosen_by", label=_("Members who chose it")),
        CategoriesColumn("categories", label=_("Served by")),
        ExportColumn("export", label=_("Export")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("interest", read_only=True),
            FieldPanel("blog_categories"),
            FieldPanel("product_categories"),
        ],
        base_form_class=InterestCategoriesForm,
    )

    def get_queryset(self, request):
        return InterestCategories.objects.annotate(
            chosen_by=members_who_chose()
        ).prefetch_related("blog_categories")


class ConsentsPanel(Panel):
    """A member's consents, newest first, read only: in the profile's edit view."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "community/admin/consents_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["consents"] = Consent.objects.of(self.instance.user_id)
            return context


class AudienceExportView(WagtailAdminTemplateMixin, TemplateView):
    """Who chose an interest, as CSV, for the purpose the interest names.

    A GET shows the purpose and asks to confirm; the POST sends the file and
    writes the export to the admin's log.
    """

    template_name = "community/admin/audience_export.html"
    header_icon = "download"

    def dispatch(self, request, key):
        if not request.user.has_perm(EXPORT_AUDIENCE):
            raise PermissionDenied
        self.interest = BY_KEY.get(key)
        if self.interest is None or not self.interest.export_purpose:
            raise Http404
        return super().dispatch(request, key)

    def get_page_title(self):
        return _("Export: %(interest)s") % {"interest": self.interest.label}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailsnippets_community_interestcategories:list"),
                "label": _("Interests"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["interest"] = self.interest
        context["count"] = MemberInterest.objects.filter(
            interest=self.interest.key
        ).count()
        return context

    def post(self, request, key):
        rows = (
            MemberInterest.objects.filter(
                interest=self.interest.key, user__is_active=True
            )
            .select_related("user__profile", "user__author")
            .order_by("chosen_at", "pk")
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="interest-{self.interest.key}-{day}.csv"'
        )
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow([_("Public name"), _("E-mail address"), _("Chosen on")])
        count = 0
        for row in rows:
            writer.writerow(
                [
                    _spreadsheet_safe(public_name(row.user)),
                    row.user.email,
                    timezone.localtime(row.chosen_at).date().isoformat(),
                ]
            )
            count += 1
        record = InterestCategories.objects.filter(interest=self.interest.key).first()
        if record is not None:
            log(
                instance=record,
                action=EXPORT_LOG_ACTION,
                user=request.user,
                data={"interest": self.interest.key, "members": count},
            )
        return response


def _spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text
