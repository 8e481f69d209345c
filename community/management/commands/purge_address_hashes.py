"""Blank the keyed address hashes of comments older than the days they are kept."""

from django.core.management.base import BaseCommand

from community.conf import setting
from community.discussions.comments import purge_address_hashes


class Command(BaseCommand):
    help = (
        "Blank the client address hashes of comments older than "
        "COMMUNITY_KEEP_ADDRESS_HASH_DAYS (all of them when it is 0). "
        "Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        purged = purge_address_hashes()
        days = setting("COMMUNITY_KEEP_ADDRESS_HASH_DAYS")
        self.stdout.write(
            f"Blanked {purged} address hash(es); hashes are kept for {days} day(s)."
        )
