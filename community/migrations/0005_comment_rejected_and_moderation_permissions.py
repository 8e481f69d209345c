from django.db import migrations, models

GROUP = "Community moderators"

# (app label, model, codename, name): what a community moderator may do. No page
# permissions: moderators keep the community tidy but do not publish pages.
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("django_comments", "comment", "can_moderate", "Can moderate comments"),
    (
        "community",
        "comment",
        "moderate_community",
        "Can moderate comments, topics and questions",
    ),
    ("community", "comment", "view_comment", "Can view comment"),
    ("community", "comment", "change_comment", "Can change comment"),
    ("community", "topic", "view_topic", "Can view topic"),
    ("community", "topic", "change_topic", "Can change topic"),
    (
        "community",
        "productquestion",
        "view_productquestion",
        "Can view product question",
    ),
    (
        "community",
        "productquestion",
        "change_productquestion",
        "Can change product question",
    ),
    ("community", "productanswer", "view_productanswer", "Can view answer"),
    ("community", "productanswer", "change_productanswer", "Can change answer"),
    ("community", "report", "view_report", "Can view report"),
    ("community", "report", "change_report", "Can change report"),
]


def create_moderators(apps, schema_editor):
    """The "Community moderators" group, with the permissions it needs and no more.

    Permissions are created here when missing: on a new database Django only
    creates them after all migrations have run.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, __ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, __ = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        permission, __ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_question_notify_and_answer_hold"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="comment",
            options={
                "permissions": [
                    (
                        "moderate_community",
                        "Can moderate comments, topics and questions",
                    ),
                    ("view_member_email", "Can see members' e-mail addresses"),
                ],
                "verbose_name": "comment",
                "verbose_name_plural": "comments",
            },
        ),
        migrations.AddField(
            model_name="comment",
            name="rejected_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when a moderator rejected the comment; it stays hidden.",
                null=True,
                verbose_name="rejected",
            ),
        ),
        migrations.RunPython(create_moderators, remove_moderators),
    ]
