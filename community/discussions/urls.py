"""The URLs under /comments/: Theke answers them all itself (reports have theirs
in community.reports.urls, under the same prefix).

xtd's own URLs are not mounted. The names xtd and django_comments reverse
(`comments-post-comment`, `comments-xtd-confirm`, `comments-xtd-reply`,
`comments-url-redirect`) are kept here so their helpers lead to Theke's views.
"""

from django.urls import path

from home import ids  # noqa: F401  (registers the <id:…> converter)

from . import views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("reply/<id:cid>/", views.reply, name="comments-xtd-reply"),
    path(
        "unsubscribe/<str:token>/",
        views.unsubscribe,
        name="community_unsubscribe",
    ),
    path(
        "cr/<id:content_type_id>/<str:object_pk>/",
        views.target_redirect,
        name="comments-url-redirect",
    ),
    path("<id:pk>/edit/", views.edit_comment, name="community_comment_edit"),
    path(
        "<id:pk>/delete/",
        views.delete_comment,
        name="community_comment_delete",
    ),
    path("<id:pk>/react/", views.react, name="community_comment_react"),
]
