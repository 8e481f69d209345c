"""The comment form's hidden inputs are written as Django's templates write
them, without rendering a template for each."""

import pytest
from django import forms

from community.discussions.forms import CommentForm, PlainHiddenInput
from tests.factories import BlogPageFactory, build_site, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [None, "", "0", 42, 'a "quoted" <b>&amp;</b>', "ü"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_reply_to"}, {"id": "x", "disabled": True, "hid": False}]
)
def test_a_hidden_input_reads_as_djangos(value, attrs):
    assert PlainHiddenInput().render(
        "reply_to", value, attrs
    ) == forms.HiddenInput().render("reply_to", value, attrs)


@pytest.mark.parametrize("for_member", [False, True])
def test_every_hidden_field_of_the_comment_form_is_written_plainly(for_member):
    _, blog, _ = build_site()
    post = BlogPageFactory(parent=blog)
    form = CommentForm(post, member=member("Jana Petersen") if for_member else None)

    hidden = form.hidden_fields()
    assert {field.name for field in hidden} >= {
        "content_type",
        "object_pk",
        "timestamp",
        "security_hash",
        "reply_to",
    }
    assert all(type(field.field.widget) is PlainHiddenInput for field in hidden)
    assert ("name" in {field.name for field in hidden}) is for_member
    html = "".join(str(field) for field in hidden)
    assert f'name="object_pk" value="{post.pk}" id="id_object_pk"' in html
