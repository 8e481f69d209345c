"""Posting, editing and deleting comments; in front of xtd's own comment views."""

from functools import partial

from django import forms
from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from home.ids import parse_id
from home.redirects import redirect_next

from ..conf import setting
from ..members.names import public_name
from ..writing import responses, rules
from ..writing.sanitize import check_text
from . import comments, notifications, posting, reactions
from .comments import (
    address_hash,
    assess_post,
    edit_deadline,
    edit_refusal,
    may_delete,
    may_edit,
)
from .forms import CommentForm
from .models import Comment
from .targets import closed_message, discussion_open, target_url
from .threads import ORDER_NEWEST, ORDER_OLDEST, comment_url

# Every refusal of these views is about a comment.
refused = partial(responses.refused, title=gettext_lazy("Comment not possible"))


def wants_json(request) -> bool:
    """Whether the page's script asked for JSON instead of a page to go to."""
    return "application/json" in request.headers.get("Accept", "")


def _target_from(data):
    try:
        model = apps.get_model(*str(data.get("content_type", "")).split(".", 1))
        pk = parse_id(data.get("object_pk"))
        if pk is None:
            return None
        return model._default_manager.get(pk=pk)
    except (LookupError, TypeError, ValueError, ValidationError, ObjectDoesNotExist):
        return None


def _form_page(request, form, target, status=400):
    return render(
        request,
        "community/comment_form_page.html",
        {
            "form": form,
            "target": target,
            "target_url": target_url(target, request),
            "is_member": request.user.is_authenticated,
            "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
            "comment_order": _order_of(request),
        },
        status=status,
    )


@require_POST
def post_comment(request):
    """Take a comment: members' at once (unless held), guests' after confirming."""
    data = request.POST.copy()
    target = _target_from(data)
    if target is None:
        return refused(request, _("There is nothing here to comment on."))
    if not discussion_open(target):
        return refused(request, closed_message(target), status=403)
    member = request.user if request.user.is_authenticated else None
    if member is None and not setting("COMMUNITY_GUESTS_MAY_COMMENT"):
        return refused(
            request,
            _("Please log in to comment; guests cannot comment here."),
            status=403,
        )
    if member is not None:
        # Stored with the comment and named in mails: never the username,
        # which may be an e-mail address.
        data["name"] = public_name(member)
        data["email"] = member.email

    form = CommentForm(target, data=data, member=member)
    if form.security_errors():
        # Give the text back in a form signed anew, so sending again works.
        data.update(CommentForm(target).generate_security_data())
        form = CommentForm(target, data=data, member=member)
        form.is_valid()
        form.add_error(
            None,
            _(
                "The form was too old or changed on the way, so the comment was "
                "not sent. Please send it again."
            ),
        )
        return _form_page(request, form, target)
    if rules.honeypot_filled(request.POST):
        return refused(request, _("The comment could not be taken."))
    if not form.is_valid():
        return _form_page(request, form, target)

    comment = form.get_comment_object(site_id=get_current_site(request).id)
    comment.address_hash = address_hash(request)
    if member is not None:
        comment.user = member
    verdict = assess_post(
        request, comment.comment, comment.body_html, guest_email=comment.user_email
    )
    if verdict is not None and verdict.refused:
        form.add_error(None, verdict.reasons)
        return _form_page(request, form, target)
    if verdict is not None and verdict.held:
        comment.is_public = False
        comment.held_reason = verdict.held_reason

    with transaction.atomic():
        saved = posting.store(comment, request)

    if member is None and posting.guests_confirm():
        return render(
            request,
            "community/comment_confirm_sent.html",
            {"target_url": target_url(target, request), "comment": comment},
        )
    if saved is None:  # the same post twice: xtd keeps the first
        return _posted(request, target_url(target, request) + "#discussion")
    if not comment.is_public:
        return render(
            request,
            "community/comment_held.html",
            {
                "reasons": verdict.reasons,
                # Its author sees it there, marked as waiting.
                "comment_url": comment_url(saved, request, _order_of(request)),
                "comment": saved,
            },
        )
    return _posted(request, comment_url(saved, request, _order_of(request)))


def _order_of(request) -> str:
    """The order of threads the form was sent from."""
    if request.POST.get("order") == ORDER_NEWEST:
        return ORDER_NEWEST
    return ORDER_OLDEST


