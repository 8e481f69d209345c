"""Product questions in the admin: the list with its count, answering and
accepting, and the dashboard panel of unanswered questions."""

import django_filters
from django import forms
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from home.ids import IdChoiceField
from shop_link.models import Product

from ..members.names import public_name
from ..writing import sanitize
from ..writing.held import HeldReasonPanel
from ..writing.moderated import ModerationState
from ..writing.sanitize import plain_text
from .forms import ANSWER_MAX_LENGTH
from .models import ProductAnswer, ProductQuestion
from .questions import notify_asker

# Unanswered questions the dashboard panel lists.
PANEL_QUESTIONS = 8


def unanswered_count() -> int:
    return ProductQuestion.objects.unanswered().count()


class QuestionPermissionPolicy(ModelPermissionPolicy):
    """Questions come from customers on the site; staff answer, never add them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(
            user, [action for action in actions if action != "add"]
        )


register_permission_policy(ProductQuestion, QuestionPermissionPolicy(ProductQuestion))


class AnswerChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return f"{public_name(obj.author)}: {plain_text(obj.text_html)}"


class ProductQuestionAdminForm(WagtailAdminModelForm):
    """The question's moderation and the accepted answer, plus a new answer."""

    new_answer = forms.CharField(
        label=_("Your answer"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Shown under the question on the site with your name; the asker gets "
            "it by e-mail if they asked for that."
        ),
    )
    accept_new_answer = forms.BooleanField(
        label=_("Mark my answer as the accepted one"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_answer_object = None
        field = self.fields.get("accepted_answer")
        if field is not None:
            answers = (
                ProductAnswer.objects.filter(
                    question=self.instance, state=ModerationState.PUBLISHED
                )
                .select_related("author__profile", "author__author")
                .order_by("created_at")
                if self.instance.pk
                else ProductAnswer.objects.none()
            )
            self.fields["accepted_answer"] = AnswerChoiceField(
                queryset=answers,
                required=False,
                label=_("Accepted answer"),
                empty_label=_("None"),
                blank=True,
                widget=forms.RadioSelect,
                help_text=_("The published answers; the accepted one is shown first."),
            )

    def clean_new_answer(self):
        return sanitize.check_text(self.cleaned_data["new_answer"], ANSWER_MAX_LENGTH)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("new_answer") and (
            cleaned_data.get("state", self.instance.state) != ModerationState.PUBLISHED
        ):
            self.add_error(
                "new_answer",
                _(
                    "This question is not public, so it takes no answers. Publish "
                    "it first, then answer it."
                ),
            )
        if cleaned_data.get("accept_new_answer") and not cleaned_data.get("new_answer"):
            self.add_error(
                "accept_new_answer", _("Write an answer to mark it as accepted.")
            )
        return cleaned_data

    @transaction.atomic
    def save(self, commit=True):
        question = super().save(commit=commit)
        text = self.cleaned_data.get("new_answer")
        if text and commit:
            self.new_answer_object = ProductAnswer.objects.create(
                question=question,
                author=self.for_user,
                text=text,
                text_html=sanitize.render_text(text),
            )
            if self.cleaned_data.get("accept_new_answer"):
                question.accepted_answer = self.new_answer_object
                ProductQuestion.objects.filter(pk=question.pk).update(
                    accepted_answer=self.new_answer_object
                )
        return question


class QuestionEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        answer = self.form.new_answer_object
        if answer is not None:
            notify_asker(self.request, answer)
        return instance

    def get_success_message(self, instance=None):
        if self.form.new_answer_object is not None:
            return _("Your answer is online.")
        return super().get_success_message(instance)


class ProductQuestionFilterSet(WagtailFilterSet):
    answered = django_filters.ChoiceFilter(
        label=_("Answered"),
        choices=[("no", _("Not answered yet")), ("yes", _("Answered"))],
        method="filter_answered",
        empty_label=_("All"),
    )
    product = django_filters.ModelChoiceFilter(
        label=_("Product"),
        queryset=Product.objects.filter(questions__isnull=False)
        .distinct()
        .order_by("title"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Moderation"), choices=ModerationState.choices
    )

    class Meta:
        model = ProductQuestion
        fields = ["answered", "product", "state"]

    def filter_answered(self, queryset, name, value):
        if value == "no":
            return queryset.exclude(pk__in=ProductQuestion.objects.answered())
        if value == "yes":
            return queryset.filter(pk__in=ProductQuestion.objects.answered())
        return queryset


class CountingMenuItemMixin:
    """Shows how many published questions wait for an answer in the label."""

    def render_component(self, request):
        component = super().render_component(request)
        count = unanswered_count()
        if count:
            component.label = _("Product questions (%(count)d)") % {"count": count}
        return component


class ProductQuestionViewSet(SnippetViewSet):
    """Customers ask on the product pages; staff answer and accept here."""

    model = ProductQuestion
    icon = "help"
    menu_label = _("Product questions")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    # The asker by public name: the account's username may be an e-mail address.
    inspect_view_fields = [
        "product",
        "text",
        "author_name",
        "state",
        "held_reason",
        "accepted_answer",
        "notify_asker",
        "created_at",
    ]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    search_fields = ["text"]
    filterset_class = ProductQuestionFilterSet
    edit_view_class = QuestionEditView
    list_display = [
        "__str__",
        Column("product", label=_("Product"), sort_key="product__title"),
        Column("author_name", label=_("Asked by")),
        Column("answer_count", label=_("Answers"), sort_key="answer_count"),
        BooleanColumn(
            "accepted",
            label=_("Accepted answer"),
            accessor=lambda question: question.accepted_answer_id is not None,
        ),
        Column("get_state_display", label=_("Moderation"), sort_key="state"),
        DateColumn("created_at", label=_("Asked"), sort_key="created_at"),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("product", read_only=True),
                    FieldPanel("text", read_only=True),
                ],
                heading=_("Question"),
            ),
            MultiFieldPanel(
                [FieldPanel("accepted_answer"), FieldPanel("new_answer")],
                heading=_("Answers"),
            ),
            FieldPanel("accept_new_answer"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("state"), FieldPanel("notify_asker")]),
                    HeldReasonPanel(),
                ],
                heading=_("Moderation"),
            ),
        ],
        base_form_class=ProductQuestionAdminForm,
    )

    @cached_property
    def menu_item_class(self):
        return type(
            "ProductQuestionMenuItem",
            (CountingMenuItemMixin, super().menu_item_class),
            {},
        )

    def get_queryset(self, request):
        return ProductQuestion.objects.select_related(
            "product", "author__profile", "author__author", "accepted_answer"
        ).with_answer_count()


class UnansweredQuestionsPanel(Component):
    """The dashboard's list of questions that wait for an answer, newest first."""

    name = "unanswered_questions"
    order = 150
    template_name = "community/admin/unanswered_questions_panel.html"

    def get_context_data(self, parent_context):
        questions = list(
            ProductQuestion.objects.unanswered()
            .select_related("product")
            .order_by("-created_at", "-pk")[:PANEL_QUESTIONS]
        )
        return {
            "questions": questions,
            "count": unanswered_count(),
        }
