"""The unsubscribe link in discussion mails: a page with one button, or one click.

The link works without a login and its POST needs no CSRF token: mail clients
post `List-Unsubscribe=One-Click` to it themselves (RFC 8058), and the signed
token in the address is what authorises the request. GET only shows the page,
since mail scanners open links without asking anyone.
"""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import comments as logic
from . import notifications


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for a click on one button; POST unsubscribes from the discussion."""
    subscription = notifications.read_token(token)
    if subscription is None:
        return render(
            request, "community/unsubscribe.html", {"invalid": True}, status=400
        )
    target = subscription.target
    context = {
        "title": notifications.title_of(target),
        "target_url": logic.target_url(target, request),
    }
    if request.method == "POST":
        notifications.unsubscribe(subscription)
        context["done"] = True
    response = render(request, "community/unsubscribe.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
