"""Labels staff keep as snippets: blog categories and producer certifications."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class BlogCategory(models.Model):
    """A topic that groups posts, such as recipes or news from the farm."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Certification(models.Model):
    """A label a producer holds, such as EU organic or Demeter."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    code = models.CharField(
        _("inspection code"),
        max_length=40,
        blank=True,
        help_text=_("e.g. the control body number DE-ÖKO-006"),
    )
    description = models.TextField(_("what it means"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self):
        return self.name
