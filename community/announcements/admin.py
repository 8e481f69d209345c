"""Announcements in the admin: staff write them, with an audience and a time."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from ..members.preferences import product_categories
from .models import Announcement


class AnnouncementForm(WagtailAdminModelForm):
    """The product category is picked from those the catalogue knows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("product_category")
        if field is not None:
            names = set(product_categories())
            if self.instance.product_category:
                names.add(self.instance.product_category)
            self.fields["product_category"] = forms.ChoiceField(
                label=field.label,
                help_text=field.help_text,
                required=False,
                choices=[("", _("None"))] + [(name, name) for name in sorted(names)],
            )


class StatusColumn(Column):
    """Whether an announcement is shown now, waits for its start or has ended."""

    def get_value(self, instance):
        now = timezone.now()
        if instance.ends_at <= now:
            return _("Ended")
        if instance.starts_at > now:
            return _("Planned")
        return _("Shown now")


class MomentColumn(Column):
    """A date and time as it is, in the future too (Wagtail's DateColumn says
    "just now" for any moment to come)."""

    def get_value(self, instance):
        moment = super().get_value(instance)
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class AnnouncementViewSet(SnippetViewSet):
    """Notes at the top of every page, for everyone or for one interest."""

    model = Announcement
    icon = "info-circle"
    menu_label = _("Announcements")
    add_to_admin_menu = False
    inspect_view_enabled = False
    search_fields = ["text"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-starts_at", "-pk"]
    list_display = [
        "text",
        Column("audience_label", label=_("Audience"), sort_key="audience"),
        StatusColumn("status", label=_("Status")),
        MomentColumn("starts_at", label=_("Shown from"), sort_key="starts_at"),
        MomentColumn("ends_at", label=_("Shown until"), sort_key="ends_at"),
    ]
    edit_handler = ObjectList(Announcement.panels, base_form_class=AnnouncementForm)
