"""The faces readers click: under posts, producer pages and products, and on
/feedback/, where a QR code at the counter or on a delivery note leads.

The widget is the same for every reader (no token, no cookie), so a cached
page can carry it; the page's script adds what makes one page view.
"""

from django.utils.translation import gettext_lazy as _

from shop_link.models import Product

from .forms import AUTO_ID, CommentForm
from .models import PAGE_TYPES, Channel, Face

# The question /feedback/ asks, for each channel its link names.
QUESTIONS = {
    Channel.WEB: _("How was your visit?"),
    Channel.COUNTER: _("How was your shopping at our counter?"),
    Channel.DELIVERY: _("How was your delivery?"),
    Channel.ONLINE: _("How was your order from our online shop?"),
}

PAGE_QUESTION = _("How do you like this page?")


def feedback_section(request, page, slot):
    """The "feedback" slot: the faces under a post, a producer page or a product."""
    if slot != "feedback":
        return None
    if isinstance(page, Product):
        where = {"product": page.pk}
    elif isinstance(page, PAGE_TYPES):
        where = {"page": page.pk}
    else:
        return None
    return "community/feedback/widget.html", {
        "feedback": widget(Channel.WEB, PAGE_QUESTION, **where)
    }


def widget(channel, question, *, page=None, product=None, standalone=False) -> dict:
    """What widget.html shows: the question, the faces, where they post, and
    the comment form the page's script shows after the click."""
    return {
        "question": question,
        "channel": channel,
        "page": page or "",
        "product": product or "",
        "faces": Face.choices,
        "standalone": standalone,
        "comment_form": CommentForm(auto_id=AUTO_ID),
    }
