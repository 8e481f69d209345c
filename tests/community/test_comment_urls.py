"""Under /comments/ only Theke's own views answer.

xtd's and django_comments' URLs (the JSON API, flag, like, mute, delete,
approve and their "done" pages) would publish, flag, remove or list comments
around Theke's moderation rules, its queue and its log, and the API hands out
Gravatar hashes of e-mail addresses. None of them may be reachable.
"""

import pytest
from django.urls import resolve, reverse
from django_comments.models import CommentFlag
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings

from community.discussions import views as views_comments
from community.models import Comment
from tests.factories import BlogPageFactory, add_comment, build_site, member, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


@pytest.fixture
def comment(post):
    """A member's published comment that follows its thread: each of xtd's
    views would find something to change."""
    anna = member("Anna", "anna@example.org")
    return add_comment(post, anna, "Wie lange reift der Käse?", followup=True)


@pytest.fixture
def admin(client):
    """A superuser: every one of xtd's views would let them act."""
    user = staff(email="root@team.example.org", superuser=True)
    client.force_login(user)
    return user


def mute_key(comment):
    """The key xtd puts into its follow-up mails to stop them."""
    key = signed.dumps(comment, compress=True, extra_key=xtd_settings.COMMENTS_XTD_SALT)
    return key.decode()


FOREIGN = [
    ("get", "/comments/api/blog-blogpage/{post}/"),
    ("get", "/comments/api/blog-blogpage/{post}/count/"),
    ("post", "/comments/api/comment/"),
    ("post", "/comments/api/preview/"),
    ("post", "/comments/api/feedback/"),
    ("post", "/comments/api/flag/"),
    ("get", "/comments/sent/"),
    ("get", "/comments/mute/{key}/"),
    ("get", "/comments/flag/{comment}/"),
    ("post", "/comments/flag/{comment}/"),
    ("get", "/comments/flagged/"),
    ("post", "/comments/like/{comment}/"),
    ("get", "/comments/liked/"),
    ("post", "/comments/dislike/{comment}/"),
    ("get", "/comments/disliked/"),
    ("get", "/comments/delete/{comment}/"),
    ("post", "/comments/delete/{comment}/"),
    ("get", "/comments/deleted/"),
    ("get", "/comments/approve/{comment}/"),
    ("post", "/comments/approve/{comment}/"),
    ("get", "/comments/approved/"),
    ("get", "/comments/posted/"),
]


@pytest.mark.parametrize(("method", "path"), FOREIGN)
def test_xtds_own_urls_are_not_mounted(client, admin, post, comment, method, path):
    url = path.format(post=post.pk, comment=comment.pk, key=mute_key(comment))
    data = {
        "content_type": "blog.blogpage",
        "object_pk": str(post.pk),
        "comment": comment.pk,
        "flag": "report",
        "name": "Gast",
        "email": "gast@example.org",
    }

    response = getattr(client, method)(url, data)

    assert response.status_code == 404
    after = Comment.objects.get(pk=comment.pk)
    assert (after.is_public, after.is_removed, after.followup) == (True, False, True)
    assert not CommentFlag.objects.exists()
    assert Comment.objects.count() == 1


def test_a_guest_gets_no_comment_list_with_gravatar_hashes(client, post, comment):
    response = client.get(f"/comments/api/blog-blogpage/{post.pk}/")

    assert response.status_code == 404
    assert b"gravatar" not in response.content.lower()
    assert b"anna@example.org" not in response.content


def test_the_names_xtd_reverses_lead_to_theke_s_views(post, comment):
    """xtd's and django_comments' helpers reverse these names; each must reach
    Theke's view, never a 404 or xtd's."""
    assert resolve(reverse("comments-post-comment")).func is views_comments.post_comment
    assert resolve(comment.get_reply_url()).func is views_comments.reply
    permalink = comment.get_absolute_url().split("#")[0]
    assert resolve(permalink).func is views_comments.target_redirect
    confirm = reverse("comments-xtd-confirm", args=["some-key"])
    assert resolve(confirm).func is views_comments.confirm
