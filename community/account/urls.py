"""The member's own pages under /account/, beside allauth's."""

from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("profile/unfollow/", views.unfollow, name="account_unfollow"),
]
