"""What a member told the shop (interests, hidden categories), read once per
request and changed only here.

Only a logged-in member has a `Reader`, and it asks the database only for what a
page uses. An anonymous reader costs no query and sees what every other
anonymous reader sees. Nothing here notes what anyone reads or clicks.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.functional import cached_property

from blog.models import BlogCategory, BlogPage
from home.page_cache.recent import remembered
from shop_link.models import Product

from .interests import BY_KEY
from .models import Consent, HiddenCategory, MemberInterest

# Where a request keeps its reader.
_REQUEST_ATTRIBUTE = "_theke_reader"


@dataclass(frozen=True)
class Hidden:
    """The categories one member hid: blog categories by key, products' by name."""

    blog: frozenset[int] = frozenset()
    products: frozenset[str] = frozenset()

    def __bool__(self):
        return bool(self.blog or self.products)

    def condition(self, model) -> Q | None:
        """What matches a hidden category among objects of `model`, or None."""
        if issubclass(model, BlogPage) and self.blog:
            return Q(categories__in=self.blog)
        if issubclass(model, Product) and self.products:
            return Q(category__in=self.products)
        return None

    def hides_post(self, post) -> bool:
        """Whether one of the post's categories is hidden; reads prefetched rows."""
        return any(category.pk in self.blog for category in post.categories.all())

    def hides_product(self, product) -> bool:
        return product.category in self.products


class Reader:
    """A logged-in member as the pages of one request see them."""

    def __init__(self, user):
        self.user = user

    # Each is remembered by the process while nothing was purged: a change of
    # the member's own choices purges (`purge_own`, community/signals.py).

    @cached_property
    def interests(self) -> frozenset[str]:
        """The keys of the interests the member chose."""
        return remembered(f"own:{self.user.pk}:interests", self._interests)

    def _interests(self) -> frozenset[str]:
        return frozenset(
            MemberInterest.objects.filter(user=self.user).values_list(
                "interest", flat=True
            )
        )

    @cached_property
    def hidden(self) -> Hidden:
        return remembered(f"own:{self.user.pk}:hidden", self._hidden)

    def _hidden(self) -> Hidden:
        rows = HiddenCategory.objects.filter(user=self.user).values_list(
            "blog_category_id", "product_category"
        )
        return Hidden(
            blog=frozenset(blog for blog, _product in rows if blog is not None),
            products=frozenset(product for _blog, product in rows if product),
        )


def reader_of(request) -> Reader | None:
    """The request's logged-in member as a Reader, made once; None for others."""
    if request is None:
        return None
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        user = getattr(request, "user", None)
        reader = Reader(user) if user is not None and user.is_authenticated else None
        setattr(request, _REQUEST_ATTRIBUTE, reader)
    return getattr(request, _REQUEST_ATTRIBUTE)


def hidden_of(user) -> Hidden:
    """The categories a member hid, read without a request (their feed)."""
    return Reader(user).hidden


# Changes


@transaction.atomic
def choose_interest(user, key: str, chosen: bool) -> bool:
    """Choose or take back an interest, recording the consent; False if nothing
    changed (it was already so). Raises KeyError for an unknown interest."""
    interest = BY_KEY[key]
    if chosen:
        _row, changed = MemberInterest.objects.get_or_create(user=user, interest=key)
    else:
        changed = bool(
            MemberInterest.objects.filter(user=user, interest=key).delete()[0]
        )
    if changed:
        Consent.objects.create(
            user=user, subject=key, given=chosen, text_version=interest.version
        )
    return changed


def hide_blog_category(user, category: BlogCategory) -> bool:
    _row, created = HiddenCategory.objects.get_or_create(
        user=user, blog_category=category
    )
    return created


def hide_product_category(user, name: str) -> bool:
    _row, created = HiddenCategory.objects.get_or_create(
        user=user, product_category=name
    )
    return created


def show_blog_category(user, category: BlogCategory) -> bool:
    return bool(
        HiddenCategory.objects.filter(user=user, blog_category=category).delete()[0]
    )


def show_product_category(user, name: str) -> bool:
    return bool(
        HiddenCategory.objects.filter(user=user, product_category=name).delete()[0]
    )


def product_categories() -> list[str]:
    """The product categories the catalogue knows, in order."""
    return list(
        Product.objects.exclude(category="")
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )
