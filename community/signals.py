"""Every signal receiver of the community, connected when the app is ready.

Each receiver hands its work to the module that owns it; none is connected
anywhere else.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .announcements import banners
from .announcements.models import Announcement
from .board import topics
from .discussions import comments
from .discussions.models import Comment
from .members import accounts


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="theke_profile")
def new_account(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        accounts.create_profile(instance)


@receiver(pre_save, sender=Comment, dispatch_uid="theke_prepare_comment")
def comment_saving(sender, instance, **kwargs):
    comments.prepare_comment(instance)


@receiver(post_save, sender=Comment, dispatch_uid="theke_topic_activity")
def comment_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        topics.note_reply(instance)


@receiver(post_save, sender=Announcement, dispatch_uid="theke_announcement_saved")
@receiver(post_delete, sender=Announcement, dispatch_uid="theke_announcement_gone")
def announcement_changed(sender, **kwargs):
    banners.forget()
