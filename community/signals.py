"""Every signal receiver of the community, connected when the app is ready.

Each receiver hands its work to the module that owns it; none is connected
anywhere else.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from home.page_cache.tags import list_tag, purge, purge_everything, tag_for

from .announcements import banners
from .announcements.models import Announcement
from .board import topics
from .board.models import BoardCategory, Topic
from .discussions import comments
from .discussions.models import Comment
from .members import accounts
from .questions.models import ProductAnswer, ProductQuestion
from .questions.questions import purge_question


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
    # Announcements for everyone stand at the top of every page.
    purge_everything()


@receiver(post_save, sender=Topic, dispatch_uid="theke_topic_saved")
@receiver(pre_delete, sender=Topic, dispatch_uid="theke_topic_deleted")
def topic_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        topics.purge_topic(instance)


@receiver(post_save, sender=BoardCategory, dispatch_uid="theke_board_category_saved")
@receiver(pre_delete, sender=BoardCategory, dispatch_uid="theke_board_category_gone")
def board_category_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge(tag_for(instance), list_tag(BoardCategory), list_tag(Topic))


@receiver(post_save, sender=ProductQuestion, dispatch_uid="theke_question_saved")
@receiver(pre_delete, sender=ProductQuestion, dispatch_uid="theke_question_deleted")
def question_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_question(instance)


@receiver(post_save, sender=ProductAnswer, dispatch_uid="theke_answer_saved")
@receiver(pre_delete, sender=ProductAnswer, dispatch_uid="theke_answer_deleted")
def answer_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge_question(instance.question)
