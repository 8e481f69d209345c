"""Counting the comments on one object reads only that object's comments."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from community.discussions.models import Comment
from tests.factories import BlogPageFactory, add_comment, build_site

pytestmark = pytest.mark.django_db


def test_the_comments_table_has_an_index_on_the_object_they_are_on():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, "django_comments"
        )
    indexed = [found["columns"] for found in constraints.values() if found["index"]]
    assert ["content_type_id", "object_pk", "site_id"] in indexed


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the plan of SQLite without statistics"
)
def test_sqlite_counts_one_posts_comments_through_that_index():
    _, blog, _ = build_site()
    post = BlogPageFactory(parent=blog)
    add_comment(post)
    count = Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(post), object_pk=str(post.pk)
    ).values("pk")
    sql, params = count.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "theke_comments_on_object" in plan
