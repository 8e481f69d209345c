"""Delete or blank what the community keeps only for a while. Run it daily."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from community.conf import setting
from community.discussions.comments import purge_address_hashes
from community.feedback.answers import purge_old_comments
from community.mail.models import LateMail


def sessions() -> str:
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    return "Removed the expired sessions."


def address_hashes() -> str:
    purged = purge_address_hashes()
    days = setting("COMMUNITY_KEEP_ADDRESS_HASH_DAYS")
    return f"Blanked {purged} address hash(es); hashes are kept for {days} day(s)."


def feedback_comments() -> str:
    purged = purge_old_comments()
    days = setting("COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS")
    return (
        f"Blanked {purged} feedback comment(s) older than {days} day(s); "
        "the answers stay."
    )


def late_mail() -> str:
    purged, _ = LateMail.objects.expired().delete()
    days = setting("COMMUNITY_LATE_MAIL_KEEP_DAYS")
    return (
        f"Deleted {purged} record(s) of late mail, sent or given up more than "
        f"{days} day(s) ago."
    )


# One function per kind of data, each saying what it did. A new kind that is
# kept only for a while adds its function here.
PURGES = {
    "sessions": sessions,
    "address-hashes": address_hashes,
    "feedback-comments": feedback_comments,
    "late-mail": late_mail,
}


class Command(BaseCommand):
    help = (
        "Delete or blank what is kept only for a while: expired sessions, "
        "comments' address hashes older than COMMUNITY_KEEP_ADDRESS_HASH_DAYS and "
        "feedback comments older than COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS, records of "
        "late mail finished more than COMMUNITY_LATE_MAIL_KEEP_DAYS ago. Run it "
        "daily, "
        "e.g. from cron: 20 3 * * * … manage.py purge_expired"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            choices=sorted(PURGES),
            action="append",
            help="Purge only this kind (may be given more than once).",
        )

    def handle(self, *args, only=None, **options):
        for name, purge in PURGES.items():
            if not only or name in only:
                self.stdout.write(purge())
