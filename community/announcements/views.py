"""A member dismisses an announcement; anonymous readers do so in their browser
only (the page's script keeps it in local storage), with no cookie."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from home.redirects import redirect_next

from .models import Announcement, Dismissal


@login_required
@require_POST
def dismiss(request, pk):
    announcement = get_object_or_404(Announcement, pk=pk)
    Dismissal.objects.get_or_create(user=request.user, announcement=announcement)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"dismissed": announcement.pk})
    return redirect_next(request, "/")
