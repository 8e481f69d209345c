"""The URLs under /comments/: Theke answers them all itself (reports have theirs
in community.reports.urls, under the same prefix).

xtd's own URLs are not mounted. The names xtd and django_comments reverse
(`comments-post-comment`, `comments-xtd-confirm`, `comments-xtd-reply`,
`comments-url-redirect`) are kept here so their helpers lead to Theke's views.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("reply/<int:cid>/", views.reply, name="comments-xtd-reply"),
    path(
        "unsubscribe/<str:token>/",
        views.unsubscribe,
        name="community_unsubscribe",
    ),
    path(
        "cr/<int:content_type_id>/<str:object_pk>/",
        views.target_redirect,
        name="comments-url-redirect",
    ),
    path("<int:pk>/edit/", views.edit_comment, name="community_comment_edit"),
    path(
        "<int:pk>/delete/",
        views.delete_comment,
        name="community_comment_delete",
    ),
    path("<int:pk>/react/", views.react, name="community_comment_react"),
]
