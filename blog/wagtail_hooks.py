from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .feed_links import feed_links
from .models import Author, BlogCategory, Certification


class AuthorAdminForm(WagtailAdminModelForm):
    """An author links to a staff account only: listing every account would
    show editors the customers' usernames, which may be e-mail addresses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("user")
        if field is not None:
            linked = Q(pk=self.instance.user_id) if self.instance.user_id else Q()
            field.queryset = field.queryset.filter(Q(is_staff=True) | linked)


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "user"]
    search_fields = ["name", "role"]
    edit_handler = ObjectList(Author.panels, base_form_class=AuthorAdminForm)


class BlogCategoryViewSet(SnippetViewSet):
    model = BlogCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "slug"]


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "success"
    menu_label = _("Certifications")
    list_display = ["name", "code"]


class BlogViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, BlogCategoryViewSet, CertificationViewSet)
    menu_icon = "edit"
    menu_label = _("Blog")
    menu_name = "blog"


register_snippet(BlogViewSetGroup)

hooks.register("theke_feed_links", feed_links)
