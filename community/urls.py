from django.urls import path

from . import views_account

urlpatterns = [
    path("profile/", views_account.profile, name="account_profile"),
    path("profile/unfollow/", views_account.unfollow, name="account_unfollow"),
]
