"""Reporting a comment, topic or question, under /comments/ beside the comments."""

from django.urls import path

from home import ids  # noqa: F401  (registers the <id:…> converter)

from . import views

urlpatterns = [
    path("report/<str:kind>/<id:pk>/", views.report, name="community_report"),
]
