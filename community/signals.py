"""Every signal receiver of the community, connected when the app is ready.

Each receiver hands its work to the module that owns it; none is connected
anywhere else.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished, post_page_move

from blog.models import Author, ProducerPage
from home.page_cache.tags import (
    list_tag,
    purge,
    purge_everything,
    purge_own,
    tag_for,
)

from .announcements import banners
from .announcements.models import Announcement, Dismissal
from .board import topics
from .board.models import BoardCategory, Topic
from .discussions import caching, comments
from .discussions.models import Comment
from .members import accounts
from .members.models import HiddenCategory, MemberInterest, Profile
from .questions.models import ProductAnswer, ProductQuestion
from .questions.questions import purge_question

# What a member's name, picture and badges beside their comments come from:
# their profile, and for staff (named by their team author, else by their
# account) their account, whose flags also give the badges.
PROFILE_SHOWN = {"display_name", "avatar", "producer"}
ACCOUNT_SHOWN = {"first_name", "last_name", "is_staff", "is_superuser"}


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


@receiver(post_save, sender=Comment, dispatch_uid="theke_comment_purge")
@receiver(post_delete, sender=Comment, dispatch_uid="theke_comment_gone")
def comment_changed(sender, instance, raw=False, created=False, **kwargs):
    # A new comment held for a moderator is shown to nobody but its author,
    # whose pages are never stored: no stored page changes until it is let
    # through, only what its author alone sees.
    if raw:
        return
    if created and not instance.is_public:
        purge_own(instance.user_id)
    else:
        caching.forget_comments(instance)


def _shown_fields_changed(fields, update_fields, created) -> bool:
    return not created and (update_fields is None or bool(fields & set(update_fields)))


@receiver(post_save, sender=Profile, dispatch_uid="theke_profile_purge")
def profile_changed(sender, instance, created, raw=False, update_fields=None, **kw):
    if not raw and _shown_fields_changed(PROFILE_SHOWN, update_fields, created):
        caching.forget_discussions_of(instance.user_id)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="theke_user_purge")
def account_changed(sender, instance, created, raw=False, update_fields=None, **kw):
    if not raw and _shown_fields_changed(ACCOUNT_SHOWN, update_fields, created):
        caching.forget_discussions_of(instance.pk)


@receiver(
    m2m_changed,
    sender=get_user_model().groups.through,
    dispatch_uid="theke_user_groups_purge",
)
@receiver(
    m2m_changed,
    sender=get_user_model().user_permissions.through,
    dispatch_uid="theke_user_permissions_purge",
)
def account_rights_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """The moderator badge follows a member's groups and permissions."""
    if not action.startswith("post_"):
        return
    for user_id in pk_set or () if reverse else (instance.pk,):
        caching.forget_discussions_of(user_id)


@receiver(page_published, dispatch_uid="theke_producer_badge_published")
@receiver(page_unpublished, dispatch_uid="theke_producer_badge_unpublished")
@receiver(post_page_move, dispatch_uid="theke_producer_badge_moved")
@receiver(pre_delete, sender=ProducerPage, dispatch_uid="theke_producer_badge_gone")
def producer_page_changed(sender, instance, **kwargs):
    """The members who speak for a producer carry its name and address as a
    badge beside their comments, while its page is live."""
    if not isinstance(instance, ProducerPage):
        return
    speakers = Profile.objects.filter(producer_id=instance.pk)
    for user_id in speakers.values_list("user_id", flat=True):
        caching.forget_discussions_of(user_id)


@receiver(post_save, sender=get_image_model(), dispatch_uid="theke_team_photo")
@receiver(pre_delete, sender=get_image_model(), dispatch_uid="theke_team_photo_gone")
def team_photo_changed(sender, instance, raw=False, **kwargs):
    """Staff who write as a team author carry its photo beside their comments."""
    if raw:
        return
    team = Author.objects.filter(photo=instance, user__isnull=False)
    for user_id in team.values_list("user_id", flat=True):
        caching.forget_discussions_of(user_id)


@receiver(pre_save, sender=Author, dispatch_uid="theke_team_author_relinked")
def team_author_relinking(sender, instance, raw=False, **kwargs):
    """An author linked to another account leaves the first one's comments."""
    if raw or instance.pk is None:
        return
    before = Author.objects.filter(pk=instance.pk).values_list("user_id", flat=True)
    old_user_id = before.first()
    if old_user_id is not None and old_user_id != instance.user_id:
        caching.forget_discussions_of(old_user_id)


@receiver(post_save, sender=Author, dispatch_uid="theke_team_author_purge")
@receiver(post_delete, sender=Author, dispatch_uid="theke_team_author_gone")
def team_author_changed(sender, instance, raw=False, **kwargs):
    """A staff member's comments show their team author's name, role and photo."""
    if not raw and instance.user_id is not None:
        caching.forget_discussions_of(instance.user_id)


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


@receiver(post_save, sender=MemberInterest, dispatch_uid="theke_interest_chosen")
@receiver(post_delete, sender=MemberInterest, dispatch_uid="theke_interest_dropped")
@receiver(post_save, sender=HiddenCategory, dispatch_uid="theke_category_hidden")
@receiver(post_delete, sender=HiddenCategory, dispatch_uid="theke_category_shown")
@receiver(post_save, sender=Dismissal, dispatch_uid="theke_announcement_dismissed")
@receiver(post_delete, sender=Dismissal, dispatch_uid="theke_dismissal_gone")
def own_choice_changed(sender, instance, raw=False, **kwargs):
    """What a member chose is shown to them alone; each process remembers it
    while nothing was purged (`members/preferences.py`)."""
    if not raw:
        purge_own(instance.user_id)