def _posted(request, url):
    """Where the reader sees the comment: a redirect, or for the page's script
    (which asks for JSON) the address, so it can show the discussion anew in
    place. Every other answer is the same page with or without the script."""
    if wants_json(request):
        return JsonResponse({"url": url})
    return HttpResponseRedirect(url)


def confirm(request, key):
    """A guest's link from the confirmation mail: the comment goes public."""
    if not setting("COMMUNITY_GUESTS_MAY_COMMENT"):
        return refused(request, _("Guests cannot comment here."), status=403)
    tmp_comment = posting.read_confirmation(key)
    if tmp_comment is None:
        return refused(
            request,
            _(
                "This confirmation link is not valid. Please open the whole link "
                "from the e-mail, or write your comment again."
            ),
        )
    try:
        comment, __ = posting.confirm_guest_comment(tmp_comment, request)
    except posting.ConfirmationRefused as refusal:
        return refused(request, refusal.message, status=refusal.status)
    if comment is None:
        return render(
            request, "django_comments_xtd/discarded.html", {"comment": tmp_comment}
        )
    if not comment.is_public:
        return render(
            request, "django_comments_xtd/moderated.html", {"comment": comment}
        )
    return HttpResponseRedirect(comment_url(comment, request))


def target_redirect(request, content_type_id, object_pk):
    """Where xtd's links to a comment's page lead, for pages and products alike."""
    try:
        pk = parse_id(object_pk)
        if pk is None:
            raise Http404
        content_type = ContentType.objects.get_for_id(content_type_id)
        target = content_type.get_object_for_this_type(pk=pk)
    except (ObjectDoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    url = target_url(target, request)
    if not url:
        raise Http404
    return HttpResponseRedirect(url)


def reply(request, cid):
    """xtd's reply page: the reply form on the discussion's own page instead."""
    comment = get_object_or_404(Comment, pk=cid, is_public=True)
    url = target_url(comment.content_object, request)
    if not url:
        raise Http404
    return HttpResponseRedirect(f"{url}?reply_to={comment.pk}#comment-form")


class EditForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 6}), strip=False
    )

    def clean_comment(self):
        text = check_text(
            self.cleaned_data["comment"], setting("COMMUNITY_COMMENT_MAX_LENGTH")
        )
        if not text:
            raise ValidationError(_("Please write a comment."), code="required")
        return text


def edit_comment(request, pk):
    """The author edits their comment within the edit window, while its
    discussion is open; the new text meets the same rules as a new comment."""
    comment = get_object_or_404(Comment, pk=pk)
    if not request.user.is_authenticated:
        # A member whose session ended logs in again and is back at the form.
        return redirect_to_login(request.get_full_path())
    if not may_edit(request.user, comment):
        return refused(request, edit_refusal(request.user, comment), status=403)
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                verdict = comments.edit_comment(
                    request.user, comment, form.cleaned_data["comment"], request=request
                )
            except PermissionDenied as error:
                return refused(request, str(error), status=403)
            except ValidationError as error:
                # Refused by the rules: the form keeps what was typed.
                form.add_error(None, error)
            else:
                if verdict is not None and verdict.held:
                    return render(
                        request,
                        "community/comment_held.html",
                        {
                            "reasons": verdict.reasons,
                            "comment_url": comment_url(comment, request),
                            "comment": comment,
                        },
                    )
                return HttpResponseRedirect(comment_url(comment, request))
        status = 400
    else:
        form = EditForm(initial={"comment": comment.comment})
        status = 200
    return render(
        request,
        "community/comment_edit.html",
        {
            "form": form,
            "comment": comment,
            "deadline": edit_deadline(comment),
            "back_url": comment_url(comment, request),
        },
        status=status,
    )


def delete_comment(request, pk):
    """The author deletes their comment; the thread keeps its place."""
    comment = get_object_or_404(Comment, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_delete(request.user, comment):
        return refused(request, _("Only the author can delete a comment."), status=403)
    back_url = comment_url(comment, request)
    if request.method == "POST":
        comments.delete_comment(request.user, comment)
        return HttpResponseRedirect(back_url)
    return render(
        request,
        "community/comment_delete.html",
        {"comment": comment, "back_url": back_url},
    )


# The unsubscribe link in discussion mails: a page with one button, or one click


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
        "target_url": target_url(target, request),
    }
    if request.method == "POST":
        notifications.unsubscribe(subscription)
        context["done"] = True
    response = render(request, "community/unsubscribe.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


# A member's reaction to a comment: a plain form post, or a fetch from theke.js


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
    return redirect_next(request, comment_url(comment, request))
