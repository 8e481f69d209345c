"""The demo's moderation queue: a new member's held first comment, a published
comment with a report, a spam comment from a guest."""

from django.conf import settings

from blog.models import BlogPage
from community.models import Comment, Report
from community.writing import held

from .members import MEMBERS, at, ensure_members

MODERATION_MEMBERS = [
    {"email": "tobias.neumann@example.org", "name": "Tobias Neumann"},
    {"email": "rainer.vogt@example.org", "name": "Rainer V."},
]

MODERATION_COMMENTS = [
    {
        "post": "kalte-gurkensuppe-mit-buttermilch",
        "author": "tobias.neumann@example.org",
        "text": (
            "Kann man die Gurkensuppe auch mit Joghurt statt Buttermilch machen? "
            "Und hält sie sich bis zum nächsten Tag?"
        ),
        "held_reason": held.FIRST_POSTS,
        "posted": at(16, 11, 21, 5),
    },
    {
        "post": "dreiundzwanzig-tomatensorten",
        "author": "rainer.vogt@example.org",
        "text": (
            "Dreiundzwanzig Sorten? Die schmecken doch alle gleich, das ist "
            "reines Marketing."
        ),
        "public": True,
        "report": {
            "by": "jana.petersen@example.org",
            "reason": "wrong",
            "note": "Die Sorten vom Gärtnerhof schmecken sehr verschieden.",
        },
        "posted": at(12, 11, 8, 30),
    },
    {
        "post": "hoffest-am-3-oktober",
        "guest": {"name": "Best Deals 24", "email": "angebote@example.net"},
        "text": (
            "Markenuhren ab 9 Euro! Jetzt bestellen: https://uhren.example.net "
            "und https://uhren.example.net/sale"
        ),
        "held_reason": held.LINKS,
        "spam": True,
        "posted": at(15, 11, 3, 12),
    },
]


def build_moderation_demo(run):
    """Add the held, reported and spam posts the moderation queue shows."""
    members = ensure_members(run, MODERATION_MEMBERS + MEMBERS)
    posts = {
        post.slug: post
        for post in BlogPage.objects.filter(
            slug__in={data["post"] for data in MODERATION_COMMENTS}
        )
    }
    for data in MODERATION_COMMENTS:
        post = posts.get(data["post"])
        if post is None:
            continue
        author = members.get(data.get("author"))
        guest = data.get("guest", {})
        email = author.email if author else guest["email"]
        if Comment.objects.filter(user_email=email, comment=data["text"]).exists():
            continue
        comment = Comment(
            content_object=post,
            site_id=settings.SITE_ID,
            user=author,
            user_name=author.profile.display_name if author else guest["name"],
            user_email=email,
            comment=data["text"],
            submit_date=data["posted"],
            is_public=data.get("public", False),
            is_spam=data.get("spam", False),
            held_reason=data.get("held_reason", ""),
        )
        comment.save()
        run.record("held or reported comment", "held or reported comments")
        report = data.get("report")
        if report:
            Report.objects.create(
                comment=comment,
                user=members[report["by"]],
                reason=report["reason"],
                note=report["note"],
            )
