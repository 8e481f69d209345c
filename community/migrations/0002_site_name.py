from django.db import migrations


def name_the_site(apps, schema_editor):
    """Comment mails name the site: replace Django's example.com placeholder."""
    Site = apps.get_model("sites", "Site")
    # Django adds example.com after the last migration when no site exists yet.
    site, created = Site.objects.get_or_create(
        pk=1, defaults={"domain": "localhost:8000", "name": "Theke"}
    )
    if not created and site.domain == "example.com":
        site.domain, site.name = "localhost:8000", "Theke"
        site.save()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
