"""Product questions: asking, answering, accepting, and similar questions as JSON."""

from django.urls import path

from home import ids  # noqa: F401  (registers the <id:…> converter)

from . import views

urlpatterns = [
    path("ask/<id:product_pk>/", views.ask, name="community_question_ask"),
    path("similar/", views.similar, name="community_question_similar"),
    path("<id:pk>/answer/", views.answer, name="community_question_answer"),
    path("<id:pk>/accept/", views.accept, name="community_question_accept"),
]
