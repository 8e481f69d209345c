"""The member's data: a page of everything Theke keeps about them, the same as
JSON, and deleting the account. Only for the logged-in member themself, and
never kept by any cache."""

import datetime
import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import deletion, export
from .forms import DeleteAccountForm


@never_cache
@login_required
def data(request):
    parts = export.collect(request.user)
    for part in parts:
        part["table"] = [
            [(label, _shown(row[name])) for name, label in part["labels"].items()]
            for row in part["rows"]
        ]
    return render(request, "account/data.html", {"parts": parts})


def _shown(value):
    """A value for the page: dates as the language writes them, empty as a dash."""
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if value is None or value == "":
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return value


@never_cache
@login_required
def data_json(request):
    content = json.dumps(
        export.as_json(request.user),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    day = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="theke-data-{day}.json"'
    return response


@never_cache
@login_required
def delete_account(request):
    """The member deletes their own account, after giving their password."""
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user = request.user
            logout(request)
            deletion.delete_member(user, form.cleaned_data["posts"])
            messages.success(request, _("Your account has been deleted."))
            return redirect("/")
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "account/delete.html", {"form": form})
