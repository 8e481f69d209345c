"""Theke on standard parts, run for real: app processes under gunicorn, each an
OS process of its own on a port of its own, against one PostgreSQL database
made for the run and one Redis database, with the database task queue, its
worker (`manage.py db_worker`) and mail to a server of the tests.

The parts run the production settings (`tests/cluster_settings.py`) behind a proxy
as the deployment guide describes it: every request names the shop's host,
says it came in over HTTPS and carries the client's address in `X-Real-IP`.
`build()` makes the shop inside the parts' own settings, in a process of its
own; everything else here talks to the parts over the network only.
"""

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

HOST = "127.0.0.1"
PORTS = range(8340, 8360)
SETTINGS = "tests.cluster_settings"
PROJECT = Path(__file__).resolve().parents[2]
# The name readers use for the shop, whichever app process answers them.
SHOP_HOST = "laden.example.org"
CLIENT_ADDRESS_HEADER = "X-Real-IP"
TASK_TABLE = "django_tasks_database_dbtaskresult"
SEND_MAIL_TASK = "community.mail.sending.send_mail_task"
# The parts take this long to start, and a worker this long to empty the queue.
PATIENCE = 60


# The shared parts


def redis_answers(url: str) -> bool:
    """Whether a Redis server answers at `url`."""
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _connect_kwargs(server: dict, name: str) -> dict:
    return {
        "host": server.get("HOST") or HOST,
        "port": int(server.get("PORT") or 5432),
        "user": server.get("USER") or "postgres",
        "password": server.get("PASSWORD") or None,
        "dbname": name,
        "autocommit": True,
    }


@contextlib.contextmanager
def fresh_database(server: dict):
    """A new, empty PostgreSQL database on the server `server` (a Django
    connection's settings) names, as a DATABASE_URL; dropped on the way out."""
    import psycopg
    from psycopg import sql

    name = f"theke_scale_out_{secrets.token_hex(4)}"
    maintenance = _connect_kwargs(server, "postgres")
    with psycopg.connect(**maintenance) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    settings = _connect_kwargs(server, name)
    login = quote(settings["user"], safe="")
    if settings["password"]:
        login += ":" + quote(settings["password"], safe="")
    try:
        yield f"postgres://{login}@{settings['host']}:{settings['port']}/{name}"
    finally:
        with psycopg.connect(**maintenance) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )


