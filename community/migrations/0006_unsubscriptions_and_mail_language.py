import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_comment_rejected_and_moderation_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("de", "German"), ("en", "English")],
                help_text="The language the member last wrote in; mails use it.",
                max_length=10,
                verbose_name="language for e-mails",
            ),
        ),
        migrations.CreateModel(
            name="Unsubscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "email",
                    models.EmailField(max_length=254, verbose_name="e-mail address"),
                ),
                (
                    "object_pk",
                    models.CharField(max_length=64, verbose_name="object id"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, verbose_name="unsubscribed"
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "unsubscription",
                "verbose_name_plural": "unsubscriptions",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("email", "content_type", "object_pk"),
                        name="one_unsubscription_per_discussion",
                    )
                ],
            },
        ),
    ]
