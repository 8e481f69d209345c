"""A member's reaction to a comment: a plain form post, or a fetch from theke.js."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import reactions
from .models import Comment
from .views_comments import comment_url, refused, wants_json


def safe_next(request, fallback: str) -> str:
    """The `next` address if it stays on this site, otherwise `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return target
    return fallback


@require_POST
def react(request, pk):
    """Give or take back a reaction; back to the comment, or its new state as JSON."""
    comment = get_object_or_404(Comment.objects.select_related(None), pk=pk)
    kind = request.POST.get("kind", "")
    message = reactions.refusal(request.user, comment, kind)
    if message:
        if wants_json(request):
            return JsonResponse({"error": str(message)}, status=403)
        if not request.user.is_authenticated:
            return redirect_to_login(comment_url(comment, request))
        return refused(request, message, status=403)
    if not reactions.within_rate_limit(request):
        message = reactions.RATE_LIMITED
        if wants_json(request):
            return JsonResponse({"error": str(message)}, status=429)
        return refused(request, message, status=429)
    state = reactions.toggle(request.user, comment, kind)
    if wants_json(request):
        return JsonResponse(
            {
                "kind": state.kind,
                "label": str(state.label),
                "count": state.count,
                "pressed": state.pressed,
            }
        )
    return HttpResponseRedirect(safe_next(request, comment_url(comment, request)))
