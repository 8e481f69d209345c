# Late mail is kept whole, as the mail server gets it, for every mail of the
# site; mail kept before as subject, text and HTML is written out that way.

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import migrations, models


def write_out(apps, schema_editor):
    LateMail = apps.get_model("community", "LateMail")
    for late in LateMail.objects.exclude(text="", html=""):
        message = EmailMultiAlternatives(
            subject=late.subject,
            body=late.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[late.to],
            headers=late.headers or None,
        )
        if late.html:
            message.attach_alternative(late.html, "text/html")
        late.sender = message.from_email
        late.recipients = message.recipients()
        late.message = message.message().as_bytes()
        late.save(update_fields=("sender", "recipients", "message"))


class Migration(migrations.Migration):

    dependencies = [
        ("community", "0017_late_mail"),
    ]

    operations = [
        migrations.AddField(
            model_name="latemail",
            name="message",
            field=models.BinaryField(
                blank=True, default=b"", verbose_name="the whole mail"
            ),
        ),
        migrations.AddField(
            model_name="latemail",
            name="recipients",
            field=models.JSONField(default=list, verbose_name="recipients"),
        ),
        migrations.AddField(
            model_name="latemail",
            name="sender",
            field=models.TextField(blank=True, verbose_name="sender"),
        ),
        migrations.AlterField(
            model_name="latemail",
            name="to",
            field=models.TextField(verbose_name="to"),
        ),
        migrations.RunPython(write_out, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="latemail",
            name="headers",
        ),
        migrations.RemoveField(
            model_name="latemail",
            name="html",
        ),
        migrations.RemoveField(
            model_name="latemail",
            name="text",
        ),
    ]
