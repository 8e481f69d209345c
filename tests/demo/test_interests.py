"""The demo's members have interests and hidden categories, and staff wrote
announcements that show whenever the demo is started."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.members.interests import TASTINGS
from community.models import (
    Announcement,
    Consent,
    HiddenCategory,
    InterestCategories,
    MemberInterest,
)
from demo.interests import ANNOUNCEMENTS, CHOICES, HIDDEN
from tests.factories import run_load_demo, text_of

DEMO_HOST = "localhost:8000"


@pytest.mark.django_db
class TestDemoInterests:
    def test_members_chose_interests_with_their_consents_on_record(self, demo):
        for email, choices in CHOICES.items():
            user = get_user_model().objects.get(email=email)
            chosen = {key for key, given in choices}
            chosen -= {key for key, given in choices if not given}
            assert (
                set(
                    MemberInterest.objects.filter(user=user).values_list(
                        "interest", flat=True
                    )
                )
                == chosen
            )
            assert Consent.objects.filter(user=user).count() == len(choices)

    def test_members_hid_categories(self, demo):
        expected = sum(len(blog) + len(products) for blog, products in HIDDEN.values())

        assert HiddenCategory.objects.count() == expected

    def test_staff_put_categories_under_interests(self, demo):
        tastings = InterestCategories.objects.get(interest=TASTINGS)

        assert [c.slug for c in tastings.blog_categories.all()] == ["neues-vom-hof"]
        assert tastings.product_categories == ["Käse"]

    def test_the_announcements_are_shown_now(self, demo):
        now = timezone.now()
        shown = Announcement.objects.filter(starts_at__lte=now, ends_at__gt=now)

        assert shown.count() == len(ANNOUNCEMENTS)

    def test_a_member_who_chose_tastings_sees_the_tasting_and_for_you(
        self, demo, client
    ):
        client.force_login(get_user_model().objects.get(email="ayse.demir@example.org"))

        text = text_of(client.get("/", HTTP_HOST=DEMO_HOST))

        assert "Käseverkostung mit der Hofkäserei Wendt" in text
        assert "Für Sie" in text
        assert "Neu an der Theke: Bringen Sie Ihre eigene Dose mit." in text

    def test_anonymous_readers_see_only_the_announcement_for_everyone(
        self, demo, client
    ):
        text = text_of(client.get("/", HTTP_HOST=DEMO_HOST))

        assert "Neu an der Theke: Bringen Sie Ihre eigene Dose mit." in text
        assert "Käseverkostung mit der Hofkäserei Wendt" not in text
        assert "Für Sie" not in text

    def test_the_announcements_links_lead_to_pages_of_the_demo(self, demo, client):
        for data in ANNOUNCEMENTS:
            response = client.get(data["link"], HTTP_HOST=DEMO_HOST)
            assert response.status_code == 200, data["link"]

    def test_a_second_run_adds_no_choice_and_no_announcement(self, demo):
        counts = (
            Consent.objects.count(),
            HiddenCategory.objects.count(),
            Announcement.objects.count(),
        )

        run_load_demo()

        assert (
            Consent.objects.count(),
            HiddenCategory.objects.count(),
            Announcement.objects.count(),
        ) == counts
