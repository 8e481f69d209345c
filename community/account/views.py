"""The member's own profile page: public name, picture and followed discussions."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.ids import parse_id

from ..discussions import notifications
from ..members.accounts import fallback_display_name
from ..members.forms import ProfileForm
from ..members.models import Profile
from ..members.names import public_name, team_author


@login_required
def profile(request):
    profile, _created = Profile.objects.select_related("producer").get_or_create(
        user=request.user,
        defaults={"display_name": fallback_display_name(request.user)},
    )
    initial = {"display_name": profile.display_name}
    if request.method == "POST":
        form = ProfileForm(
            request.POST, request.FILES, user=request.user, initial=initial
        )
        if form.is_valid():
            _save_profile(profile, form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("account_profile")
    else:
        form = ProfileForm(initial=initial)
    email = (
        EmailAddress.objects.filter(user=request.user, primary=True).first()
        or request.user.email
    )
    return render(
        request,
        "account/profile.html",
        {
            "form": form,
            "profile": profile,
            "email": getattr(email, "email", email),
            "followed": notifications.followed_by(request.user, request),
            "public_name": public_name(request.user),
            "team_author": team_author(request.user),
            "producer": profile.producer if _speaks_for(profile) else None,
        },
    )


@login_required
@require_POST
def unfollow(request):
    """Stop the mails about one discussion the member follows."""
    try:
        content_type = ContentType.objects.get_for_id(
            parse_id(request.POST.get("content_type"))
        )
        target = content_type.get_object_for_this_type(
            pk=parse_id(request.POST.get("object_pk"))
        )
    except (ObjectDoesNotExist, ValidationError, TypeError, ValueError):
        messages.error(request, _("This discussion does not exist (any more)."))
    else:
        notifications.unfollow(request.user, target)
        messages.success(
            request,
            _("You will get no more e-mails about the discussion “%(title)s”.")
            % {"title": notifications.title_of(target)},
        )
    return redirect(reverse("account_profile") + "#following")


def _speaks_for(profile) -> bool:
    return profile.producer is not None and profile.producer.live


def _save_profile(profile, data):
    old_avatar = profile.avatar.name if profile.avatar else ""
    profile.display_name = data["display_name"]
    if data.get("avatar"):
        profile.avatar.save(data["avatar"].name, data["avatar"], save=False)
    elif data.get("remove_avatar"):
        profile.avatar = None
    profile.save()
    if old_avatar and old_avatar != (profile.avatar.name or ""):
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
