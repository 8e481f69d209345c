"""An index on the comments' (content type, object) pair.

Every page with a discussion, and every listing with comment counts, asks for
the comments on one object. django-contrib-comments indexes the object's id
and the content type apart; without the query planner's statistics SQLite
then reads every comment of a content type to count the comments of one post.
The pair, indexed together, answers each such question directly.
"""

from django.db import migrations

INDEX = "theke_comments_on_object"


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0015_interests_consents_and_announcements"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON django_comments (content_type_id, object_pk, site_id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
