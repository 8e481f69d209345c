"""The site's own page for a method an address does not take (405).

Django answers a request whose method a view refuses (`require_POST`, a class
view's `http_method_not_allowed`) with an empty `HttpResponseNotAllowed`, and
has no handler to render one: whoever opens the address a form sends to, or
reloads it, would see a blank page. `NotAllowedPageMiddleware` renders the
site's page in its place, in the reader's language, keeping the `Allow`
header. An answer with a body of its own (the JSON of an API) stays as it is.
"""

from django.shortcuts import render

from .referer import came_from

READING = ("GET", "HEAD")


class NotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = render(
            request,
            "405.html",
            {
                "seo_noindex": True,
                "form_only": request.method in READING,
                "back_url": came_from(request),
            },
            status=405,
        )
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page