def forget_cache(redis_url: str, prefix: str) -> None:
    """Delete what the parts kept in Redis under `prefix`, and nothing else."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


def free_ports(count: int) -> list[int]:
    """`count` ports of PORTS that nothing listens on."""
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError(f"fewer than {count} free ports in {PORTS}")


# The processes


def wait_or_kill(process: subprocess.Popen) -> None:
    """Wait for a process asked to stop; kill it if it has not within 20 s."""
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


class AppServer:
    """One app process: gunicorn with one sync worker on a port of its own."""

    def __init__(self, name: str, environment: dict, port: int, work: Path):
        self.name = name
        self.port = port
        self.log = work / f"gunicorn-{name}.log"
        with self.log.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603 (our interpreter, our app)
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers=1",
                    "--worker-class=sync",
                    f"--bind={HOST}:{port}",
                    "--log-level=warning",
                    # No control socket: by default every gunicorn of the
                    # user would share one, ~/.gunicorn/gunicorn.ctl.
                    "--no-control-socket",
                    "theke.wsgi:application",
                ],
                cwd=PROJECT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped:\n{self.log.read_text()}")
            try:
                answer = Visitor(address="192.0.2.1").get(self, "/robots.txt")
            except OSError:
                time.sleep(0.2)
                continue
            if answer.status == 200:
                return
            raise RuntimeError(
                f"{self.name} answered {answer.status}:\n{self.log.read_text()}"
            )
        raise RuntimeError(f"{self.name} did not answer:\n{self.log.read_text()}")

    def terminate(self) -> None:
        """Ask gunicorn to stop; `wait()` until it has."""
        if self.process.poll() is None:
            self.process.terminate()

    def wait(self) -> None:
        wait_or_kill(self.process)

    def __repr__(self):
        return f"<AppServer {self.name} on {self.port}>"


class Cluster:
    """The settings every part shares, the app processes started with them,
    and commands run as separate processes (the build, the task worker)."""

    def __init__(
        self,
        database_url: str,
        redis_url: str,
        mail_port: int,
        work,
        settings: str = SETTINGS,
    ):
        """Without `redis_url` the parts share a cache in files in `work`, as
        the processes of one machine do."""
        self.work = Path(work)
        self.database_url = database_url
        self.redis_url = redis_url
        self.cache_prefix = f"theke-scale-out-{secrets.token_hex(4)}"
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "PYTHONPATH": str(PROJECT),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CACHE_DIR": str(self.work / "cache"),
            "CACHE_KEY_PREFIX": self.cache_prefix,
            "TASKS_BACKEND": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": str(mail_port),
            "EMAIL_USE_TLS": "false",
            "ALLOWED_HOSTS": SHOP_HOST,
            "WAGTAILADMIN_BASE_URL": f"https://{SHOP_HOST}",
            "TRUSTED_CLIENT_IP_HEADER": CLIENT_ADDRESS_HEADER,
            "MEDIA_ROOT": str(self.work / "media"),
            "PAGE_CACHE": "on",
        }
        self.servers: list[AppServer] = []

    def python(self, *arguments: str, timeout: float = 120) -> str:
        """Run our interpreter with the parts' settings; its output. Fails
        with the output if the command does."""
        finished = subprocess.run(  # noqa: S603 (our interpreter, our project)
            [sys.executable, *arguments],
            cwd=PROJECT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if finished.returncode:
            raise RuntimeError(
                f"{' '.join(arguments)} failed ({finished.returncode}):\n"
                f"{finished.stdout}\n{finished.stderr}"
            )
        return finished.stdout

    def build(self, builder: str = "tests.factories.cluster") -> dict:
        """Migrate the fresh database and make the shop in it with the
        `build()` of the module `builder`."""
        made = self.work / "built.json"
        self.python(
            "-c",
            "import importlib, sys, django; django.setup(); "
            "importlib.import_module(sys.argv[1]).build(sys.argv[2])",
            builder,
            str(made),
        )
        return json.loads(made.read_text())

    def start(self, *names: str) -> list[AppServer]:
        """One app process per name, each on a free port; back once all serve."""
        servers = [
            AppServer(name, self.environment, port, self.work)
            for name, port in zip(names, free_ports(len(names)), strict=True)
        ]
        self.servers += servers
        for server in servers:
            server.wait_until_serving()
        return servers

    def run_worker(self) -> str:
        """The task worker as a deployment runs it, until the queue is empty."""
        return self.python(
            "manage.py", "db_worker", "--batch", "--no-startup-delay", "-v", "1"
        )

    def queued_mail(self) -> list[tuple[str, str]]:
        """(recipient, status) of every mail handed to the task queue."""
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            rows = connection.execute(
                f"SELECT args_kwargs, status FROM {TASK_TABLE} "  # noqa: S608
                "WHERE task_path = %s ORDER BY enqueued_at",
                [SEND_MAIL_TASK],
            ).fetchall()
        return [(arguments["kwargs"]["to"], status) for arguments, status in rows]

    def stop(self) -> None:
        """Stop every app process, all at once."""
        for server in self.servers:
            server.terminate()
        for server in self.servers:
            server.wait()
        self.servers = []


# The people


@dataclass
class Visitor:
    """Someone reaching the shop through its proxy: the client's address as
    the proxy passes it on, and a session when they are logged in."""

    address: str
    session: str = ""
    csrf: str = field(default_factory=lambda: secrets.token_hex(16))

    def get(self, server: AppServer, path: str) -> Answer:
        return self._request(server, "GET", path)

    def post(self, server: AppServer, path: str, data: dict, as_json=False):
        """POST a form as a browser sends it, with the CSRF cookie and field;
        `as_json` asks for the answer the page's script asks for."""
        origin = f"https://{SHOP_HOST}"
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + path,
        }
        if as_json:
            headers["Accept"] = "application/json"
        body = urlencode({**data, "csrfmiddlewaretoken": self.csrf}, doseq=True)
        return self._request(server, "POST", path, body, headers)

    def _request(self, server, method, path, body=None, extra=None) -> Answer:
        headers = {
            "Host": SHOP_HOST,
            "X-Forwarded-Proto": "https",
            CLIENT_ADDRESS_HEADER: self.address,
            "Accept-Language": "de",
            **(extra or {}),
        }
        cookies = []
        if self.session:
            cookies.append(f"sessionid={self.session}")
        if method == "POST":
            cookies.append(f"csrftoken={self.csrf}")
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        connection = http.client.HTTPConnection(HOST, server.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return Answer(response.status, response.headers, text)
        finally:
            connection.close()


# The shop, made inside the parts' settings


def build(out: str) -> None:
    """Migrate, make the shop the scale-out tests use and write what the
    tests need to know about it (addresses, sessions, the comment form's
    signed fields) as JSON to `out`."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)

    from django.db import transaction

    with transaction.atomic():
        made = _make_shop()
    Path(out).write_text(json.dumps(made))


def _make_shop() -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail.models import Site

    from community.conf import setting
    from community.discussions.forms import CommentForm
    from home.models import ShopSettings
    from tests.factories.community import add_comment
    from tests.factories.members import member, staff
    from tests.factories.pages import BlogPageFactory, build_site

    __, blog, __ = build_site()
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = SHOP_HOST, 443
    site.save()
    # Made now, not by the first request, which would purge what it renders.
    ShopSettings.for_site(site)

    posts = {
        key: BlogPageFactory(parent=blog, title=title)
        for key, title in [
            ("welcome", "Willkommen im Hofladen"),
            ("bread", "Sauerteig vom Hof"),
            ("herbs", "Kräuter im Frühling"),
            ("cellar", "Der Käsekeller im Winter"),
            ("cheese", "Hofkäse aus Rohmilch"),
        ]
    }
    people = {
        key: member(name, email=f"{key}@example.org", verified=True)
        for key, name in [
            ("jana", "Jana Petersen"),
            ("rita", "Rita Hansen"),
            ("mia", "Mia Jensen"),
            ("ole", "Ole Brandt"),
        ]
    }
    people["eva"] = staff("Eva Lindenau", superuser=True, verified=True)
    # Their first comments were approved long ago: new ones appear at once.
    for key in ("jana", "rita", "mia"):
        add_comment(posts["welcome"], user=people[key], text=f"Hallo von {key}!")
    follower = add_comment(
        posts["cheese"],
        user=people["ole"],
        text="Wie lange reift der Hofkäse?",
        followup=True,
    )
    # An editor's change waiting in a revision, not yet published.
    cellar = posts["cellar"]
    cellar.title = "Der Käsekeller im Frühling"
    cellar.save_revision(user=people["eva"])

    def session_of(user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key

    return {
        "posts": {
            key: {
                "id": post.pk,
                "path": post.relative_url(site),
                "form": CommentForm(post).initial,
            }
            for key, post in posts.items()
        },
        "blog": blog.relative_url(site),
        "sessions": {key: session_of(user) for key, user in people.items()},
        "emails": {key: user.email for key, user in people.items()},
        "follower_comment": follower.pk,
        # What the parts' settings make of the rules the tests exercise.
        "rate_limit": setting("COMMUNITY_RATE_LIMIT"),
        "honeypot": setting("COMMUNITY_HONEYPOT_FIELD"),
    }
