"""Product questions: asking, answering, accepting, and similar questions as JSON."""

from django.urls import path

from . import views_questions

urlpatterns = [
    path("ask/<int:product_pk>/", views_questions.ask, name="community_question_ask"),
    path("similar/", views_questions.similar, name="community_question_similar"),
    path("<int:pk>/answer/", views_questions.answer, name="community_question_answer"),
    path("<int:pk>/accept/", views_questions.accept, name="community_question_accept"),
]
