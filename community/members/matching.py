"""Which stories and products serve which interest: the one rule, kept here.

A story serves an interest when staff put one of its categories under that
interest (Community → Interests in the admin). A product serves it when staff
put its category under it, and besides:

- "Offers and coupons": every product with a sale price;
- "New products": every product that first appeared in a feed within the last
  COMMUNITY_NEW_PRODUCT_DAYS days.

Only what a member chose counts; nothing is inferred from what they read.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from blog.models import BlogPage
from shop_link.models import Product

from ..conf import setting
from .interests import BY_KEY, INTERESTS, NEW_PRODUCTS, OFFERS
from .models import InterestCategories
from .preferences import reader_of


@dataclass
class Rule:
    """The categories staff put under one interest."""

    blog: set[int] = field(default_factory=set)
    products: set[str] = field(default_factory=set)


def rules_for(keys) -> dict[str, Rule]:
    """The rule of each interest in `keys`, in one query."""
    rules = {key: Rule() for key in keys}
    rows = InterestCategories.objects.filter(interest__in=rules).values_list(
        "interest", "blog_categories", "product_categories"
    )
    for key, blog_category, product_categories in rows:
        if blog_category is not None:
            rules[key].blog.add(blog_category)
        rules[key].products.update(product_categories or ())
    return rules


def new_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(
        days=setting("COMMUNITY_NEW_PRODUCT_DAYS")
    )


def post_condition(rules: dict[str, Rule]) -> Q | None:
    categories = set().union(*(rule.blog for rule in rules.values()))
    return Q(categories__in=categories) if categories else None


def product_condition(rules: dict[str, Rule], since) -> Q | None:
    conditions = []
    categories = set().union(*(rule.products for rule in rules.values()))
    if categories:
        conditions.append(Q(category__in=categories))
    if OFFERS in rules:
        conditions.append(Q(sale_price__isnull=False))
    if NEW_PRODUCTS in rules:
        conditions.append(Q(created_at__gte=since))
    if not conditions:
        return None
    condition = conditions[0]
    for more in conditions[1:]:
        condition |= more
    return condition


def post_interests(post, rules: dict[str, Rule]) -> list[str]:
    """The keys of the interests a story serves; reads its prefetched categories."""
    categories = {category.pk for category in post.categories.all()}
    return [key for key, rule in rules.items() if rule.blog & categories]


def product_interests(product, rules: dict[str, Rule], since) -> list[str]:
    keys = [key for key, rule in rules.items() if product.category in rule.products]
    if OFFERS in rules and product.sale_price is not None and OFFERS not in keys:
        keys.append(OFFERS)
    if NEW_PRODUCTS in rules and product.created_at >= since:
        keys.append(NEW_PRODUCTS)
    return keys


@dataclass
class Match:
    """A story or product for a member, with the interests it serves."""

    item: object
    interests: list[str]

    @property
    def labels(self) -> list[str]:
        return [BY_KEY[key].label for key in self.interests if key in BY_KEY]


def for_you(reader) -> dict:
    """The newest stories and products that serve the reader's interests,
    leaving out the categories they hid."""
    rules = rules_for(sorted(reader.interests))
    since = new_since()
    hidden = reader.hidden
    posts, products = [], []
    if (condition := post_condition(rules)) is not None:
        found = (
            BlogPage.objects.live()
            .public()
            .filter(pk__in=BlogPage.objects.filter(condition).values("pk"))
        )
        if (hiding := hidden.condition(BlogPage)) is not None:
            found = found.exclude(pk__in=BlogPage.objects.filter(hiding).values("pk"))
        posts = [
            Match(post, post_interests(post, rules))
            for post in found.for_listing()[: setting("COMMUNITY_FOR_YOU_POSTS")]
        ]
    if (condition := product_condition(rules, since)) is not None:
        found = Product.objects.on_sale().filter(condition)
        if (hiding := hidden.condition(Product)) is not None:
            found = found.exclude(hiding)
        products = [
            Match(product, product_interests(product, rules, since))
            for product in found.for_listing().order_by("-created_at", "-pk")[
                : setting("COMMUNITY_FOR_YOU_PRODUCTS")
            ]
        ]
    return {"posts": posts, "products": products}


def for_you_section(request, page, slot):
    """The "for_you" slot of the home page, for members who chose interests."""
    if slot != "for_you":
        return None
    reader = reader_of(request)
    if reader is None or not reader.interests:
        return None
    return "community/for_you.html", {
        **for_you(reader),
        "interest_labels": [
            interest.label for interest in INTERESTS if interest.key in reader.interests
        ],
    }
