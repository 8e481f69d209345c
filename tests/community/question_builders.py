"""Builders shared by the product question tests."""

import json
import re

from community.models import CommunityIndexPage, ProductAnswer, ProductQuestion
from tests.factories import (
    ProducerPageFactory,
    ProductFactory,
    build_catalogue,
    build_site,
    publish,
)


def build_shop():
    """A catalogue, the board page, a producer and one of its products."""
    home, __, producers = build_site()
    catalogue = build_catalogue(home)
    board = CommunityIndexPage(title="Gemeinschaft", slug="community")
    home.add_child(instance=board)
    publish(board)
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    cheese = ProductFactory(
        title="Heumilch-Bergkäse", slug="heumilch-bergkaese", producer=producer
    )
    return {
        "catalogue": catalogue,
        "board": board,
        "producer": producer,
        "cheese": cheese,
    }


def ask(product, author, text="Ist der Käse laktosefrei?", **fields):
    return ProductQuestion.objects.create(
        product=product, author=author, text=text, text_html=f"<p>{text}</p>", **fields
    )


def answer(question, author, text="Ja, durch die lange Reifung.", **fields):
    return ProductAnswer.objects.create(
        question=question,
        author=author,
        text=text,
        text_html=f"<p>{text}</p>",
        **fields,
    )


def product_url(shop, product=None):
    return f"/products/{(product or shop['cheese']).slug}/"


def question_url(question):
    return f"/community/questions/{question.pk}/"


def json_ld_of(html):
    return [
        json.loads(found)
        for found in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]
