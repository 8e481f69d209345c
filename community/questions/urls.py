"""Product questions: asking, answering, accepting, and similar questions as JSON."""

from django.urls import path

from . import views

urlpatterns = [
    path("ask/<int:product_pk>/", views.ask, name="community_question_ask"),
    path("similar/", views.similar, name="community_question_similar"),
    path("<int:pk>/answer/", views.answer, name="community_question_answer"),
    path("<int:pk>/accept/", views.accept, name="community_question_accept"),
]
