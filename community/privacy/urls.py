"""The member's data under /account/: to read, to download and to delete."""

from django.urls import path

from . import views

urlpatterns = [
    path("data/", views.data, name="account_data"),
    path("data/export.json", views.data_json, name="account_data_export"),
    path("delete/", views.delete_account, name="account_delete"),
]
