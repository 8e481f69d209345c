"""The community: comments and the comment form, the board's categories, topics
and replies, product questions and answers, and a mail server that is down."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment

from community.board.topics import unique_topic_slug
from community.discussions.forms import CommentForm
from community.models import (
    BoardCategory,
    Comment,
    CommunityIndexPage,
    ProductAnswer,
    ProductQuestion,
    Topic,
)
from tests.factories.pages import (
    ProducerPageFactory,
    ProductFactory,
    build_catalogue,
    build_site,
    publish,
)

# --- comments --------------------------------------------------------------------

# Where the comment form posts to.
POST_URL = "/comments/post/"


def add_comment(
    target,
    user=None,
    text="Schön!",
    parent=None,
    *,
    name="Gast",
    email="gast@example.org",
    **fields,
):
    """A comment on `target`, saved as xtd saves one (thread data and all);
    published unless `is_public=False`. A guest's unless `user` is given, then
    `name` and `email` are the guest's."""
    saved = Comment(
        content_object=target,
        site_id=1,
        user=user,
        user_name=user.profile.display_name if user else name,
        user_email=user.email if user else email,
        comment=text,
        parent_id=parent.pk if parent else 0,
        **{"is_public": True, **fields},
    )
    saved.save()
    saved.refresh_from_db()
    return saved


def form_data(target, text="Wie lange reift der Käse?", reply_to=0, **extra):
    """What the comment form for `target` posts, as a member fills it in."""
    data = CommentForm(target).initial.copy()
    data.update(comment=text, reply_to=reply_to, name="", email="", honeypot="")
    data.update(extra)
    return data


def long_thread(post, replies, people):
    """A root and `replies` replies in xtd's thread order, stored at once.

    Every other reply answers the one before it (level 2), the rest answer the
    root (level 1); `order` numbers them depth-first from the root's 1, as xtd
    does when it saves them one by one.
    """
    root = add_comment(post, people[0], "Wer hat das beste Sauerteigrezept?")
    content_type = ContentType.objects.get_for_model(post)
    now = timezone.now()
    comments = []
    for number in range(replies):
        author = people[(number + 1) % len(people)]
        comments.append(
            Comment(
                content_type=content_type,
                object_pk=str(post.pk),
                site_id=1,
                user=author,
                user_name=author.profile.display_name,
                user_email=author.email,
                comment=f"Antwort {number + 1}",
                body_html=f"<p>Antwort {number + 1}</p>",
                submit_date=now,
                is_public=True,
                thread_id=root.pk,
                level=1 if number % 2 == 0 else 2,
                order=number + 2,
            )
        )
    _store_at_once(comments)
    for number, made in enumerate(comments):
        made.parent_id = root.pk if number % 2 == 0 else comments[number - 1].pk
    _store_at_once(comments, tables=(XtdComment, Comment))
    return root, comments


def _store_at_once(comments, tables=(BaseComment,)):
    """Insert the comments' rows into the tables of their models, a few
    statements for all (bulk_create refuses models inherited over tables)."""
    if tables == (BaseComment,):
        fields = [
            field
            for field in BaseComment._meta.local_concrete_fields
            if not field.primary_key
        ]
        stored = BaseComment.objects.bulk_create(
            [
                BaseComment(
                    **{field.attname: getattr(c, field.attname) for field in fields}
                )
                for c in comments
            ],
            batch_size=200,
        )
        for made, base in zip(comments, stored, strict=True):
            made.id = made.comment_ptr_id = made.xtdcomment_ptr_id = base.pk
        return
    for model in tables:
        for start in range(0, len(comments), 200):
            model._base_manager._insert(
                comments[start : start + 200],
                fields=model._meta.local_concrete_fields,
                raw=True,
            )


# --- the board ---------------------------------------------------------------------


def build_board(home=None):
    """The live discussion board at /community/ under the home page."""
    home = home or build_site()[0]
    board = CommunityIndexPage(title="Gemeinschaft", slug="community")
    home.add_child(instance=board)
    return publish(board)


def category(name="Rezepte", slug=None, order=0):
    return BoardCategory.objects.create(
        name=name, slug=slug or name.lower(), sort_order=order
    )


def topic(author, topic_category, title="Ofengemüse", days_ago=0, **fields):
    """A topic last active `days_ago` days ago, published unless `state` says."""
    fields.setdefault("slug", unique_topic_slug(title))
    return Topic.objects.create(
        category=topic_category,
        author=author,
        title=title,
        body="Mit Honig und Thymian.",
        body_html="<p>Mit Honig und Thymian.</p>",
        last_activity_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def reply(to_topic, user, text="Danke!"):
    """A published reply to a topic, stored directly."""
    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Topic),
        object_pk=str(to_topic.pk),
        site_id=1,
        user=user,
        comment=text,
        is_public=True,
    )


# --- product questions -----------------------------------------------------------


def build_shop():
    """A catalogue, the board page, a producer and one of its products."""
    home, __, producers = build_site()
    catalogue = build_catalogue(home)
    board = build_board(home)
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
