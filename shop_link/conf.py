"""Settings of the products app and their defaults.

Any of them may be set in the project's settings. Read them with
`setting("SHOP_LINK_…")`, which looks at the project's settings on every call, so
`override_settings` in tests and changed settings take effect at once.
"""

from django.conf import settings

# Seconds to wait for an image server, per connection attempt and per read; a
# whole download is also cut off once it has taken this long.
SHOP_LINK_IMAGE_TIMEOUT = 10

# Largest image file fetched from a feed's image link, in bytes.
SHOP_LINK_IMAGE_MAX_BYTES = 8 * 1024 * 1024

# Largest image accepted, in pixels (width × height), checked from the file's
# header before any pixel is decoded: guards against decompression bombs.
SHOP_LINK_IMAGE_MAX_PIXELS = 25_000_000

# Seconds before an image link that failed is tried again. Until then a sync
# reports the earlier failure without fetching, so a broken image server is not
# asked again for every product on every run.
SHOP_LINK_IMAGE_RETRY_AFTER = 24 * 60 * 60

# Name of the Wagtail image collection that pictures from feeds are stored in;
# created beneath the root collection when missing.
SHOP_LINK_IMAGE_COLLECTION = "Produkte"

# Seconds to wait for a feed's server, per connection attempt and per read.
SHOP_LINK_FEED_TIMEOUT = 30

# Seconds a feed's whole download may take; a server that sends too slowly is
# cut off then, so it cannot hold a sync open.
SHOP_LINK_FEED_DEADLINE = 10 * 60

# Folders on the server that local feed files may be read from; relative ones
# are in the project directory. A source whose path lies elsewhere is refused,
# so nobody who may edit sources can make a sync read (and quote in its report)
# another file of the server. The demo's own feeds are always allowed.
SHOP_LINK_FEED_FOLDERS = ["feeds"]

# Whether feeds and pictures may be fetched from addresses in private or local
# networks (127.0.0.1, 10.x, 192.168.x, link-local, …). Off, a link in a feed
# cannot make the server talk to services inside its own network; turn it on
# only where the shop's feeds or pictures are served from that network, or
# where downloads go through a proxy in it.
SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = False

# Largest feed read from a URL or a file, in bytes.
SHOP_LINK_FEED_MAX_BYTES = 200 * 1024 * 1024

# Largest Shopify products.json read, in bytes. JSON is read whole, not streamed,
# so this bounds the memory a sync from such a file takes.
SHOP_LINK_JSON_MAX_BYTES = 32 * 1024 * 1024


def setting(name: str):
    """The project's value of an app setting, or its default above."""
    return getattr(settings, name, globals()[name])
