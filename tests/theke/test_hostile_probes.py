"""The checks of the fuzz tests see what they look for: each kind of active
content and each way off the site, and a page of ours passes."""

from tests.factories import active_content, leaves_site, shown_values


def test_each_kind_of_active_content_is_seen_and_ours_passes():
    active = [
        "<script>alert(1)</script>",
        "<script src=//evil.example/x.js></script>",
        "<img src=x onerror=alert(1)>",
        '<a href=" javascript:alert(1)">x</a>',
        "<form><button formaction=data:text/html,x>x</button></form>",
        "<iframe src=https://evil.example></iframe>",
        "<object data=x></object>",
        "<base href=https://evil.example/>",
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        "<svg><a xlink:href=vbscript:msgbox(1)>x</a></svg>",
    ]
    ours = (
        '<script src="/static/js/theke.js" defer></script>'
        '<script type="application/ld+json">{"@type": "Article"}</script>'
        '<a href="/blog/">Blog</a><textarea name="comment">&lt;script&gt;</textarea>'
    )

    assert [html for html in active if not active_content(html)] == []
    assert active_content(ours) == []
    assert shown_values(ours) == {"comment": ["<script>"]}
    assert [
        url
        for url in (
            "//evil.example",
            "/\\evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "https://evil.example/",
        )
        if not leaves_site(url)
    ] == []
    assert not leaves_site("/blog/?page=2")
