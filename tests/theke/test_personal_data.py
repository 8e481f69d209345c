"""Every field that may hold something about a person says what, why and how long.

The privacy page is made from these declarations (`home.personal_data`), so a
field nobody declared would be missing from it. This walks every concrete model
of every installed app, finds the fields that look personal, and fails for one
that is neither declared nor listed below as deliberately not personal.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation
from wagtail.models import Page

from home.personal_data import (
    Basis,
    NotStored,
    PersonalData,
    Section,
    by_section,
    declarations_of,
    declared_fields,
    not_stored,
    text,
)

# Parts of a field's name that say it is about a person.
PERSONAL_WORDS = ("name", "email", "address", "phone", "user_agent")

# Fields that look personal and are not, each with the reason. A field named
# here that stops looking personal, or disappears, fails the last test below.
NOT_PERSONAL = {
    # What things are called, not people.
    ("auth.Group", "name"): "a staff role such as “Editors”",
    ("auth.Permission", "name"): "the label of a permission",
    ("auth.Permission", "codename"): "the code of a permission",
    ("blog.BlogCategory", "name"): "a category of stories",
    ("blog.Certification", "name"): "an organic or origin label",
    ("community.BoardCategory", "name"): "a corner of the board",
    ("shop_link.ProductSource", "name"): "the name of a product feed",
    ("shop_link.ProductSource", "shop_name"): "the shop a feed comes from",
    ("taggit.Tag", "name"): "a tag on stories",
    ("wagtailcore.Collection", "name"): "a folder of pictures",
    ("wagtailcore.Task", "name"): "a step of a publishing workflow",
    ("wagtailcore.Workflow", "name"): "a publishing workflow",
    ("wagtailcore.Site", "hostname"): "the site's host name",
    ("wagtailcore.Site", "site_name"): "the site's name",
    ("sites.Site", "name"): "the site's name",
    # A page's own text is what staff publish; who wrote it is declared with
    # the page's owner (home.platform_data).
    ("wagtailcore.Page", "title"): "a page's title",
    ("wagtailcore.Page", "draft_title"): "a page's title",
    ("wagtailcore.Page", "slug"): "a page's address",
    ("wagtailcore.Page", "url_path"): "a page's address",
    ("wagtailcore.Page", "path"): "a page's place in the tree",
    ("wagtailcore.Page", "seo_title"): "a page's title for search engines",
    ("wagtailcore.Page", "search_description"): "a page's description",
    # django-comments' flags: its flag views are not mounted (theke/urls.py),
    # members report through Theke's own reports, so nothing writes this table.
    ("django_comments.CommentFlag", "user"): "never written",
    ("django_comments.CommentFlag", "flag"): "never written",
}


def is_user(model) -> bool:
    return model is not None and issubclass(model, get_user_model())


def written_by_someone(model) -> bool:
    """Whether rows of `model` belong to a person: it links to an account.

    Pages link to their owner too, but what staff publish on a page is not data
    about them; the owner link is declared on Wagtail's Page.
    """
    if issubclass(model, Page) and model is not Page:
        return False
    return any(
        field.is_relation and field.concrete and is_user(field.related_model)
        for field in model._meta.get_fields()
    )


def generic_keys(model) -> set[str]:
    """The columns that hold another row's id for a generic relation."""
    return {
        field.fk_field
        for field in model._meta.private_fields
        if hasattr(field, "fk_field")
    }


def looks_personal(model, field) -> bool:
    """Whether `field` of `model` may hold something about a person."""
    if field.is_relation:
        return is_user(field.related_model)
    if isinstance(field, models.EmailField | models.GenericIPAddressField):
        return True
    parts = field.name.lower().split("_")
    if "ip" in parts or any(word in field.name.lower() for word in PERSONAL_WORDS):
        return True
    free_text = (
        isinstance(
            field,
            models.TextField | models.CharField | models.JSONField | models.FileField,
        )
        and not field.choices
    )
    return (
        free_text
        and written_by_someone(model)
        and field.name not in generic_keys(model)
    )


