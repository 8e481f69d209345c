"""Late mail for staff: what the mail server did not take at once, whether it
went out later, and what the mail server answered (Reports → Late mail)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import LateMail

VIEW_LATE_MAIL = "community.view_latemail"


class LateMailMenuItem(MenuItem):
    """ "Late mail" under Reports, for those who may see it."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_LATE_MAIL)


class MomentColumn(Column):
    """A date and time as it is, a coming one too."""

    def get_value(self, instance):
        moment = super().get_value(instance)
        if moment is None:
            return "–"
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class LateMailReportView(ReportView):
    """Every late mail, newest first, with its state and the server's answer."""

    model = LateMail
    permission_policy = ModelPermissionPolicy(LateMail)
    permission_required = "view"
    page_title = _("Late mail")
    header_icon = "mail"
    index_url_name = "theke_late_mail"
    index_results_url_name = "theke_late_mail_results"
    paginate_by = 50
    columns = [
        Column("to", label=_("To")),
        Column("subject", label=_("Subject")),
        Column("get_state_display", label=_("State")),
        Column("tries", label=_("Tries")),
        MomentColumn("first_failed_at", label=_("First failed")),
        MomentColumn("next_try_at", label=_("Next try")),
        MomentColumn("sent_at", label=_("Sent")),
        Column("error", label=_("The mail server's last answer")),
    ]

    @property
    def no_results_message(self):
        return _("No mail is late: the mail server took every mail at once.")

    def get_queryset(self):
        return LateMail.objects.order_by("-first_failed_at", "-pk")
