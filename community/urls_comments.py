"""Every URL under /comments/: Theke answers them all itself.

xtd's own URLs are not mounted. The names xtd and django_comments reverse
(`comments-post-comment`, `comments-xtd-confirm`, `comments-xtd-reply`,
`comments-url-redirect`) are kept here so their helpers lead to Theke's views.
"""

from django.urls import path

from . import views_comments, views_notifications, views_reactions, views_reports

urlpatterns = [
    path("post/", views_comments.post_comment, name="comments-post-comment"),
    path("confirm/<str:key>/", views_comments.confirm, name="comments-xtd-confirm"),
    path("reply/<int:cid>/", views_comments.reply, name="comments-xtd-reply"),
    path(
        "unsubscribe/<str:token>/",
        views_notifications.unsubscribe,
        name="community_unsubscribe",
    ),
    path(
        "cr/<int:content_type_id>/<str:object_pk>/",
        views_comments.target_redirect,
        name="comments-url-redirect",
    ),
    path("<int:pk>/edit/", views_comments.edit_comment, name="community_comment_edit"),
    path(
        "<int:pk>/delete/",
        views_comments.delete_comment,
        name="community_comment_delete",
    ),
    path("<int:pk>/react/", views_reactions.react, name="community_comment_react"),
    path(
        "report/<str:kind>/<int:pk>/",
        views_reports.report,
        name="community_report",
    ),
]
