"""The member's own pages under /account/, beside allauth's."""

from django.urls import path, re_path

from . import feeds, interests, views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("profile/unfollow/", views.unfollow, name="account_unfollow"),
    path("interests/", interests.interests, name="account_interests"),
    path(
        "interests/categories/",
        interests.hidden_categories,
        name="account_hidden_categories",
    ),
    path("interests/feed/", interests.feed_address, name="account_feed_address"),
    re_path(
        r"^feed/(?P<token>[A-Za-z0-9_-]{20,64})/(?P<kind>rss|atom)/$",
        feeds.personal_feed,
        name="account_personal_feed",
    ),
]
