"""The demo's product questions: answered and open ones, from customers, with
answers from the shop's team and a producer, and one held for a moderator."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from blog.models import ProducerPage
from community.models import ModerationState, ProductAnswer, ProductQuestion, Profile
from community.writing import held
from community.writing.sanitize import render_text
from shop_link.models import Product

from .members import at, ensure_members
from .people import ensure_team

# A member who speaks for a producer and answers for it.
PRODUCER_MEMBER = {
    "email": "hanne.wendt@example.org",
    "name": "Hanne Wendt",
    "producer": "hofkaeserei-wendt",
}

QUESTIONS = [
    {
        "product": "KW-01",
        "author": "jana.petersen@example.org",
        "text": (
            "Darf ich den jungen Bergkäse in der Schwangerschaft essen? "
            "Ist das Rohmilchkäse?"
        ),
        "asked": at(3, 11, 9, 40),
        "answers": [
            {
                "author": "jonas@lindenhof.example",
                "text": (
                    "Gute Frage! Der Bergkäse ist aus Heumilch, die die Käserei "
                    "schonend auf 65 °C erwärmt (thermisiert), also kein Rohmilchkäse "
                    "im strengen Sinn. Für Schwangere empfehlen wir trotzdem, die "
                    "Rinde großzügig abzuschneiden. Im Zweifel fragen Sie bitte Ihre "
                    "Hebamme."
                ),
                "at": at(3, 11, 14, 5),
                "accepted": True,
            },
            {
                "author": "hanne.wendt@example.org",
                "text": (
                    "Kurz ergänzt von der Käserei: Wir thermisieren jede Charge und "
                    "lassen regelmäßig auf Listerien prüfen. Die Prüfberichte zeigen "
                    "wir gern beim Hoffest."
                ),
                "at": at(4, 11, 8, 30),
            },
        ],
    },
    {
        "product": "KW-02",
        "author": "matthias.krueger@example.org",
        "text": (
            "Ist der zwölf Monate gereifte Käse laktosefrei? Meine Tochter verträgt "
            "keinen Milchzucker."
        ),
        "asked": at(8, 11, 19, 12),
        "answers": [
            {
                "author": "hanne.wendt@example.org",
                "text": (
                    "Nach zwölf Monaten Reifung ist praktisch keine Laktose mehr "
                    "darin: unter 0,1 g je 100 g. Die Milchsäurebakterien bauen sie "
                    "in den ersten Wochen ab. Viele Kundinnen mit Laktoseintoleranz "
                    "vertragen ihn gut."
                ),
                "at": at(9, 11, 7, 50),
            }
        ],
    },
    {
        "product": "LH-2007",
        "author": "ayse.demir@example.org",
        "text": (
            "Wie lange bleibt das Dinkelvollkornbrot frisch, und kann ich es "
            "einfrieren?"
        ),
        "asked": at(10, 11, 16, 0),
        "answers": [
            {
                "author": "greta@lindenhof.example",
                "text": (
                    "Im Leinenbeutel oder Brottopf hält es gut vier bis fünf Tage. "
                    "Einfrieren geht prima: am besten in Scheiben, dann nehmen Sie "
                    "nur heraus, was Sie brauchen, und toasten es kurz auf."
                ),
                "at": at(10, 11, 18, 20),
            }
        ],
    },
    {
        "product": "LH-2007",
        "author": "heike.brandt@example.org",
        "text": "Ist in dem Dinkelbrot Hefe, oder geht es nur mit Sauerteig?",
        "asked": at(17, 11, 11, 25),
    },
    {
        "product": "LH-4005",
        "author": "matthias.krueger@example.org",
        "text": (
            "Kann ich das Lammhack für Köfte nehmen, oder ist es dafür zu mager? "
            "Muss ich noch Rinderhack dazumischen?"
        ),
        "asked": at(19, 11, 20, 45),
    },
    {
        "product": "LH-1001",
        "author": "jana.petersen@example.org",
        "text": "Was bedeutet eigentlich Heumilch? Bekommen die Kühe gar keine Silage?",
        "asked": at(12, 11, 8, 15),
        "answers": [
            {
                "author": "jonas@lindenhof.example",
                "text": (
                    "Genau: Heumilch-Kühe bekommen im Sommer frisches Gras und "
                    "Kräuter, im Winter Heu, aber nie vergorenes Futter wie Silage. "
                    "Das schmeckt man, und für lange gereiften Käse ist es wichtig, "
                    "weil er ohne Silage keine Spätblähung bekommt."
                ),
                "at": at(12, 11, 12, 0),
            }
        ],
    },
    {
        "product": "KW-03",
        "author": "heike.brandt@example.org",
        "text": (
            "Gibt es den 24 Monate alten Käse auch als ganzes Rad? Ich würde gern "
            "für unseren Verein bestellen."
        ),
        "asked": at(20, 11, 21, 10),
        "state": ModerationState.PENDING,
        "held_reason": held.FIRST_POSTS,
    },
]


def build_questions_demo(run):
    """Create the team's and the producer's accounts and the questions if missing."""
    people = ensure_members(run)
    people.update(ensure_team(run))
    producer_member = ensure_producer_member(run)
    if producer_member is not None:
        people[PRODUCER_MEMBER["email"]] = producer_member
    ensure_questions(run, people)


def ensure_producer_member(run):
    producer = ProducerPage.objects.filter(slug=PRODUCER_MEMBER["producer"]).first()
    if producer is None:
        return None
    User = get_user_model()
    email = PRODUCER_MEMBER["email"]
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email, email=email)
        user.theke_display_name = PRODUCER_MEMBER["name"]
        user.set_unusable_password()
        user.save()
        run.record("member")
    Profile.objects.get_or_create(
        user=user, defaults={"display_name": PRODUCER_MEMBER["name"]}
    )
    # Staff may have changed whom the member speaks for; only an unset one is set.
    Profile.objects.filter(user=user, producer__isnull=True).update(producer=producer)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_questions(run, people):
    products = {
        product.external_id: product
        for product in Product.objects.filter(
            external_id__in={data["product"] for data in QUESTIONS}
        )
    }
    existing = set(ProductQuestion.objects.values_list("product_id", "text"))
    for data in QUESTIONS:
        product = products.get(data["product"])
        author = people.get(data["author"])
        if product is None or author is None or (product.pk, data["text"]) in existing:
            continue
        question = ProductQuestion.objects.create(
            product=product,
            author=author,
            text=data["text"],
            text_html=render_text(data["text"]),
            state=data.get("state", ModerationState.PUBLISHED),
            held_reason=data.get("held_reason", ""),
        )
        # created_at is set on insert; the demo's questions carry fixed dates.
        ProductQuestion.objects.filter(pk=question.pk).update(created_at=data["asked"])
        run.record("product question")
        for answer_data in data.get("answers", []):
            answerer = people.get(answer_data["author"])
            if answerer is None:
                continue
            answer = ProductAnswer.objects.create(
                question=question,
                author=answerer,
                text=answer_data["text"],
                text_html=render_text(answer_data["text"]),
            )
            ProductAnswer.objects.filter(pk=answer.pk).update(
                created_at=answer_data["at"]
            )
            run.record("answer")
            if answer_data.get("accepted"):
                ProductQuestion.objects.filter(pk=question.pk).update(
                    accepted_answer=answer
                )
