"""The member's own profile page: public name and picture."""

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .account_forms import ProfileForm
from .models import Profile


@login_required
def profile(request):
    profile, _created = Profile.objects.get_or_create(
        user=request.user,
        defaults={"display_name": _("Member")},
    )
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            _save_profile(profile, form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("account_profile")
    else:
        form = ProfileForm(initial={"display_name": profile.display_name})
    email = (
        EmailAddress.objects.filter(user=request.user, primary=True).first()
        or request.user.email
    )
    return render(
        request,
        "account/profile.html",
        {"form": form, "profile": profile, "email": getattr(email, "email", email)},
    )


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
