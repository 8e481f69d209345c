"""/feedback/: the faces on a page of their own, the click and the comment."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.feedback_page, name="feedback"),
    path("send/", views.send, name="feedback_send"),
    path("comment/", views.comment, name="feedback_comment"),
]
