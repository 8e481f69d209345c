from django.db import migrations

GROUP = "Community moderators"


def drop_can_moderate(apps, schema_editor):
    """Take django_comments' can_moderate away from the moderators group.

    It opened xtd's delete and approve views, which save() comments (publishing
    or withdrawing their replies with them) outside Theke's queue and log. The
    group moderates through `community.moderate_community`, which also gives
    the Moderator badge.
    """
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    group.permissions.remove(
        *Permission.objects.filter(
            codename="can_moderate", content_type__app_label="django_comments"
        )
    )


def restore_can_moderate(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            codename="can_moderate", content_type__app_label="django_comments"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0007_topic_first_published"),
    ]

    operations = [
        migrations.RunPython(drop_can_moderate, restore_can_moderate),
    ]