def own_fields(model):
    """The fields stored in `model`'s own table (a parent's are the parent's)."""
    return [
        field
        for field in (*model._meta.local_fields, *model._meta.local_many_to_many)
        if not getattr(field, "parent_link", False)
        and not (field.primary_key and field.auto_created)
    ]


def undeclared(model) -> list[str]:
    declared = declared_fields(model)
    label = model._meta.label
    return [
        field.name
        for field in own_fields(model)
        if looks_personal(model, field)
        and field.name not in declared
        and (label, field.name) not in NOT_PERSONAL
    ]


def concrete_models():
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed
    ]


def test_every_personal_field_of_every_model_is_declared():
    missing = {
        model._meta.label: fields
        for model in concrete_models()
        if (fields := undeclared(model))
    }

    assert missing == {}, (
        "These fields may hold personal data, but the privacy page would not "
        "mention them. Declare each with home.personal_data.PersonalData (or "
        "NotStored if it is always kept empty): in the model's `personal_data` "
        "for a model of ours, with declare() in the app's personal_data module "
        "for another library's; or add it to NOT_PERSONAL in "
        "tests/theke/test_personal_data.py with the reason it is not personal.\n"
        + "\n".join(f"  {label}: {', '.join(f)}" for label, f in missing.items())
    )


@isolate_apps("home")
def test_a_new_model_with_an_address_fails_until_it_is_declared():
    class Newsletter(models.Model):
        email = models.EmailField()
        topic = models.CharField(max_length=40)
        signed_up_at = models.DateTimeField()

        class Meta:
            app_label = "home"

        def __str__(self):
            return self.email

    assert undeclared(Newsletter) == ["email"]

    class DeclaredNewsletter(models.Model):
        email = models.EmailField()

        personal_data = (
            PersonalData(
                fields=("email",),
                section=Section.MAIL,
                what="the address",
                purpose="to send the newsletter",
                basis=Basis.CONSENT,
                retention="until you unsubscribe",
                seen_by="nobody",
            ),
        )

        class Meta:
            app_label = "home"

        def __str__(self):
            return self.email

    assert undeclared(DeclaredNewsletter) == []


@isolate_apps("home")
def test_what_members_write_counts_as_personal_whatever_its_name():
    class Recipe(models.Model):
        author = models.ForeignKey(get_user_model(), on_delete=models.CASCADE)
        ingredients = models.TextField()
        difficulty = models.CharField(max_length=10, choices=[("easy", "easy")])
        servings = models.PositiveSmallIntegerField()

        class Meta:
            app_label = "home"

        def __str__(self):
            return self.ingredients

    assert undeclared(Recipe) == ["author", "ingredients"]


def test_declarations_name_only_fields_their_models_have():
    wrong = {
        f"{model._meta.label}.{name}"
        for model in concrete_models()
        for name in declared_fields(model)
        if name not in {field.name for field in model._meta.get_fields()}
    }

    assert wrong == set()


def test_every_exception_is_a_field_that_looks_personal_and_is_not_declared():
    stale = []
    for (label, name), _reason in NOT_PERSONAL.items():
        model = apps.get_model(label)
        field = model._meta.get_field(name)
        if not looks_personal(model, field) or name in declared_fields(model):
            stale.append((label, name))

    assert stale == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_declaration_says_what_why_how_long_and_who_sees_it(language):
    with translation.override(language):
        sections = by_section()
        told = [item for __, items in sections for item in items]
        assert len(told) >= 20
        for item in told:
            for value in (item.what, item.purpose, item.retention, item.seen_by):
                assert text(value).strip(), item
            assert item.basis.label
        for item in not_stored():
            assert isinstance(item, NotStored)
            assert text(item.what).strip() and text(item.why).strip()


def test_a_declaration_shared_by_several_models_is_told_once():
    comment = apps.get_model("community", "Comment")
    parent = apps.get_model("django_comments", "Comment")
    shared = [
        item
        for item in declarations_of(comment)
        if item.original is not None and item.original in declarations_of(parent)
    ]
    told = [item for __, items in by_section() for item in items]

    assert shared
    assert all(told.count(item.original) == 1 for item in shared)
    assert not any(item in told for item in shared)
