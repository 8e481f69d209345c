"""Theke behind the reverse proxies of deploy/, run for real: nginx and Caddy
with the example files, in front of an app process under gunicorn
(`cluster.py`), on ports of the tests, with TLS from a certificate made for
the run (nginx) or from Caddy's own local authority.

The example files are used as shipped, except for what a deployer changes in
them (`render`): the server name, the ports and addresses they listen on (the
IPv6 listeners dropped), the app's port, the certificate's and the challenge
folder's paths. Every replacement must find its text, so a file that changed
shape fails here by name instead of being tested as something else. Around
them, the tests give nginx the `http` block of Debian's `nginx.conf` and Caddy
global options that keep it off the network (`admin off`, `local_certs`,
`skip_install_trust`, `default_bind 127.0.0.1`).
"""

import datetime
import getpass
import grp
import http.client
import io
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.factories.cluster import (
    HOST,
    PATIENCE,
    PROJECT,
    SHOP_HOST,
    free_ports,
    wait_or_kill,
)

DEPLOY = PROJECT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "theke.conf"
CADDYFILE = DEPLOY / "caddy" / "Caddyfile"
PROXY_SETTINGS = "tests.proxy_settings"
SHIPPED_HOST = "shop.example.org"
SHIPPED_APP = "127.0.0.1:8000"
SHOP = f"https://{SHOP_HOST}"
# Where Debian installs the servers, which may not be on a user's PATH.
SYSTEM_FOLDERS = ("/usr/sbin", "/usr/bin")
# The member the shop is made with, who logs in through each proxy.
MEMBER_EMAIL = "jana@example.org"
MEMBER_NAME = "Jana Petersen"


def find_server(name: str) -> str | None:
    """Path of the server binary `name`, or None when it is not installed."""
    return shutil.which(name) or shutil.which(
        name, path=os.pathsep.join(SYSTEM_FOLDERS)
    )


class ShippedFileChanged(AssertionError):
    """A text the rendering replaces is no longer in the shipped file."""


def render(source: Path, replacements: list[tuple[str, str]]) -> str:
    """The text of `source` with each (pattern, replacement) applied, as
    regular expressions; every pattern must match at least once."""
    text = source.read_text()
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        if not count:
            raise ShippedFileChanged(
                f"{source.relative_to(PROJECT)} no longer has {pattern!r}: "
                "update the rendering in tests/factories/proxies.py"
            )
    return text


# Certificates


