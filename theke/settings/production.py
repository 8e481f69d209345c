"""Settings for production: security headers, shared cache, object storage."""

import re

from .base import *  # noqa: F403
from .base import (
    HEALTH_CHECK_PATH,
    bucket_origins,
    content_security_policies,
    require_secret_key,
)

require_secret_key()

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
# A load balancer probes its nodes over plain HTTP too, without saying which
# scheme the reader used: the health check is never redirected.
SECURE_REDIRECT_EXEMPT = ["^" + re.escape(HEALTH_CHECK_PATH.removeprefix("/")) + "$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Asking browsers to ship the domain in their HTTPS-only list cannot be undone
# quickly, so it is the operator's choice; Django's deploy check, which warns
# while it is off, keeps quiet about it until then.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # noqa: F405
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Media on S3-compatible object storage when a bucket is named; the app then
# serves none itself (home/media/bucket.py). django-storages reads only the
# access keys from the environment; the rest is passed here.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):  # noqa: F405
    _bucket = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],  # noqa: F405
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,  # noqa: F405
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,  # noqa: F405
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,  # noqa: F405
        "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,  # noqa: F405
        "location": os.environ.get("AWS_LOCATION", ""),  # noqa: F405
        # Pages are kept in the shared cache far longer than a signed address
        # stays valid: unsigned by default, from a bucket (or CDN) that lets
        # anyone read the pictures.
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),  # noqa: F405
        # Two uploads with the same name must never replace each other.
        "file_overwrite": False,
    }
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "home.media.bucket.BucketStorage",
        "OPTIONS": _bucket,
    }
    STORAGES["renditions"] = {  # noqa: F405
        "BACKEND": "home.media.bucket.BucketRenditionStorage",
        "OPTIONS": _bucket,
    }
    SERVE_MEDIA = False
    # Pictures from the bucket are on another host: the policies must name it.
    if not MEDIA_SOURCES:  # noqa: F405
        MEDIA_SOURCES = bucket_origins(  # noqa: F405
            STORAGES["default"]["OPTIONS"]  # noqa: F405
        )
    CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN = content_security_policies(
        MEDIA_SOURCES
    )
