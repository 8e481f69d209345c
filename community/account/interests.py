"""The member's interests, hidden categories, feed address and consents at
/account/interests/: each choice is one click and counts at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from blog.models import BlogCategory, BlogPage
from blog.models.listing import Hiding
from home.redirects import redirect_next
from shop_link.models import Product

from ..discussions.views import wants_json
from ..members import preferences
from ..members.forms import HiddenCategoryForm, InterestChoiceForm
from ..members.interests import INTERESTS, label_of
from ..members.models import Consent, PersonalFeed


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def interests(request):
    """The page; a POST chooses or takes back one interest."""
    if request.method != "POST":
        return _page(request)
    form = InterestChoiceForm(request.POST)
    if not form.is_valid():
        return _refused(request, form)
    key, chosen = form.cleaned_data["interest"], form.cleaned_data["chosen"]
    preferences.choose_interest(request.user, key, chosen)
    template = (
        _("“%(interest)s” is chosen and counts from now on.")
        if chosen
        else _("“%(interest)s” is no longer chosen.")
    )
    message = template % {"interest": label_of(key)}
    if wants_json(request):
        return JsonResponse({"chosen": chosen, "message": message})
    messages.success(request, message)
    return redirect(reverse("account_interests") + f"#interest-{key}")


@login_required
@require_POST
def hidden_categories(request):
    """Hide one category or show it again, from this page or from a card."""
    hidden = preferences.reader_of(request).hidden
    form = HiddenCategoryForm(
        request.POST, product_categories=_known_product_categories(hidden)
    )
    if not form.is_valid():
        return _refused(request, form)
    hide = form.cleaned_data["hide"]
    if category := form.cleaned_data["blog_category"]:
        change = (
            preferences.hide_blog_category if hide else preferences.show_blog_category
        )
        change(request.user, category)
        name, anchor = category.name, f"blog-category-{category.pk}"
        hidden_text = _("Stories in “%(category)s” are hidden from now on.")
    else:
        name = form.cleaned_data["product_category"]
        change = (
            preferences.hide_product_category
            if hide
            else preferences.show_product_category
        )
        change(request.user, name)
        anchor = "hidden"
        hidden_text = _("Products in “%(category)s” are hidden from now on.")
    message = (hidden_text if hide else _("“%(category)s” is shown again.")) % {
        "category": name
    }
    if wants_json(request):
        return JsonResponse({"hidden": hide, "message": message})
    messages.success(request, message)
    return redirect_next(request, reverse("account_interests") + f"#{anchor}")


@login_required
@require_POST
def feed_address(request):
    """Make, renew or remove the address of the member's own feed."""
    action = request.POST.get("action")
    with transaction.atomic():
        PersonalFeed.objects.filter(user=request.user).delete()
        if action in {"make", "renew"}:
            PersonalFeed.objects.create(user=request.user)
    if action == "make":
        messages.success(request, _("Your feed address is ready."))
    elif action == "renew":
        messages.success(
            request, _("Your feed has a new address; the old one no longer works.")
        )
    else:
        messages.success(request, _("Your feed address is removed."))
    return redirect(reverse("account_interests") + "#feed")


def _known_product_categories(hidden) -> list[str]:
    """The catalogue's categories, and those the member hid that it no longer has."""
    return sorted(set(preferences.product_categories()) | hidden.products)


def _refused(request, form):
    errors = [error for errors in form.errors.values() for error in errors]
    if wants_json(request):
        return JsonResponse({"errors": errors}, status=400)
    return _page(request, errors=errors, status=400)


def _page(request, errors=(), status=200):
    user = request.user
    reader = preferences.reader_of(request)
    hidden = reader.hidden
    feed = PersonalFeed.objects.filter(user=user).first()
    return render(
        request,
        "account/interests.html",
        {
            "errors": errors,
            "interests": [
                (interest, interest.key in reader.interests) for interest in INTERESTS
            ],
            "blog_categories": [
                (category, category.pk in hidden.blog)
                for category in BlogCategory.objects.order_by("name")
            ],
            "product_categories": [
                (name, name in hidden.products)
                for name in _known_product_categories(hidden)
            ],
            "feed": feed,
            "feed_urls": _feed_urls(request, feed),
            "consents": Consent.objects.of(user),
        },
        status=status,
    )


def _feed_urls(request, feed) -> dict:
    if feed is None:
        return {}
    return {
        kind: request.build_absolute_uri(
            reverse("account_personal_feed", args=[feed.token, kind])
        )
        for kind in ("rss", "atom")
    }


# What listings and cards of the blog and the shop ask through their hooks.


def hiding(request, model):
    """The "theke_reader_hides" hook: the categories this member hid."""
    reader = preferences.reader_of(request)
    if reader is None:
        return None
    condition = reader.hidden.condition(model)
    if condition is None:
        return None
    return Hiding(condition, reverse("account_interests") + "#hidden")


def card_tools(request, item):
    """The "theke_reader_tools" hook: "not interested in this category" on the
    card of a story or a product, for logged-in members only."""
    reader = preferences.reader_of(request)
    if reader is None:
        return None
    hidden = reader.hidden
    if isinstance(item, BlogPage):
        categories = [
            {
                "field": "blog_category",
                "value": category.pk,
                "name": category.name,
                "hidden": category.pk in hidden.blog,
            }
            for category in item.categories.all()
        ]
    elif isinstance(item, Product) and item.category:
        categories = [
            {
                "field": "product_category",
                "value": item.category,
                "name": item.category,
                "hidden": item.category in hidden.products,
            }
        ]
    else:
        return None
    if not categories:
        return None
    return "community/card_tools.html", {"tool_categories": categories}