def self_signed(host: str, folder: Path) -> tuple[Path, Path]:
    """A certificate for `host` that signs itself, and its key, as PEM files
    in `folder`: the certificate is also what clients trust."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return certificate_path, key_path


# The proxies


class Proxy:
    """A proxy server process in front of the app at `app_port`, with an HTTP
    and an HTTPS port of its own; `trusted` is the certificate clients trust."""

    name = ""
    binary = ""

    def __init__(self, work: Path, app_port: int):
        self.work = work
        self.work.mkdir(parents=True, exist_ok=True)
        self.app_port = app_port
        self.http_port, self.https_port = free_ports(2)
        self.log = work / "server.log"
        self.process = None
        self.trusted: Path | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict:
        return dict(os.environ)

    def start(self) -> "Proxy":
        with self.log.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603 (the system's server)
                self.command(),
                cwd=self.work,
                env=self.environment(),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_serving()
        return self

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped:\n{self.logs()}")
            try:
                # Caddy writes the certificate to trust once it has made it.
                answer = Client(self).get("/robots.txt")
            except (OSError, ssl.SSLError):
                time.sleep(0.2)
                continue
            if answer.status == 200:
                return
            raise RuntimeError(f"{self.name} answered {answer.status}:\n{self.logs()}")
        raise RuntimeError(f"{self.name} did not answer:\n{self.logs()}")

    def logs(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.work.glob("*.log"))
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            wait_or_kill(self.process)

    def __repr__(self):
        return f"<{self.name} on {self.http_port} and {self.https_port}>"


class Nginx(Proxy):
    """nginx with deploy/nginx/theke.conf inside the `http` block of Debian's
    nginx.conf, and a certificate made for the run."""

    name = "nginx"

    def __init__(self, work: Path, app_port: int):
        super().__init__(work, app_port)
        self.binary = find_server("nginx")
        certificate, key = self_signed(SHOP_HOST, work)
        self.trusted = certificate
        self.acme = work / "acme"
        (self.acme / ".well-known" / "acme-challenge").mkdir(parents=True)
        site = work / "theke.conf"
        site.write_text(
            render(
                NGINX_SITE,
                [
                    (
                        rf"server_name {re.escape(SHIPPED_HOST)};",
                        f"server_name {SHOP_HOST};",
                    ),
                    (
                        rf"server {re.escape(SHIPPED_APP)};",
                        f"server {HOST}:{app_port};",
                    ),
                    (r"listen \[::\]:\d+[^;]*;\n", ""),
                    (r"listen 80\b", f"listen {HOST}:{self.http_port}"),
                    (r"listen 443\b", f"listen {HOST}:{self.https_port}"),
                    (r"/etc/letsencrypt/live/[^/]+/fullchain\.pem", str(certificate)),
                    (r"/etc/letsencrypt/live/[^/]+/privkey\.pem", str(key)),
                    (r"root /var/www/acme;", f"root {self.acme};"),
                ],
            )
        )
        self.config = work / "nginx.conf"
        self.config.write_text(self._main_config(site))

    def _main_config(self, site: Path) -> str:
        """Debian's nginx.conf as far as it shapes answers (types, gzip), with
        every file nginx writes in the work folder."""
        work = self.work
        # nginx started as root runs its workers as `nobody`, who may not
        # read or write the work folder; they run as whoever runs the tests.
        user = ""
        if os.geteuid() == 0:
            user = f"user {getpass.getuser()} {grp.getgrgid(os.getegid()).gr_name};"
        return f"""{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{
    worker_connections 128;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    gzip on;
    access_log {work}/access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {site};
}}
"""

    def command(self) -> list[str]:
        return [
            self.binary,
            "-p",
            str(self.work),
            "-e",
            str(self.work / "error.log"),
            "-c",
            str(self.config),
            "-g",
            "daemon off;",
        ]


class Caddy(Proxy):
    """Caddy with deploy/caddy/Caddyfile, its certificate from its own local
    authority, kept off the network by global options."""

    name = "caddy"

    def __init__(self, work: Path, app_port: int):
        super().__init__(work, app_port)
        self.binary = find_server("caddy")
        storage = work / "storage"
        self.trusted = storage / "pki" / "authorities" / "local" / "root.crt"
        site = render(
            CADDYFILE,
            [
                (rf"(?m)^{re.escape(SHIPPED_HOST)} \{{", f"{SHOP_HOST} {{"),
                (
                    rf"reverse_proxy {re.escape(SHIPPED_APP)}",
                    f"reverse_proxy {HOST}:{app_port}",
                ),
            ],
        )
        self.config = work / "Caddyfile"
        self.config.write_text(
            "{\n"
            "\tadmin off\n"
            f"\thttp_port {self.http_port}\n"
            f"\thttps_port {self.https_port}\n"
            f"\tdefault_bind {HOST}\n"
            "\tlocal_certs\n"
            "\tskip_install_trust\n"
            f"\tstorage file_system {storage}\n"
            "}\n\n" + site
        )

    def environment(self) -> dict:
        # Caddy keeps its own configuration and data under these.
        return {
            **os.environ,
            "HOME": str(self.work),
            "XDG_CONFIG_HOME": str(self.work / "config"),
            "XDG_DATA_HOME": str(self.work / "data"),
        }

    def command(self) -> list[str]:
        return [
            self.binary,
            "run",
            "--config",
            str(self.config),
            "--adapter",
            "caddyfile",
        ]


# Someone reaching the shop through a proxy


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def every(self, name: str) -> list[str]:
        """Every value of the header `name`, however many times it came."""
        return self.headers.get_all(name) or []


class _ShopConnection(http.client.HTTPSConnection):
    """HTTPS to the shop's name (SNI, certificate check) at a port of 127.0.0.1."""

    def connect(self):
        plain = socket.create_connection((HOST, self.port), self.timeout)
        self.sock = self._context.wrap_socket(plain, server_hostname=self.host)


