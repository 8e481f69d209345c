"""Reporting a comment, topic or question, under /comments/ beside the comments."""

from django.urls import path

from . import views

urlpatterns = [
    path("report/<str:kind>/<int:pk>/", views.report, name="community_report"),
]
