"""Posting, editing and deleting comments; in front of xtd's own comment views."""

from django import forms
from django.apps import apps
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
from django.views.decorators.http import require_POST
from django_comments.signals import comment_was_posted, comment_will_be_posted
from django_comments_xtd.models import TmpXtdComment

from . import comments as logic
from . import posting, rules
from .conf import setting
from .forms import CommentForm
from .models import Comment
from .names import public_name
from .sanitize import check_text


def refused(request, message, status=400):
    """A clear refusal, in the site's design."""
    return render(
        request, "community/comment_refused.html", {"message": message}, status=status
    )


def wants_json(request) -> bool:
    """Whether the page's script asked for JSON instead of a page to go to."""
    return "application/json" in request.headers.get("Accept", "")


def _target_from(data):
    try:
        model = apps.get_model(*str(data.get("content_type", "")).split(".", 1))
        return model._default_manager.get(pk=data.get("object_pk"))
    except (LookupError, TypeError, ValueError, ValidationError, ObjectDoesNotExist):
        return None


def comment_url(comment, request=None, order=logic.ORDER_OLDEST) -> str:
    """The comment's permalink: the page of its thread, anchored at the comment,
    in the order of threads the reader chose (oldest first unless told).

    A reply past the first ones a thread shows lives on a page of the thread's
    own view, so the link goes there.
    """
    target = comment.content_object
    url = logic.target_url(target, request)
    roots = logic.comments_on(target).filter(is_public=True, level=0)
    newest = order == logic.ORDER_NEWEST
    before = roots.filter(
        **{"thread_id__gt" if newest else "thread_id__lt": comment.thread_id}
    ).count()
    page = before // setting("COMMUNITY_THREADS_PER_PAGE") + 1
    params = [f"order={logic.ORDER_NEWEST}"] if newest else []
    params += [f"cpage={page}"] if page > 1 else []
    thread_page = logic.thread_page_of(comment)
    if thread_page is not None:
        params.append(f"thread={comment.thread_id}")
        if thread_page > 1:
            params.append(f"tpage={thread_page}")
    query = "?" + "&".join(params) if params else ""
    return f"{url}{query}#c{comment.pk}"


def _form_page(request, form, target, status=400):
    return render(
        request,
        "community/comment_form_page.html",
        {
            "form": form,
            "target": target,
            "target_url": logic.target_url(target, request),
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
    if not logic.discussion_open(target):
        return refused(request, logic.closed_message(target), status=403)
    member = request.user if request.user.is_authenticated else None
    if member is None and not setting("COMMUNITY_GUESTS_MAY_COMMENT"):
        return refused(
            request, _("Please log in to comment; guests cannot comment here."), 403
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
    comment.address_hash = logic.address_hash(request)
    if member is not None:
        comment.user = member
    verdict = logic.assess_post(
        request, comment.comment, comment.body_html, guest_email=comment.user_email
    )
    if verdict is not None and verdict.refused:
        form.add_error(None, verdict.reasons)
        return _form_page(request, form, target)
    if verdict is not None and verdict.held:
        comment.is_public = False
        comment.held_reason = verdict.held_reason

    responses = comment_will_be_posted.send(
        sender=TmpXtdComment, comment=comment, request=request
    )
    if any(response is False for __, response in responses):
        return refused(request, _("The comment could not be taken."), status=403)
    with transaction.atomic():
        comment_was_posted.send(sender=TmpXtdComment, comment=comment, request=request)

    if member is None and posting.guests_confirm():
        return render(
            request,
            "community/comment_confirm_sent.html",
            {"target_url": logic.target_url(target, request), "comment": comment},
        )
    saved = comment.xtd_comment
    if saved is None:  # the same post twice: xtd keeps the first
        return _posted(request, logic.target_url(target, request) + "#discussion")
    if not comment.is_public:
        return render(
            request,
            "community/comment_held.html",
            {
                "reasons": verdict.reasons,
                "target_url": logic.target_url(target, request),
                "comment": saved,
            },
        )
    return _posted(request, comment_url(saved, request, _order_of(request)))


def _order_of(request) -> str:
    """The order of threads the form was sent from."""
    if request.POST.get("order") == logic.ORDER_NEWEST:
        return logic.ORDER_NEWEST
    return logic.ORDER_OLDEST


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
        content_type = ContentType.objects.get_for_id(content_type_id)
        target = content_type.get_object_for_this_type(pk=object_pk)
    except (ObjectDoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    url = logic.target_url(target, request)
    if not url:
        raise Http404
    return HttpResponseRedirect(url)


def reply(request, cid):
    """xtd's reply page: the reply form on the discussion's own page instead."""
    comment = get_object_or_404(Comment, pk=cid, is_public=True)
    url = logic.target_url(comment.content_object, request)
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
    if not logic.may_edit(request.user, comment):
        return refused(request, logic.edit_refusal(request.user, comment), 403)
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                verdict = logic.edit_comment(
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
                            "target_url": logic.target_url(
                                comment.content_object, request
                            ),
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
            "deadline": logic.edit_deadline(comment),
            "back_url": comment_url(comment, request),
        },
        status=status,
    )


def delete_comment(request, pk):
    """The author deletes their comment; the thread keeps its place."""
    comment = get_object_or_404(Comment, pk=pk)
    if not logic.may_delete(request.user, comment):
        return refused(request, _("Only the author can delete a comment."), status=403)
    back_url = comment_url(comment, request)
    if request.method == "POST":
        logic.delete_comment(request.user, comment)
        return HttpResponseRedirect(back_url)
    return render(
        request,
        "community/comment_delete.html",
        {"comment": comment, "back_url": back_url},
    )
