from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.members import staff_reset
from home import views as home_views
from home.media import serving as media

urlpatterns = [
    # Before Wagtail's own: its reset would mail links to customers too.
    path(
        "admin/password_reset/",
        staff_reset.password_reset,
        name="wagtailadmin_password_reset",
    ),
    path(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        staff_reset.password_reset_confirm,
        name="wagtailadmin_password_reset_confirm",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("impressum/", home_views.impressum, name="impressum"),
    path("privacy/", home_views.privacy, name="privacy"),
    path("sitemap.xml", home_views.sitemap_index, name="sitemap_index"),
    path(
        "sitemap-<slug:section>.xml",
        home_views.sitemap_section,
        name="sitemap_section",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("account/", include("community.account.urls")),
    path("account/", include("community.privacy.urls")),
    path("account/", include("allauth.urls")),
    # Only Theke's own comment views: xtd's and django_comments' URLs (JSON API,
    # flag, like, mute, delete, approve) would bypass its moderation and logs.
    path("comments/", include("community.discussions.urls")),
    path("comments/", include("community.reports.urls")),
    path("questions/", include("community.questions.urls")),
    path("announcements/", include("community.announcements.urls")),
    path("feedback/", include("community.feedback.urls")),
    # Choosing a language is harmless to forge (set_language checks `next`), and
    # without a CSRF token in the switcher, reading the site sets no cookie at all.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

urlpatterns += [
    # Stored files are answered before the views (home/media/serving.py); what
    # is left under /media/ is no page either, whatever a page's slug says.
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", media.missing),
    path("", include(wagtail_urls)),
]

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