@dataclass
class Client:
    """A browser at the shop's address, which reaches `proxy`: it trusts the
    proxy's certificate and keeps the cookies it is given."""

    proxy: Proxy
    cookies: dict = field(default_factory=dict)

    def get(self, path: str, headers: dict | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, body: bytes, content_type: str, headers=None) -> Reply:
        """POST `body` from a page of the shop, as a browser sends a form."""
        return self.request(
            "POST",
            path,
            body,
            {
                "Content-Type": content_type,
                "Origin": SHOP,
                "Referer": SHOP + path,
                **(headers or {}),
            },
        )

    def plain(self, path: str) -> Reply:
        """GET `path` over HTTP, at the proxy's HTTP port."""
        connection = http.client.HTTPConnection(HOST, self.proxy.http_port, timeout=30)
        return self._exchange(connection, "GET", path, None, {"Host": SHOP_HOST})

    def handshake(self) -> tuple[str, str | None]:
        """The TLS version and the HTTP version (ALPN) the proxy agrees on with
        a browser that offers HTTP/2 and HTTP/1.1."""
        context = ssl.create_default_context(cafile=str(self.proxy.trusted))
        context.set_alpn_protocols(["h2", "http/1.1"])
        plain = socket.create_connection((HOST, self.proxy.https_port), timeout=30)
        with context.wrap_socket(plain, server_hostname=SHOP_HOST) as sock:
            return sock.version(), sock.selected_alpn_protocol()

    def request(self, method, path, body=None, headers=None) -> Reply:
        context = ssl.create_default_context(cafile=str(self.proxy.trusted))
        connection = _ShopConnection(
            SHOP_HOST, self.proxy.https_port, timeout=60, context=context
        )
        headers = {"Host": SHOP_HOST, "Accept-Language": "de", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        reply = self._exchange(connection, method, path, body, headers)
        for cookie in reply.every("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return reply

    def announce(self, path: str, size: int) -> Reply:
        """The answer to a POST announcing a body of `size` bytes, asking to
        go on first (`Expect: 100-continue`): a proxy that refuses it answers
        before the body is sent, and gets it only when it says to go on."""
        context = ssl.create_default_context(cafile=str(self.proxy.trusted))
        plain = socket.create_connection((HOST, self.proxy.https_port), timeout=60)
        with context.wrap_socket(plain, server_hostname=SHOP_HOST) as sock:
            head = (
                f"POST {path} HTTP/1.1\r\nHost: {SHOP_HOST}\r\n"
                "Content-Type: application/octet-stream\r\n"
                f"Content-Length: {size}\r\nExpect: 100-continue\r\n"
                "Connection: close\r\n\r\n"
            )
            sock.sendall(head.encode("ascii"))
            reader = sock.makefile("rb")
            status, headers = _read_head(reader)
            if status == 100:
                chunk = bytes(65536)
                for start in range(0, size, len(chunk)):
                    sock.sendall(chunk[: size - start])
                status, headers = _read_head(reader)
            length = int(headers.get("Content-Length", 0))
            return Reply(status, headers, reader.read(length))

    @staticmethod
    def _exchange(connection, method, path, body, headers) -> Reply:
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()


def _read_head(reader) -> tuple[int, http.client.HTTPMessage]:
    status = int(reader.readline().split()[1])
    return status, http.client.parse_headers(reader)


def csrf_token(page: str) -> str:
    """The CSRF token a form on `page` carries."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """A multipart/form-data body of `fields` and `files` ({name: (filename,
    bytes)}), and its Content-Type."""
    boundary = "theke-" + os.urandom(8).hex()
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, data) in files.items():
        out.write(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# The shop, made inside the app's own settings

# Uploads no picture: a page of script named as a picture, and a drawing with one.
TRAPS = {
    "original_images/falle.png": b"<!DOCTYPE html><html><script>alert(1)</script>",
    "original_images/zeichnung.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    ),
}


def build(out: str) -> None:
    """Migrate, make the shop the proxy tests use (a site at SHOP_HOST, a
    member, a superuser's session, a picture with a rendition, two uploads
    that are no pictures) and write what the tests need as JSON to `out`."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from wagtail.models import Site

    from home.models import ShopSettings
    from tests.factories.members import member, staff
    from tests.factories.pages import ImageFactory, build_site

    call_command("migrate", interactive=False, verbosity=0)
    build_site()
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = SHOP_HOST, 443
    site.save()
    # Made now, not by the first request, which would purge what it renders.
    ShopSettings.for_site(site)
    member(MEMBER_NAME, email=MEMBER_EMAIL, verified=True)
    editor = staff("Eva Lindenau", superuser=True, verified=True)
    session = SessionStore()
    session[SESSION_KEY] = str(editor.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = editor.get_session_auth_hash()
    session.create()
    picture = ImageFactory(title="Hofladen im Herbst")
    for name, content in TRAPS.items():
        path = Path(settings.MEDIA_ROOT) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    Path(out).write_text(
        json.dumps(
            {
                "picture": picture.file.url,
                "rendition": picture.get_rendition("fill-40x30").url,
                "traps": [settings.MEDIA_URL + name for name in TRAPS],
                "editor_session": session.session_key,
            }
        )
    )
