"""Comment URLs that Theke answers itself, in front of xtd's under /comments/."""

from django.urls import path

from . import views_comments

urlpatterns = [
    path("post/", views_comments.post_comment, name="comments-post-comment"),
    path("confirm/<str:key>/", views_comments.confirm, name="comments-xtd-confirm"),
    path("reply/<int:cid>/", views_comments.reply, name="comments-xtd-reply"),
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
]
