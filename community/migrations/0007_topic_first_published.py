from django.db import migrations, models
from django.db.models import Q


def note_earlier_publications(apps, schema_editor):
    """Topics that are public, or were (only public topics can be reported or
    replied to), count as published since they were started."""
    Topic = apps.get_model("community", "Topic")
    Report = apps.get_model("community", "Report")
    reported = Report.objects.filter(topic__isnull=False).values("topic_id")
    for topic in Topic.objects.filter(Q(state="published") | Q(pk__in=reported)):
        Topic.objects.filter(pk=topic.pk).update(first_published_at=topic.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_unsubscriptions_and_mail_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="first published",
            ),
        ),
        migrations.RunPython(note_earlier_publications, migrations.RunPython.noop),
    ]
