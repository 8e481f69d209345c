"""The security headers every response carries beyond Django's own.

`ContentSecurityPolicyMiddleware` is django-csp's middleware with one policy
for the public site and a looser one for the Wagtail admin, whose own
templates run inline scripts: the path of the request chooses. The public
policy lets no inline script run, so a page from the shared cache needs no
nonce, which would be the same for every reader who gets it.

A preview is the exception to choosing by path. Wagtail renders it by sending
a made-up request for the page's public address through every middleware, and
hands the answer on as the admin's; django-csp never replaces a policy already
set, so the preview keeps the public one, whose `frame-ancestors 'none'`
would blank the editor's preview panel. A preview keeps the public policy
(it is the public page) but may be framed by the site itself.

`SecurityHeadersMiddleware` adds the `Permissions-Policy` to every response
and, when this request ended a session (logging out, deleting the account),
`Clear-Site-Data`, so that the browser forgets the pages, cookies and storage
it kept for that person.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


# What a preview changes in the public policy: only the site may frame it.
PREVIEW_DIRECTIVES = {"frame-ancestors": ["'self'"]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), **PREVIEW_DIRECTIVES}
            return parts
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(admin["PATH_PREFIXES"]))
        ):
            return PolicyParts(
                default_config(admin["DIRECTIVES"]),
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts


def permissions_policy(features: dict[str, list[str]]) -> str:
    """The header value for `features`: each with the origins that may use it."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in features.items()
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        if getattr(request, _SESSION_ENDED, False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


_SESSION_ENDED = "_theke_session_ended"


def note_session_ended(request) -> None:
    """Remember that this request logged someone out, for `Clear-Site-Data`."""
    setattr(request, _SESSION_ENDED, True)
