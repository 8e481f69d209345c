from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from community.models import Profile

GROUP = "Community moderators"


class Command(BaseCommand):
    help = (
        "Create the demo moderator account, in the Community moderators group, "
        "if it does not exist yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="moderation")
        parser.add_argument("--password", required=True)
        parser.add_argument("--email", default="moderation@example.com")
        parser.add_argument("--name", default="Mona Moderation")

    def handle(self, *args, username, password, email, name, **options):
        group = Group.objects.filter(name=GROUP).first()
        if group is None:
            raise CommandError(f"The group “{GROUP}” is missing: run migrate first.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Moderator account “{username}” exists; left as it is.")
            return
        user = User.objects.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        user.groups.add(group)
        # The demo's address is known to be the moderator's: they log in on
        # the site as on the admin, without a confirmation mail first.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        Profile.objects.update_or_create(user=user, defaults={"display_name": name})
        self.stdout.write(
            self.style.SUCCESS(f"Created moderator account “{username}”.")
        )
