"""Dismissing announcements, under /announcements/."""

from django.urls import path

from home import ids  # noqa: F401  (registers the <id:…> converter)

from . import views

urlpatterns = [
    path("<id:pk>/dismiss/", views.dismiss, name="announcement_dismiss"),
]
