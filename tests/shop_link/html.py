"""Reading rendered pages in tests: their links and their visible words."""

import re
from html.parser import HTMLParser


class Links(HTMLParser):
    """Every <a> of a page with its attributes and text."""

    def __init__(self):
        super().__init__()
        self.links = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {**dict(attrs), "text": ""}
            self.links.append(self._open)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def to(self, href):
        return [link for link in self.links if link.get("href") == href]


def links_of(response):
    parser = Links()
    parser.feed(response.content.decode())
    return parser


def text_of(response):
    """The visible words of a page, tags removed and spaces folded."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    # Only ASCII white space folds: prices keep their no-break spaces.
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
