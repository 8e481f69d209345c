"""Asking, answering and accepting product questions, and a question's own page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from home.ids import parse_id
from home.page_cache.tags import shows
from shop_link.models import Product

from ..board.models import live_board_page
from ..conf import setting
from ..members.accounts import remember_language
from ..writing import rules
from ..writing.clients import client_address
from ..writing.moderated import ModerationState
from ..writing.responses import refused
from ..writing.sanitize import plain_text
from .forms import AnswerForm, QuestionForm
from .models import ProductAnswer, ProductQuestion
from .questions import (
    may_accept,
    may_answer,
    notify_asker,
    purge_question,
    question_items,
    question_url_maker,
    questions_open,
    visible_questions,
)
from .similar import similar_cache_key, similar_questions

# Longest text the similar-questions lookup reads.
SIMILAR_QUERY_MAX_LENGTH = 2000


def _ask_page(request, product, form, similar=(), status=400):
    return render(
        request,
        "community/question_ask.html",
        {
            "product": product,
            "product_url": product.get_absolute_url(),
            "question_form": form,
            "similar": similar,
            "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
            "seo_noindex": True,
        },
        status=status,
    )


@require_POST
def ask(request, product_pk):
    """Take a member's question; show similar ones first unless they confirmed."""
    product = get_object_or_404(Product, pk=product_pk)
    product_url = product.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(f"{product_url}#ask")
    if not questions_open(product):
        return refused(
            request,
            _("This product is no longer sold, so it takes no new questions."),
            back_url=product_url,
            status=403,
        )
    form = QuestionForm(request.POST, user=request.user, request=request)
    if not form.is_valid():
        return _ask_page(request, product, form)
    if not form.cleaned_data["confirmed"]:
        similar = similar_questions(form.cleaned_data["text"], product)
        if similar:
            url_for = question_url_maker(request)
            for entry in similar:
                entry.url = url_for(entry.question)
            form = QuestionForm(
                initial={
                    "text": form.cleaned_data["text"],
                    "notify": form.cleaned_data["notify"],
                    "confirmed": True,
                },
                user=request.user,
            )
            return _ask_page(request, product, form, similar, status=200)
    form.assess()
    if not form.is_valid():
        return _ask_page(request, product, form)
    question = form.save(product)
    # The answer mail is written in the language the asker uses.
    remember_language(request.user, translation.get_language())
    if form.held:
        messages.info(
            request,
            _(
                "Thank you! Your question waits for a moderator and appears once "
                "it is approved. Nothing you wrote is lost."
            ),
        )
    else:
        messages.success(
            request,
            _("Your question is online. We tell you when it has an answer.")
            if question.notify_asker
            else _("Your question is online."),
        )
    return redirect(question.get_absolute_url())


@require_GET
def similar(request):
    """Published questions that look like the text typed so far, as JSON.

    Each look-up compares many questions, so it is rate-limited per member and
    client address, and its answer is kept briefly for the same product and
    key words.
    """
    address = client_address(request)
    member = (
        f"user:{request.user.pk}"
        if request.user.is_authenticated
        else f"guest:{address}"
    )
    if not rules.check_rate_limit(
        member, address, setting_name="COMMUNITY_SIMILAR_RATE_LIMIT", scope="similar"
    ):
        response = JsonResponse(
            {
                "questions": [],
                "error": _(
                    "You are looking up similar questions very quickly. "
                    "Please wait a minute, then try again."
                ),
            },
            status=429,
        )
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    text = request.GET.get("q", "")[:SIMILAR_QUERY_MAX_LENGTH]
    product = None
    product_pk = parse_id(request.GET.get("product"))
    if product_pk is not None:
        product = Product.objects.filter(pk=product_pk).first()
    cache_key = similar_cache_key(text, product, translation.get_language())
    questions = cache.get(cache_key) if cache_key else []
    if questions is None:
        found = similar_questions(text, product)
        url_for = question_url_maker(request)
        questions = [
            {
                "text": plain_text(entry.question.text_html),
                "url": url_for(entry.question),
                "product": entry.question.product.title,
                "same_product": product is not None
                and entry.question.product_id == product.pk,
                "answers": entry.question.answer_count,
                "meta": _similar_meta(entry.question, product),
                "shared": entry.shared,
            }
            for entry in found
        ]
        cache.set(cache_key, questions, setting("COMMUNITY_SIMILAR_CACHE_SECONDS"))
    response = JsonResponse({"questions": questions})
    response["Cache-Control"] = "no-store"
    return response


