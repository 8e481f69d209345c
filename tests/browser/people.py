"""Members, their comments and logging in, shared by the browser journeys."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import User

from community.models import Comment, Profile

PASSWORD = "Kuchen-mit-Sahne-42"  # noqa: S105


def member(name, email, **extra):
    """A member with a confirmed address and a public name."""
    user = User.objects.create_user(
        username=email, email=email, password=PASSWORD, **extra
    )
    Profile.objects.update_or_create(user=user, defaults={"display_name": name})
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def comment(target, user, text, parent=None):
    """A published comment by `user`, saved as xtd saves one."""
    made = Comment(
        content_object=target,
        site_id=1,
        user=user,
        user_name=user.profile.display_name,
        user_email=user.email,
        comment=text,
        parent_id=parent.pk if parent else 0,
        is_public=True,
    )
    made.save()
    return made


def log_in(page, live_server, email):
    """Log in through the site's own form."""
    page.goto(live_server.url + "/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator(".account-form button[type=submit]").click()
    page.wait_for_load_state()
