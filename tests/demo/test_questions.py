"""The demo's product questions: answered, open and held ones, built once."""

import pytest
from django.contrib.auth import get_user_model

from community.models import ModerationState, ProductAnswer, ProductQuestion
from demo.questions import QUESTIONS, build_questions_demo
from demo.run import DemoRun
from tests.factories import (
    ProducerPageFactory,
    ProductFactory,
    build_board,
    build_catalogue,
    build_site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_demo_questions_are_built_once():
    home, __, producers = build_site()
    build_catalogue(home)
    build_board(home)
    ProducerPageFactory(
        parent=producers, title="Hofkäserei Wendt", slug="hofkaeserei-wendt"
    )
    for external_id in {data["product"] for data in QUESTIONS}:
        ProductFactory(external_id=external_id)
    run = DemoRun(site=None, home=home)

    build_questions_demo(run)
    counts = (ProductQuestion.objects.count(), ProductAnswer.objects.count())
    build_questions_demo(DemoRun(site=None, home=run.home))

    assert counts == (len(QUESTIONS), 5)
    assert (ProductQuestion.objects.count(), ProductAnswer.objects.count()) == counts
    assert ProductQuestion.objects.filter(accepted_answer__isnull=False).count() == 1
    assert ProductQuestion.objects.filter(state=ModerationState.PENDING).count() == 1
    assert ProductQuestion.objects.unanswered().count() == 2
    assert get_user_model().objects.filter(is_staff=True).count() >= 2
