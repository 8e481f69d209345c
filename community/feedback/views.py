"""/feedback/: the page a QR code leads to, the click, and the comment after it.

The click and the comment answer the page's script with JSON, and a plain
form post with a page: thanks, with the comment form. Both take no CSRF token
(reading sets no cookie); `guard` checks where the post came from instead.
"""

from urllib.parse import urlsplit

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from home.page_cache.tags import SITE, depends_on

from ..writing.responses import refused
from . import answers, guard
from .forms import AUTO_ID, CommentForm, FaceForm
from .models import Channel, Face
from .widget import QUESTIONS, widget

THANKS = _("Thank you! Your answer is stored.")
DONE = _("Thank you for your comment. We read every one.")
NOT_HERE = _("This answer did not come from a page of this site, so it was not stored.")
TOO_MANY = _(
    "Many answers came from your connection in a short time. Please wait a few "
    "minutes, then try again."
)


def wants_json(request) -> bool:
    """Whether the page's script asked for JSON instead of a page."""
    return "application/json" in request.headers.get("Accept", "")


@require_safe
def feedback_page(request):
    """The faces on a page of their own, asking about the channel in the URL."""
    channel = request.GET.get("channel") or Channel.WEB
    if channel not in Channel.values:
        return refused(
            request,
            _("There is no such feedback channel."),
            status=404,
            back_url=reverse("feedback"),
            title=_("Feedback"),
        )
    question = QUESTIONS[channel]
    depends_on(SITE)
    return render(
        request,
        "community/feedback/page.html",
        {"title": question, "feedback": widget(channel, question, standalone=True)},
    )


@csrf_exempt
@never_cache
@require_POST
def send(request):
    """Store a click; the thanks, with the token its comment needs."""
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    form = FaceForm(request.POST)
    if not form.is_valid():
        return _refuse(request, form.first_error(), 400)
    data = form.cleaned_data
    answer = answers.record(
        data["face"],
        channel=data["channel"],
        page=data["page"],
        product=data["product"],
        view=data["view"],
    )
    token = answers.comment_token(answer)
    if wants_json(request):
        return JsonResponse(
            {"face": answer.face, "answer": token, "message": str(THANKS)}
        )
    form = CommentForm(initial={"answer": token}, auto_id=AUTO_ID)
    return _thanks(request, answer, form)


@csrf_exempt
@never_cache
@require_POST
def comment(request):
    """Store the comment of an answer, once."""
    refusal = _guard(request)
    if refusal is not None:
        return refusal
    form = CommentForm(request.POST, auto_id=AUTO_ID)
    if form.is_valid() and not answers.add_comment(
        form.answer, form.cleaned_data["comment"]
    ):
        form.refuse_as_done()
    if wants_json(request):
        if form.errors:
            errors = {
                name: [str(error) for error in errors]
                for name, errors in form.errors.items()
            }
            return JsonResponse({"errors": errors}, status=400)
        return JsonResponse({"message": str(DONE)})
    return _thanks(request, form.answer, form, status=400 if form.errors else 200)


def _thanks(request, answer, form, status=200):
    return render(
        request,
        "community/feedback/thanks.html",
        {
            "title": _("Thank you!"),
            "answer": answer,
            "face": Face(answer.face) if answer else None,
            "form": form,
            "done": form.is_bound and not form.errors,
            "done_message": DONE,
            "back_url": _place_url(answer, request),
        },
        status=status,
    )


def _place_url(answer, request) -> str:
    """The page or product the answer is about; else the front page."""
    if answer is not None and answer.page_id:
        url = answer.page.get_url(request)
        if url:
            return url
    if answer is not None and answer.product_id:
        url = answer.product.get_absolute_url()
        if url:
            return url
    return "/"


def _guard(request):
    if not guard.same_origin(request):
        return _refuse(request, NOT_HERE, 403)
    if not guard.within_rate_limit(request):
        return _refuse(request, TOO_MANY, 429)
    return None


def _refuse(request, message, status):
    if wants_json(request):
        return JsonResponse({"error": str(message)}, status=status)
    return refused(
        request,
        message,
        status=status,
        back_url=_back_url(request),
        title=_("Feedback not possible"),
    )


def _back_url(request) -> str:
    """The page the post came from, when it is one of this site's."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if f"{referer.scheme}://{referer.netloc}" not in guard.own_origins(request):
        return ""
    return referer.path + (f"?{referer.query}" if referer.query else "")
