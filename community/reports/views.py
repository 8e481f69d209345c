"""The page a member reports a comment, topic or question on."""

from contextlib import suppress

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..writing import rules
from ..writing.responses import refused
from . import reports
from .forms import ReportForm

TITLES = {
    "comment": gettext_lazy("Report a comment"),
    "topic": gettext_lazy("Report a topic"),
    "question": gettext_lazy("Report a question"),
}


def report(request, kind, pk):
    """Flag an item with a reason; once per member until a moderator resolves it."""
    item = reports.reportable(kind, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if reports.is_own(request.user, item):
        return refused(request, _("You cannot report your own post."), status=403)
    context = {
        "kind": kind,
        "item": item,
        "excerpt": reports.excerpt(item),
        "back_url": reports.item_url(item, request) or "/",
        "title": TITLES[kind],
    }
    if reports.has_reported(request.user, item):
        context["done"] = request.GET.get("done") == "1"
        return render(request, "community/report_done.html", context)
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST)
        status = 400
        if form.is_valid():
            if not rules.check_rate_limit(f"report:{request.user.pk}", None):
                form.add_error(
                    None,
                    _("You are reporting very quickly. Please wait a minute."),
                )
            else:
                # A report sent from a second tab meanwhile: the page says so.
                with suppress(reports.AlreadyReported):
                    reports.file_report(
                        request.user,
                        item,
                        form.cleaned_data["reason"],
                        form.cleaned_data["note"],
                    )
                url = reverse("community_report", args=[kind, item.pk])
                return HttpResponseRedirect(f"{url}?done=1")
    else:
        form = ReportForm()
    context["form"] = form
    return render(request, "community/report.html", context, status=status)
