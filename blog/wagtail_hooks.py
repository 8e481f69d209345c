from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.choosers import SnippetChooserViewSet
from home.shop_name import shop_name

from .feed_links import feed_links
from .models import Author, BlogCategory, Certification
from .sitemaps import BlogSection


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
    chooser_viewset_class = SnippetChooserViewSet
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
hooks.register("theke_sitemap_sections", lambda: {"blog": BlogSection})


class LinkAuthorPanel(Component):
    """Tells staff without an author entry how they appear, and where to link one."""

    name = "link_author"
    order = 50
    template_name = "blog/admin/link_author_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        may_add = self.user.has_perm("blog.add_author")
        return {
            "shop_name": shop_name(),
            "may_link": may_add or self.user.has_perm("blog.change_author"),
            "may_add": may_add,
        }


def has_author(user) -> bool:
    return Author.objects.filter(user=user).exists()


@hooks.register("construct_homepage_panels")
def link_author_panel(request, panels):
    if request.user.is_staff and not has_author(request.user):
        panels.append(LinkAuthorPanel(request.user))
