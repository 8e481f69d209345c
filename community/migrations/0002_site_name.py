from django.core.management.color import no_style
from django.db import migrations


def name_the_site(apps, schema_editor):
    """Comment mails name the site: replace Django's example.com placeholder."""
    Site = apps.get_model("sites", "Site")
    # Django adds example.com after the last migration when no site exists yet.
    site, created = Site.objects.get_or_create(
        pk=1, defaults={"domain": "localhost:8000", "name": "Theke"}
    )
    if created:
        # An explicit id leaves PostgreSQL's sequence behind; move it on.
        connection = schema_editor.connection
        for sql in connection.ops.sequence_reset_sql(no_style(), [Site]):
            schema_editor.execute(sql)
    elif site.domain == "example.com":
        site.domain, site.name = "localhost:8000", "Theke"
        site.save()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
