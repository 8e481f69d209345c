import pytest
from django.contrib.sites.models import Site

pytestmark = pytest.mark.django_db


def test_mails_name_theke_not_the_example_placeholder():
    site = Site.objects.get(pk=1)
    assert site.domain != "example.com"
    assert site.name == "Theke"
