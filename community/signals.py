"""Every new user gets a profile, named from the sign-up form when there was one."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .accounts import fallback_display_name


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="theke_profile")
def create_profile(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from .models import Profile

    name = getattr(instance, "theke_display_name", "") or fallback_display_name(
        instance
    )
    Profile.objects.get_or_create(user=instance, defaults={"display_name": name})
