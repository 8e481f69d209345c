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

# Reactions allowed per member and per client address, as above; counted apart
# from posts and more generous, as a reaction is one click. None or "" turns it
# off.
COMMUNITY_REACTION_RATE_LIMIT = "30/m"

# Look-ups of similar questions while a member types, per member and per client
# address, as above; generous, as the form asks after each pause in typing.
# None or "" turns it off.
COMMUNITY_SIMILAR_RATE_LIMIT = "60/m"

# Seconds the similar questions found for a product and the same key words are
# kept in the cache, so repeated look-ups do not compare all questions again.
COMMUNITY_SIMILAR_CACHE_SECONDS = 60

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

# Seconds a guest's confirmation link stays valid, counted from when the
# comment was written; an older link asks the guest to write it again.
COMMUNITY_CONFIRM_MAX_AGE = 7 * 24 * 60 * 60

# Minutes after posting during which members may still edit their comment.
COMMUNITY_EDIT_WINDOW = 15

# Top-level threads per page of a discussion.
COMMUNITY_THREADS_PER_PAGE = 20

# Replies a thread shows on a page of its discussion, the first in thread
# order; a thread with more links to its own pages, which show all of them.
COMMUNITY_REPLIES_SHOWN = 20

# Comments per page of one thread shown whole.
COMMUNITY_THREAD_PAGE_SIZE = 100

# Longest comment accepted, in characters.
COMMUNITY_COMMENT_MAX_LENGTH = 5000

# Seconds a discussion's rendering stays in the shared cache. Every change to
# what it shows makes it be rendered anew at once, whatever this says; this
# only lets renderings nobody asks for any more leave the cache.
COMMUNITY_DISCUSSION_CACHE_SECONDS = 24 * 60 * 60

# Flags.

# Open reports from different members after which a comment, topic or question
# is hidden until a moderator looks at it. 0 never hides anything.
COMMUNITY_HIDE_AFTER_REPORTS = 3

# Longest note a member may add to a report, in characters.
COMMUNITY_REPORT_NOTE_MAX_LENGTH = 500

# Privacy.

# Days a keyed hash of the sender's address is kept with a comment, for abuse
# handling (`manage.py purge_address_hashes` blanks older ones). The address
# itself is never stored. 0 stores no hash at all.
COMMUNITY_KEEP_ADDRESS_HASH_DAYS = 0

# Interests and announcements.

# Days a product counts as new after it first appeared in a feed: the "New
# products" interest shows those.
COMMUNITY_NEW_PRODUCT_DAYS = 30

# Stories and products the home page's "For you" section shows at most.
COMMUNITY_FOR_YOU_POSTS = 3
COMMUNITY_FOR_YOU_PRODUCTS = 4

# Announcements a page shows at most at once, those that started last first.
COMMUNITY_ANNOUNCEMENTS_SHOWN = 2

# Smiley feedback (community.feedback). Answers are anonymous: no account, no
# cookie, no address or browser is stored, and the date only to the day.

# Answers and comments allowed per client address, as "count/period" as above.
# The address is only hashed into a key of the shared cache that expires with
# the period; it is never stored. Generous, as customers in one shop's Wi-Fi
# or behind one mobile network share an address. None or "" turns it off.
COMMUNITY_FEEDBACK_RATE_LIMIT = "30/10m"

# Seconds during which further clicks from one page view change its answer
# instead of adding one. The page's script sends a random token per view; only
# a keyed hash of it is kept, in the cache, for this long.
COMMUNITY_FEEDBACK_VIEW_SECONDS = 2 * 60 * 60

# Seconds after the click during which the answer takes its optional comment.
COMMUNITY_FEEDBACK_COMMENT_SECONDS = 60 * 60

# Days a comment is kept after the day of its answer; `manage.py
# purge_expired` blanks older ones. The faces stay, for the trend.
COMMUNITY_FEEDBACK_KEEP_COMMENT_DAYS = 365

# The feedback report highlights this week when its share of happy answers is
# at least this many percentage points below the share in the four weeks
# before (all their answers taken together, so a quiet week does not sway it).
COMMUNITY_FEEDBACK_DROP_POINTS = 10

# Answers this week needs before a drop is highlighted: a handful of answers
# on a Monday morning says little.
COMMUNITY_FEEDBACK_DROP_MIN_ANSWERS = 5


# Mail (community.mail). The backend that hands mail to the mail server.
# EMAIL_BACKEND is community.mail.backend.KeepingBackend, which passes every
# mail of the site to this one and keeps what the mail server does not take.
COMMUNITY_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# A mail the mail server does not take (refused,
# unreachable, timed out) is kept and tried again after each of these pauses in
# turn, in minutes: eight tries within about two days. Then it is given up,
# and staff see it under Reports → Late mail all along.
COMMUNITY_MAIL_RETRY_MINUTES = (1, 5, 30, 2 * 60, 6 * 60, 12 * 60, 24 * 60)

# Days the record of a late mail is kept after its last try, sent or given up;
# `manage.py purge_expired` deletes older ones. A sent mail's text is removed
# as soon as it is sent.
COMMUNITY_LATE_MAIL_KEEP_DAYS = 14
