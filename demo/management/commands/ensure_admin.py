from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.text import slugify

from blog.models import Author
from demo.people import OWNER


class Command(BaseCommand):
    help = (
        "Create the demo admin account if it does not exist yet, and link it to "
        "the owner's author entry so its answers show as the owner's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", required=True)
        parser.add_argument("--email", default="admin@example.com")

    def handle(self, *args, username, password, email, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            self.stdout.write(f"Admin account “{username}” exists; left as it is.")
        else:
            user = User.objects.create_superuser(
                username=username, email=email, password=password
            )
            self.stdout.write(
                self.style.SUCCESS(f"Created admin account “{username}”.")
            )
        self.link_owner(user)

    def link_owner(self, user):
        """The owner's author entry to the admin, unless a person logs in with it.

        `load_demo` links it to a team account nobody can log in to; the admin
        takes it over from that one, never from an account with a password.
        """
        if Author.objects.filter(user=user).exists():
            return
        author = Author.objects.filter(slug=slugify(OWNER)).first()
        if author is None:
            self.stdout.write(
                f"No author “{OWNER}” yet: run load_demo, then this command again, "
                "to link the admin account to it."
            )
            return
        current = author.user
        if current is not None and current.has_usable_password():
            self.stdout.write(
                f"The author “{author.name}” belongs to another account; "
                "the admin account stays without one."
            )
            return
        author.user = user
        author.save(update_fields=["user"])
        message = f"Linked the admin account to the author “{author.name}”."
        self.stdout.write(self.style.SUCCESS(message))
