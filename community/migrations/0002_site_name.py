from django.db import migrations


def name_the_site(apps, schema_editor):
    """Comment mails name the site: replace Django's example.com placeholder."""
    Site = apps.get_model("sites", "Site")
    Site.objects.filter(pk=1, domain="example.com").update(
        domain="localhost:8000", name="Theke"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
