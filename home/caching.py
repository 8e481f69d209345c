"""Pages for a logged-in member are theirs alone: no cache may keep them.

Their pages show what the member chose (interests, hidden categories,
announcements they did not dismiss), their name and their own comments that
wait for a moderator, so every response to a request with a logged-in session
says `Cache-Control: private, no-store`: not even the browser keeps it, for
the next person at a shared computer. Anonymous requests are left as they
are, and their session is not even looked at.

Addresses under `PERSONAL_PATHS` (the account pages, a member's own posts,
the admin) show someone's personal data to whoever is logged in, or forms
they filled in: no cache keeps them at all, not even the browser's
(`no-store`), whoever asks.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PrivateForMembersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.personal_paths = tuple(settings.PERSONAL_PATHS)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.personal_paths) or _logged_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _logged_in(request) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
