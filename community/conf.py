"""Settings of the community app and their defaults.

Any of them may be set in the project's settings. Read them with
`setting("COMMUNITY_…")`, which looks at the project's settings on every call, so
`override_settings` in tests and changed settings take effect at once.
"""

from django.conf import settings


def setting(name: str):
    """The project's value of an app setting, or its default below."""
    return getattr(settings, name, globals()[name])


# Moderation rules (community.rules). Staff are not held by them; the views
# that post decide that, not the rules.

# Posts a member must have had published before theirs appear at once: the
# first this many are held for a moderator. 0 holds none.
COMMUNITY_HOLD_FIRST_POSTS = 1

# Most links a post may carry before it is held for a moderator.
COMMUNITY_MAX_LINKS = 2

# Words and phrases that refuse a post outright, with a message saying so.
# Matched as whole words, case-insensitive, with ä/ae, ö/oe, ü/ue and ß/ss
# treated alike.
COMMUNITY_BLOCKED_WORDS: list[str] = []

# Words and phrases that hold a post for a moderator, matched as above.
COMMUNITY_HELD_WORDS: list[str] = []

# Posts allowed per member and, separately, per client address, as
# "count/period" with period s, m, h or d, optionally with a number ("10/5m").
# Counted in the shared cache, so the limit holds across processes. None or ""
# turns it off.
COMMUNITY_RATE_LIMIT = "5/m"

# Seconds during which a post that repeats one of the member's own posts word
# for word is held.
COMMUNITY_REPEAT_WINDOW = 10 * 60

# Name of a form field hidden from people (render it with autocomplete="off"
# and tabindex="-1"); a post that fills it in is refused.
COMMUNITY_HONEYPOT_FIELD = "website"

# Comments on posts, producer pages and products.

# Whether visitors without an account may comment, with name and e-mail; their
# comment appears only after they confirm it from a link sent by e-mail.
COMMUNITY_GUESTS_MAY_COMMENT = True

# Minutes after posting during which members may still edit their comment.
COMMUNITY_EDIT_WINDOW = 15

# Top-level threads per page of a discussion; each comes with all its replies.
COMMUNITY_THREADS_PER_PAGE = 20

# Longest comment accepted, in characters.
COMMUNITY_COMMENT_MAX_LENGTH = 5000