def _similar_meta(question, product) -> str:
    """The line under a similar question, in the words the page itself uses."""
    count = question.answer_count
    parts = [
        ngettext("%(counter)s answer", "%(counter)s answers", count)
        % {"counter": count}
        if count
        else _("Not answered yet")
    ]
    if product is None or question.product_id != product.pk:
        parts.append(_("about %(name)s") % {"name": question.product.title})
    return " · ".join(parts)


def _question_or_404(request, pk):
    question = (
        visible_questions(request.user)
        .select_related("product", "author")
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    return question


@require_POST
def answer(request, pk):
    """Take an answer from staff or a member who speaks for the producer."""
    question = get_object_or_404(
        ProductQuestion.objects.select_related("product", "author"), pk=pk
    )
    url = question.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(f"{url}#answer-form")
    if question.state != ModerationState.PUBLISHED:
        return refused(
            request,
            _("This question is not public, so it takes no answers."),
            back_url=question.product.get_absolute_url(),
            status=403,
        )
    if not may_answer(request.user, question):
        return refused(
            request,
            _("Only the shop and the product's producer answer questions here."),
            back_url=url,
            status=403,
        )
    form = AnswerForm(request.POST, user=request.user, request=request)
    if form.is_valid():
        form.assess()
    if not form.is_valid():
        return _question_page(request, question, answer_form=form, status=400)
    answer = form.save(question)
    if form.held:
        messages.info(
            request,
            _(
                "Thank you! Your answer waits for a moderator and appears once it "
                "is approved. Nothing you wrote is lost."
            ),
        )
    else:
        notify_asker(request, answer)
        messages.success(request, _("Your answer is online."))
    return redirect(f"{url}#answer-{answer.pk}")


@require_POST
def accept(request, pk):
    """Mark an answer as the accepted one, or take the mark away again."""
    question = get_object_or_404(
        ProductQuestion.objects.select_related("product"), pk=pk
    )
    url = question.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(url)
    if not may_accept(request.user, question):
        return refused(
            request,
            _("Only the asker and the shop may mark the accepted answer."),
            back_url=url,
            status=403,
        )
    answer_pk = parse_id(request.POST.get("answer"))
    answer = (
        ProductAnswer.objects.filter(
            pk=answer_pk, question=question, state=ModerationState.PUBLISHED
        ).first()
        if answer_pk is not None
        else None
    )
    if answer is None:
        return refused(request, _("There is no such answer to accept."), back_url=url)
    if request.POST.get("undo") and question.accepted_answer_id == answer.pk:
        ProductQuestion.objects.filter(pk=question.pk).update(accepted_answer=None)
        purge_question(question)
        messages.success(request, _("The answer is no longer marked as accepted."))
    else:
        ProductQuestion.objects.filter(pk=question.pk).update(accepted_answer=answer)
        purge_question(question)
        messages.success(request, _("The answer is marked as accepted."))
    return redirect(f"{url}#answer-{answer.pk}")


def question_detail(request, board_page, pk):
    """A question's own page: the question, its answers, the answer form."""
    question = _question_or_404(request, pk)
    # Its answers, their acceptance and moderation purge the question's tag.
    shows(question, question.product)
    return _question_page(request, question, board_page=board_page)


def _question_page(request, question, board_page=None, answer_form=None, status=200):
    board_page = board_page or live_board_page()
    items = question_items(request, ProductQuestion.objects.filter(pk=question.pk))
    item = items[0]
    context = {
        "question": item.question,
        "question_item": item,
        "product": item.question.product,
        "product_url": item.question.product.get_absolute_url(),
        "answer_form": answer_form
        or (AnswerForm(user=request.user) if item.may_answer else None),
        "honeypot_field": setting("COMMUNITY_HONEYPOT_FIELD"),
        "seo_noindex": item.is_held or status != 200,
    }
    if board_page is None:
        return render(request, "community/question.html", context, status=status)
    response = board_page.render(
        request, template="community/question.html", context_overrides=context
    )
    response.status_code = status
    return response
