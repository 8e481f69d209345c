"""Customer accounts: sign-up, confirmation, login, enumeration, limits, profile."""

import io
import re
import zlib

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.members.accounts import validate_display_name
from community.members.avatars import MAX_BYTES, AvatarError, clean_avatar
from community.models import Profile
from tests.factories import PASSWORD, build_site, confirmation_path, member, signup

User = get_user_model()


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The messages are checked in their English source wording.
    settings.LANGUAGE_CODE = "en"


def login(client, email, password, **extra):
    return client.post(
        reverse("account_login"), {"login": email, "password": password, **extra}
    )


# Sign-up and confirmation -------------------------------------------------


def test_sign_up_mails_a_link_that_confirms_logs_in_and_keeps_the_public_name(
    client, site
):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "Theke" in mail.outbox[0].body
    assert "example.com" not in mail.outbox[0].body

    user = User.objects.get(email="anna@example.org")
    assert user.profile.display_name == "Anna vom Hof"
    assert "anna" not in user.username  # the username gives nothing away
    assert "_auth_user_id" not in client.session

    link = confirmation_path(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "anna@example.org" in page.content.decode()
    response = client.post(link)
    assert response["Location"] == reverse("account_profile")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified

    home = client.get("/").content.decode()
    assert "Anna vom Hof" in home
    assert "anna@example.org" not in home


def test_sign_up_page_asks_for_email_public_name_and_password_in_that_order(
    client, site
):
    html = client.get(reverse("account_signup")).content.decode()
    positions = [
        html.index(f'name="{name}"')
        for name in ("email", "display_name", "password1", "password2")
    ]
    assert positions == sorted(positions)
    assert 'class="account__panel"' in html


def test_logging_in_before_confirming_sends_to_the_inbox_page(client, site):
    member("Berta Brot", "berta@example.org", username="member-berta", verified=False)
    response = login(client, "berta@example.org", PASSWORD)
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_every_new_user_gets_a_profile_without_the_email_as_name(db):
    user = User.objects.create_user(username="staff", email="chef@example.org")
    assert user.profile.display_name == "Member"
    named = User.objects.create_user(
        username="s2", email="x@example.org", first_name="Greta", last_name="Hof"
    )
    assert named.profile.display_name == "Greta Hof"


# Login and logout ----------------------------------------------------------


def test_a_member_logs_in_and_out_and_logout_needs_a_post(client, site):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    response = login(client, "berta@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    page = client.get(reverse("account_logout"))
    assert page.status_code == 200  # asks, does not log out
    assert "_auth_user_id" in client.session

    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(client, site):
    member("Berta Brot", "berta@example.org", username="member-berta", verified=True)
    wrong = login(client, "berta@example.org", "falsch-falsch-1").content.decode()
    unknown = login(client, "niemand@example.org", "falsch-falsch-1").content.decode()
    message = "The e-mail address or the password is wrong."
    assert message in wrong
    assert message in unknown
    assert 'value="niemand@example.org"' in unknown  # what was typed stays


def test_an_external_next_is_ignored_after_login(client, site):
    member("Berta Brot", "berta@example.org", username="member-berta", verified=True)
    response = login(
        client, "berta@example.org", PASSWORD, next="https://evil.example/steal"
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == "/"


def test_a_next_within_the_site_is_followed_after_login(client, site):
    member("Berta Brot", "berta@example.org", username="member-berta", verified=True)
    response = login(client, "berta@example.org", PASSWORD, next="/blog/")
    assert response["Location"] == "/blog/"


def test_the_header_login_link_carries_the_page_but_reading_sets_no_cookie(
    client, site
):
    response = client.get("/blog/")
    assert not response.cookies, list(response.cookies)
    html = response.content.decode()
    assert f"{reverse('account_login')}?next=/blog/" in html
    assert not client.get(reverse("account_login")).cookies.get("sessionid")


# No enumeration --------------------------------------------------------------


def test_signing_up_with_a_taken_email_looks_like_a_new_sign_up(client, site):
    member("Berta Brot", "anna@example.org", username="member-anna", verified=True)
    mail.outbox.clear()
    taken = signup(client)
    assert taken.status_code == 302
    assert taken["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="anna@example.org").count() == 1
    # The owner of the address is told; the person signing up learns nothing.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]

    fresh = signup(client, email="neu@example.org")
    assert fresh["Location"] == taken["Location"]


def test_a_password_reset_says_the_same_for_known_and_unknown_addresses(client, site):
    member("Berta Brot", "berta@example.org", username="member-berta", verified=True)
    url = reverse("account_reset_password")
    known = client.post(url, {"email": "berta@example.org"})
    unknown = client.post(url, {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [
        ["berta@example.org"],
        ["niemand@example.org"],
    ]
    assert "member-" not in mail.outbox[0].body  # no username in the mail
    done = client.get(known["Location"]).content.decode()
    assert "If an account exists for this address" in done


def test_a_password_reset_link_sets_a_new_password(client, site):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.post(reverse("account_reset_password"), {"email": "berta@example.org"})
    link = re.search(
        r"https?://[^/\s]+(/account/password/reset/key/\S+/)", mail.outbox[-1].body
    )[1]
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"password1": "Neues-Brot-2024!", "password2": "Neues-Brot-2024!"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neues-Brot-2024!")


def test_changing_the_email_asks_for_the_password_first_and_confirms_the_new_one(
    client, site
):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)  # no recent password: as after a long session
    change = {"email": "berta.neu@example.org", "action_add": ""}
    response = client.post(reverse("account_email"), change)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="berta.neu@example.org").exists()

    wrong = client.post(response["Location"], {"password": "falsch-falsch-1"})
    assert wrong.status_code == 200
    client.post(response["Location"], {"password": PASSWORD})
    client.post(reverse("account_email"), change)
    pending = EmailAddress.objects.get(email="berta.neu@example.org")
    assert not pending.verified
    assert mail.outbox[-1].to == ["berta.neu@example.org"]

    client.post(confirmation_path(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "berta.neu@example.org"


# Rate limits -----------------------------------------------------------------


def test_after_five_failed_logins_the_account_is_refused_until_the_cache_forgets(
    client, site
):
    member("Berta Brot", "berta@example.org", username="member-berta", verified=True)
    for _attempt in range(5):
        login(client, "berta@example.org", "falsch-falsch-1")
    refused = login(client, "berta@example.org", PASSWORD)
    assert refused.status_code == 200
    assert "Too many failed attempts to log in" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # The count lives in the shared cache, not in this process.
    cache.clear()
    assert login(client, "berta@example.org", PASSWORD).status_code == 302


def test_with_redis_the_failed_logins_are_counted_where_every_process_sees_them(
    client, site, settings
):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/9"
    other_process = redis.Redis.from_url(url)
    try:
        other_process.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = "theke-test-ratelimit"
    settings.CACHES = {
        "default": {
            "BACKEND": "home.shared_cache.SharedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        member(
            "Berta Brot", "berta@example.org", username="member-berta", verified=True
        )
        for _attempt in range(5):
            login(client, "berta@example.org", "falsch-falsch-1")
        assert other_process.keys(f"{prefix}:*")
        refused = login(client, "berta@example.org", PASSWORD)
        assert "Too many failed attempts to log in" in refused.content.decode()
    finally:
        for key in other_process.keys(f"{prefix}:*"):
            other_process.delete(key)


def test_the_rate_limit_cache_is_redis_when_redis_url_is_set(monkeypatch):
    import importlib

    import theke.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/9")
    try:
        reloaded = importlib.reload(base)
        backend = reloaded.CACHES["default"]["BACKEND"]
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)
    assert backend == "home.shared_cache.SharedRedisCache"


# Hostile names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("<script>alert(1)</script>", "“&lt;” or “&gt;”"),
        ('<img src=x onerror="alert(1)">', "“&lt;” or “&gt;”"),
        ("Anna\x00", "Null characters are not allowed"),
        ("Anna\r\nBcc: x@example.org", "line breaks"),
        ("Anna\u202eeloh", "writing direction"),
        ("anna@example.org", "“@”"),
        ("A", "at least 2"),
        ("A" * 61, "at most 60"),
        ("   ", "This field is required"),
    ],
)
def test_hostile_public_names_are_refused_clearly_and_the_form_keeps_the_input(
    client, site, name, message
):
    response = signup(client, display_name=name, email="gast@example.org")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="gast@example.org"' in html
    assert PASSWORD not in html  # passwords are never sent back
    assert "<script>alert(1)" not in html
    assert not User.objects.filter(email="gast@example.org").exists()


def test_names_with_umlauts_and_other_scripts_are_welcome():
    for name in ("Jürgen Müßig", "Zoë", "李小龙", "Ana-María O'Neil", "Hof 7"):
        validate_display_name(name)


def test_an_email_with_a_line_break_is_refused_on_sign_up(client, site):
    response = signup(client, email="anna@example.org\r\nBcc: x@example.org")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.exists()


# Profile and avatars ---------------------------------------------------------


def image_bytes(fmt="PNG", size=(300, 200), exif=None, mode="RGB"):
    buffer = io.BytesIO()
    image = Image.new(mode, size, 1 if mode == "1" else (200, 120, 40))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def upload(data, name="bild.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_profile_page_needs_a_login(client, site):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_profile_shows_name_initials_and_the_email_only_to_its_owner(client, site):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)
    html = client.get(reverse("account_profile")).content.decode()
    assert "Berta Brot" in html
    assert ">BB</span>" in html
    assert "berta@example.org" in html
    assert reverse("account_email") in html


def test_a_member_changes_the_public_name(client, site):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)
    response = client.post(reverse("account_profile"), {"display_name": "  Berta B.  "})
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.display_name == "Berta B."


def test_a_hostile_profile_name_is_refused_and_kept_in_the_form(client, site):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)
    response = client.post(
        reverse("account_profile"), {"display_name": "Berta\u202e<b>x</b>"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "writing direction" in html
    assert "Berta\u202e&lt;b&gt;x&lt;/b&gt;" in html
    user.profile.refresh_from_db()
    assert user.profile.display_name == "Berta Brot"


def test_an_uploaded_picture_is_cropped_to_256_pixels_and_loses_its_metadata(
    client, site
):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)
    exif = Image.Exif()
    exif[0x010F] = "Kamera GmbH"  # Make
    exif[0x8825] = {2: (52.0, 31.0, 12.0)}  # GPS latitude
    data = image_bytes("JPEG", size=(800, 600), exif=exif)
    assert b"Kamera GmbH" in data

    response = client.post(
        reverse("account_profile"),
        {
            "display_name": "Berta Brot",
            "avatar": upload(data, "foto.jpg", "image/jpeg"),
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.avatar_width, profile.avatar_height) == (256, 256)
    stored = profile.avatar.read()
    assert b"Kamera GmbH" not in stored
    with Image.open(io.BytesIO(stored)) as saved:
        assert saved.format == "WEBP"
        assert not saved.getexif()
        assert "exif" not in saved.info and "icc_profile" not in saved.info

    html = client.get(reverse("account_profile")).content.decode()
    assert profile.avatar.url in html


def test_removing_the_picture_brings_back_the_initials(client, site):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)
    client.post(
        reverse("account_profile"),
        {"display_name": "Berta Brot", "avatar": upload(image_bytes())},
    )
    old = Profile.objects.get(user=user).avatar
    assert old
    response = client.post(
        reverse("account_profile"),
        {"display_name": "Berta Brot", "remove_avatar": "on"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert not profile.avatar
    assert ">BB</span>" in client.get(reverse("account_profile")).content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<?php echo 'hallo'; ?>", "bild.png", "not a JPEG, PNG or WebP"),
        (b"GIF89a" + b"\x00" * 40, "bild.gif", "not a JPEG, PNG or WebP"),
        (image_bytes("GIF"), "bild.gif", "not a JPEG, PNG or WebP"),
        (image_bytes("PNG")[:60], "kaputt.png", "not a JPEG, PNG or WebP"),
        (image_bytes("PNG", size=(4001, 10), mode="1"), "lang.png", "4000 × 4000"),
        (b"\x89PNG" + b"\x00" * MAX_BYTES, "gross.png", "larger than 2 MB"),
    ],
)
def test_uploads_that_are_no_acceptable_picture_are_refused_clearly(
    client, site, data, name, message
):
    user = member(
        "Berta Brot", "berta@example.org", username="member-berta", verified=True
    )
    client.force_login(user)
    response = client.post(
        reverse("account_profile"),
        {"display_name": "Berta Neu", "avatar": upload(data, name)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Berta Neu"' in html
    assert not Profile.objects.get(user=user).avatar


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded():
    # A PNG header claiming 50,000 × 50,000 pixels with no pixel data behind it.
    header = image_bytes("PNG", size=(1, 1))
    ihdr = b"IHDR" + (50_000).to_bytes(4, "big") * 2 + header[24:29]
    crc = zlib.crc32(ihdr).to_bytes(4, "big")
    bomb = header[:12] + ihdr + crc + header[33:]
    with pytest.raises(AvatarError) as refused:
        clean_avatar(upload(bomb))
    assert refused.value.code == "too_large"


def test_transparent_pngs_and_webp_are_accepted():
    for fmt, mode in (("PNG", "RGBA"), ("WEBP", "RGB")):
        result = clean_avatar(upload(image_bytes(fmt, mode=mode, size=(50, 80))))
        with Image.open(io.BytesIO(result.read())) as image:
            assert image.size == (256, 256)


def test_the_avatar_tag_asks_the_database_nothing_when_profiles_are_loaded(
    db, django_assert_num_queries
):
    from django.template import Context, Template

    for number in range(3):
        member(
            f"Mitglied {number}",
            f"m{number}@example.org",
            username=f"member-m{number}",
            verified=True,
        )
    users = list(User.objects.select_related("profile"))
    template = Template(
        "{% load avatar_tags %}{% for u in users %}{% avatar u 32 %}{% endfor %}"
    )
    with django_assert_num_queries(0):
        html = template.render(Context({"users": users}))
    assert html.count('class="avatar avatar--initials avatar--32 avatar--tone-') == 3
    assert ">M0</span>" in html


def test_the_avatar_tag_escapes_initials_and_copes_without_a_profile(db):
    from django.contrib.auth.models import AnonymousUser

    from community.templatetags.avatar_tags import avatar

    assert ">?</span>" in avatar(AnonymousUser(), 24)
    user = member(
        "<b>ösi Überall", "berta@example.org", username="member-berta", verified=True
    )
    html = avatar(user, 24)
    assert ">Ü</span>" in html  # only words that start with a letter count
    assert "<b>" not in html
