"""The one page that says a post or an action was not possible, and why."""

from django.shortcuts import render


def refused(request, message, *, status=400, back_url="", title=None):
    """A clear refusal in the site's design, with the way back when there is one.

    `title` names what was not possible ("Comment not possible"); without one
    the page says "Not possible".
    """
    return render(
        request,
        "community/refused.html",
        {"message": message, "back_url": back_url, "title": title},
        status=status,
    )
