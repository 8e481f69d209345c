from django.db import migrations


def clear_reasons_of_published_posts(apps, schema_editor):
    """Posts approved while approving kept the reason still carry it; a
    published post is held by nothing."""
    Comment = apps.get_model("community", "Comment")
    Comment.objects.filter(is_public=True).exclude(held_reason="").update(
        held_reason=""
    )
    for name in ("Topic", "ProductQuestion", "ProductAnswer"):
        model = apps.get_model("community", name)
        model.objects.filter(state="published").exclude(held_reason="").update(
            held_reason=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0010_topic_status_reads_unanswered"),
    ]

    operations = [
        migrations.RunPython(
            clear_reasons_of_published_posts, migrations.RunPython.noop
        ),
    ]
