"""The demo's feedback: four months of smiley answers up to the day the demo is
loaded, drawn from a fixed seed. The share of happy answers climbs as the shop
finds its feet, and dips this week, when the delivery van broke down, so the
report shows a trend and its highlight."""

import datetime
import random

from django.utils import timezone

from blog.models import BlogPage, ProducerPage
from community.models import Feedback
from shop_link.models import Product

SEED = 20261207
WEEKS = 17

# Chance of a happy, a neutral answer (the rest are unhappy) in the first and
# the last full week; the weeks between move evenly from one to the other.
FIRST_WEEK = (0.55, 0.25)
LAST_WEEK = (0.8, 0.14)
# This week: the van broke down, deliveries came late and warm.
THIS_WEEK = (0.45, 0.2)
THIS_WEEK_ANSWERS = 14

# Answers a day on weekdays and on Saturdays; the shop is closed on Sundays,
# when only the website and the online shop get answers.
PER_DAY = {"weekday": (3, 7), "saturday": (6, 11), "sunday": (0, 3)}
CHANNELS = (("web", 0.45), ("counter", 0.3), ("online", 0.15), ("delivery", 0.1))
COMMENT_CHANCE = 0.18

# What people write, by where they answered and how they felt.
COMMENTS = {
    "web": {
        "happy": [
            "Schöne Geschichte über den Hof, so weiß man, wo es herkommt.",
            "Das Rezept hat auf Anhieb geklappt.",
        ],
        "neutral": [
            "Gut, aber ich hätte gern mehr über die Preise gelesen.",
            "Die Seite ist auf dem Handy etwas lang.",
        ],
        "unhappy": ["Zu diesem Käse hätte ich gern mehr über die Reifung gelesen."],
    },
    "counter": {
        "happy": [
            "Sehr freundliche Beratung an der Theke, danke!",
            "Der Bergkäse ist großartig, wir kommen wieder.",
        ],
        "neutral": [
            "Am Samstag war die Schlange ziemlich lang.",
            "Das Dinkelbrot war schon um elf ausverkauft.",
        ],
        "unhappy": ["Die Eier waren schon vergriffen, als ich um zehn kam."],
    },
    "online": {
        "happy": ["Endlich sieht man im Onlineshop, wer das Gemüse anbaut."],
        "neutral": ["Die Bestellung war einfach, die Abholzeiten könnten länger sein."],
        "unhappy": [
            "Im Onlineshop fehlte die Angabe zur Herkunft.",
            "Die Eier waren vergriffen, obwohl sie online noch da waren.",
        ],
    },
    "delivery": {
        "happy": ["Lieferung pünktlich und alles gut gekühlt."],
        "neutral": ["Die Kiste kam, aber ohne den bestellten Schnittlauch."],
        "unhappy": ["Die Lieferung kam zwei Stunden zu spät."],
    },
}
THIS_WEEK_COMMENTS = [
    "Lieferung kam erst am Abend, die Butter war weich.",
    "Zweimal verschoben, die Lieferung. Schade.",
    "Der Fahrer war sehr nett, aber viel zu spät.",
]


def build_feedback_demo(run, today: datetime.date | None = None):
    """Add the answers, unless the shop has feedback already."""
    if Feedback.objects.exists():
        return
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # noqa: S311 - made-up answers, the same each time
    places = _places()
    answers = []
    this_monday = today - datetime.timedelta(days=today.weekday())
    first_monday = this_monday - datetime.timedelta(weeks=WEEKS - 1)
    day = first_monday
    while day < this_monday:
        week = (day - first_monday).days // 7
        chances = _between(FIRST_WEEK, LAST_WEEK, week / (WEEKS - 2))
        for __ in range(rng.randint(*PER_DAY[_kind_of(day)])):
            answers.append(_answer(rng, day, chances, places))
        day += datetime.timedelta(days=1)
    days_this_week = [
        this_monday + datetime.timedelta(days=n) for n in range(today.weekday() + 1)
    ]
    for number in range(THIS_WEEK_ANSWERS):
        answer = _answer(rng, rng.choice(days_this_week), THIS_WEEK, places)
        if number < len(THIS_WEEK_COMMENTS):
            answer.face, answer.channel = "unhappy", "delivery"
            answer.page = answer.product = None
            answer.comment = THIS_WEEK_COMMENTS[number]
        answers.append(answer)
    Feedback.objects.bulk_create(answers)
    run.record("feedback answer", count=len(answers))


def _places() -> dict:
    return {
        "pages": list(BlogPage.objects.live().order_by("path")[:6])
        + list(ProducerPage.objects.live().order_by("path")[:3]),
        "products": list(Product.objects.order_by("pk")[:4]),
    }


def _kind_of(day: datetime.date) -> str:
    return {5: "saturday", 6: "sunday"}.get(day.weekday(), "weekday")


def _between(first, last, progress):
    return tuple(a + (b - a) * progress for a, b in zip(first, last, strict=True))


def _answer(rng, day, chances, places) -> Feedback:
    happy, neutral = chances
    draw = rng.random()
    face = (
        "happy" if draw < happy else "neutral" if draw < happy + neutral else "unhappy"
    )
    channel = rng.choices(
        [name for name, __ in CHANNELS], weights=[w for __, w in CHANNELS]
    )[0]
    if day.weekday() == 6 and channel in ("counter", "delivery"):
        channel = "online"
    answer = Feedback(face=face, channel=channel, day=day)
    if channel == "web":
        if places["products"] and rng.random() < 0.3:
            answer.product = rng.choice(places["products"])
        elif places["pages"] and rng.random() < 0.85:
            answer.page = rng.choice(places["pages"])
    if rng.random() < COMMENT_CHANCE:
        answer.comment = rng.choice(COMMENTS[channel][face])
    return answer
