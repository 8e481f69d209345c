"""With a bucket named, the production settings keep uploads on S3-compatible
object storage: pictures, renditions and documents are written there with the
headers they are delivered with, pages point at the bucket, and the bucket
serves them. The bucket is moto's server, started here on 127.0.0.1, with the
bucket policy docs/deploy.md gives, applied as it says: readers see pictures
without a key, and no document."""

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Rendition

from home.media.files import ASK_AGAIN, LASTING, sniff
from tests.factories import ImageFactory
from tests.home.test_media import HTML, SVG, picture
from tests.theke.test_security_headers import production_value
from tests.theke.test_settings import PROJECT

pytestmark = pytest.mark.django_db

PORTS = range(8320, 8330)
BUCKET = "theke-media"
# AWS_LOCATION: the folder of the bucket Theke keeps its files in.
LOCATION = "shop"
KEYS = {"AWS_ACCESS_KEY_ID": "theke-test", "AWS_SECRET_ACCESS_KEY": "theke-test"}


def documented_policy(bucket: str, location: str) -> str:
    """The bucket policy of docs/deploy.md for `bucket` and `location`, filled
    in as the guide says: the guide's example is the bucket theke-media with
    AWS_LOCATION=shop, and without a location `shop/` is left out."""
    guide = (PROJECT / "docs" / "deploy.md").read_text()
    (policy,) = re.findall(r"^ *```json\n(.*?)^ *```", guide, flags=re.M | re.S)
    assert policy.count("arn:aws:s3:::theke-media/shop/") == 3
    folder = f"{bucket}/{location}/" if location else f"{bucket}/"
    policy = policy.replace("theke-media/shop/", folder)
    json.loads(policy)
    return policy


def s3_client(address):
    return boto3.client(
        "s3",
        endpoint_url=address,
        region_name="us-east-1",
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port among {PORTS}")


def fetch(url):
    """Status, headers and bytes of a GET from the bucket."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def bucket_server():
    """moto's S3 server with an empty bucket, and its address."""
    port = free_port()
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("AWS_")
    }
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(address + "/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("moto's server did not start")
                time.sleep(0.2)
        client = s3_client(address)
        client.create_bucket(Bucket=BUCKET)
        client.put_bucket_policy(
            Bucket=BUCKET, Policy=documented_policy(BUCKET, LOCATION)
        )
        yield address
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def production(bucket_server):
    """What the production settings make of a bucket on that server."""
    return production_value(
        "STORAGES",
        "SERVE_MEDIA",
        "CONTENT_SECURITY_POLICY",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=bucket_server,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_LOCATION=LOCATION,
    )


@pytest.fixture
def bucket(settings, production, bucket_server, monkeypatch, tmp_path):
    """The test settings with the production settings' storage in the bucket."""
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = production["SERVE_MEDIA"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": production["STORAGES"]["default"],
        "renditions": production["STORAGES"]["renditions"],
    }
    # Django gives a field its storage once, when the model is defined; the
    # production settings name the bucket before that, this test only after.
    monkeypatch.setattr(
        Rendition._meta.get_field("file"), "storage", storages["renditions"]
    )
    return f"{bucket_server}/{BUCKET}/{LOCATION}/"


def test_the_production_settings_keep_uploads_in_the_bucket(production, bucket_server):
    default = production["STORAGES"]["default"]
    renditions = production["STORAGES"]["renditions"]

    assert default["BACKEND"] == "home.media.bucket.BucketStorage"
    assert renditions["BACKEND"] == "home.media.bucket.BucketRenditionStorage"
    assert default["OPTIONS"] == renditions["OPTIONS"]
    assert default["OPTIONS"]["bucket_name"] == BUCKET
    assert default["OPTIONS"]["endpoint_url"] == bucket_server
    assert default["OPTIONS"]["querystring_auth"] is False
    assert default["OPTIONS"]["file_overwrite"] is False
    assert default["OPTIONS"]["location"] == LOCATION
    assert production["SERVE_MEDIA"] is False
    img_src = production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert bucket_server in img_src


@pytest.mark.parametrize(("kind", "mime"), [("PNG", "image/png"), ("GIF", "image/gif")])
def test_pictures_and_renditions_are_served_from_the_bucket(client, bucket, kind, mime):
    data = picture(kind)
    name = f"hofladen-{uuid.uuid4().hex[:8]}.{kind.lower()}"
    image = ImageFactory(file=ImageFile(io.BytesIO(data), name=name))
    page = Template("{% load wagtailimages_tags %}{% image image fill-20x10 %}").render(
        Context({"image": image})
    )
    rendition = image.get_rendition("fill-20x10")

    src = re.search(r'src="([^"]+)"', page).group(1)
    assert src == rendition.url
    assert src.startswith(f"{bucket}images/hofladen-")
    status, headers, body = fetch(src)
    assert status == 200
    # Wagtail may turn a GIF's rendition into a PNG: the type its bytes are.
    found = sniff(body[:32])
    assert found is not None and headers["Content-Type"] == found
    assert headers["Cache-Control"] == LASTING
    assert PillowImage.open(io.BytesIO(body)).size == (20, 10)
    status, headers, body = fetch(image.file.url)
    assert (status, headers["Content-Type"], body) == (200, mime, data)
    assert headers["Cache-Control"] == ASK_AGAIN
    assert "Content-Disposition" not in headers
    # Nothing of it lies in MEDIA_ROOT, and the app serves no /media/ of its own.
    assert not (Path(django_settings.MEDIA_ROOT) / image.file.name).exists()
    assert client.get(f"/media/{image.file.name}", secure=True).status_code == 404


@pytest.mark.parametrize("content", [HTML, SVG])
def test_markup_in_the_bucket_is_only_a_download(bucket, content):
    name = default_storage.save("original_images/bild.png", ContentFile(content))

    status, headers, body = fetch(default_storage.url(name))

    assert status == 200
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert body == content


def test_documents_in_the_bucket_download_as_attachments(client, bucket, bucket_server):
    document = Document.objects.create(
        title="Preise", file=SimpleUploadedFile("preise.txt", HTML)
    )

    status, _, _ = fetch(document.file.url)
    stored = s3_client(bucket_server).head_object(
        Bucket=BUCKET, Key=f"{LOCATION}/{document.file.name}"
    )
    served = client.get(document.url, secure=True)

    # Not to be had past Theke's view, which checks who may have it.
    assert status == 403
    assert stored["ContentType"] == "application/octet-stream"
    assert stored["ContentDisposition"] == 'attachment; filename="preise.txt"'
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == HTML


def test_without_a_location_the_documented_policy_opens_the_buckets_top(
    bucket_server,
):
    client = s3_client(bucket_server)
    top = f"theke-top-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=top)
    for key in ("images/kaese.png", "avatars/anna.png", "documents/preise.txt"):
        client.put_object(Bucket=top, Key=key, Body=b"theke")
    picture_url = f"{bucket_server}/{top}/images/kaese.png"

    before, _, _ = fetch(picture_url)
    client.put_bucket_policy(Bucket=top, Policy=documented_policy(top, ""))

    assert before == 403
    assert fetch(picture_url)[0] == 200
    assert fetch(f"{bucket_server}/{top}/avatars/anna.png")[0] == 200
    assert fetch(f"{bucket_server}/{top}/documents/preise.txt")[0] == 403
