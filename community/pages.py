"""The board's page: the one Wagtail page of the community, routing to its views."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home import ids  # noqa: F401  (registers the <id:…> converter)
from home.public_pages import PublicPages
from home.slugs import SpelledOutSlugs

from .board import seo as board_seo
from .board import views as board_views
from .questions import seo as question_seo
from .questions import views as question_views


class CommunityIndexPage(PublicPages, SpelledOutSlugs, RoutablePageMixin, Page):
    """The discussion board at /community/: categories, topics, newest activity."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("discussion board")
        verbose_name_plural = _("discussion boards")

    def seo_meta(self, request, context):
        """A topic's page previews as the topic, a category's as the category."""
        if "question" in context:
            return question_seo.question_seo_meta(context)
        return board_seo.board_seo_meta(context)

    def json_ld(self, request, context):
        """A topic's page carries it as a schema.org DiscussionForumPosting, a
        product question's as a QAPage."""
        if "question" in context:
            return question_seo.question_json_ld(request, context)
        return board_seo.topic_json_ld(self, request, context)

    @path("")
    def board(self, request):
        return board_views.board(request, self)

    @path("new/", name="new_topic")
    def new_topic(self, request):
        return board_views.new_topic(request, self)

    @path("category/<slug:slug>/", name="category")
    def category(self, request, slug):
        return board_views.board(request, self, category_slug=slug)

    @path("questions/<id:pk>/", name="question")
    def question(self, request, pk):
        return question_views.question_detail(request, self, pk)

    @path("<slug:slug>/", name="topic")
    def topic(self, request, slug):
        return board_views.topic_detail(request, self, slug)

    @path("<slug:slug>/status/", name="topic_status")
    def topic_status(self, request, slug):
        return board_views.change_topic_status(request, self, slug)
