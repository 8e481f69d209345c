"""The moderation queue in the admin menu, with the number of posts that wait."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from .queue import waiting_count


class ModerationMenuItem(MenuItem):
    """ "Moderation", with the number of posts that wait, for moderators only."""

    def is_shown(self, request):
        return request.user.has_perm("community.moderate_community")

    def render_component(self, request):

        component = super().render_component(request)
        count = waiting_count()
        if count:
            component.label = _("Moderation (%(count)s)") % {"count": count}
        return component
