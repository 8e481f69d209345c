"""Real servers on 127.0.0.1 that tests switch off and on: a TCP forwarder to
the database, the site served by one thread as a gunicorn worker serves it, and
a small mail server. Each listens on a port the system picks and keeps it
across a restart."""

import contextlib
import http.client
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.db.utils import load_backend

LOCALHOST = "127.0.0.1"


class _Listener:
    """A listening socket served by a thread, which `stop()` closes along with
    every connection it accepted, and `start()` opens again on the same port."""

    def __init__(self):
        self.port = 0
        self._socket = None
        self._thread = None
        self._open = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    def start(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOCALHOST, self.port))
        listener.listen(16)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._socket = listener
        self._stopping.clear()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Refuse new connections and cut the open ones."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(5)
        if self._socket is not None:
            self._socket.close()
        with self._lock:
            for each in self._open:
                _cut(each)
            self._open.clear()

    def _accept(self):
        while not self._stopping.is_set():
            try:
                accepted, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.settimeout(None)
            self.keep(accepted)
            threading.Thread(target=self.serve, args=(accepted,), daemon=True).start()

    def keep(self, sock):
        with self._lock:
            self._open.add(sock)

    def serve(self, sock):
        raise NotImplementedError


def _cut(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class Forwarder(_Listener):
    """Forwards each connection to `target` (host, port): the database as the
    site reaches it through the network. Stopped, the database is gone."""

    def __init__(self, target):
        super().__init__()
        self.target = target

    def serve(self, client):
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            _cut(client)
            return
        upstream.settimeout(None)
        self.keep(upstream)
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
        _pump(client, upstream)


def _pump(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _cut(source)
        _cut(sink)


class MailServer(_Listener):
    """Just enough SMTP to take mail from `smtplib` and keep every message;
    while `busy`, it greets with 421 and takes nothing; with `take_at_most`
    set, it answers any message beyond that many with 451 (full for now)."""

    def __init__(self):
        super().__init__()
        self.messages: list[EmailMessage] = []
        self.busy = False
        self.take_at_most: int | None = None

    def serve(self, sock):
        reader = sock.makefile("rb")
        reply = _replier(sock)
        if self.busy:
            reply("421 localhost too busy, try again later")
            _cut(sock)
            return
        reply("220 localhost mail server ready")
        try:
            while line := reader.readline():
                command = line.decode("ascii", "replace").strip()
                verb = command.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    reply("250 localhost")
                elif verb == "DATA":
                    reply("354 end with <CRLF>.<CRLF>")
                    reply("250 queued" if self._receive(reader) else "451 full")
                elif verb == "QUIT":
                    reply("221 bye")
                    return
                elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                    reply("250 ok")
                else:
                    reply("502 not implemented")
        except OSError:
            pass
        finally:
            _cut(sock)

    def _receive(self, reader):
        lines = []
        while (line := reader.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        message = message_from_bytes(b"".join(lines), policy=policy.default)
        with self._lock:
            if (
                self.take_at_most is not None
                and len(self.messages) >= self.take_at_most
            ):
                return False
            self.messages.append(message)
        return True


def _replier(sock):
    def reply(text):
        sock.sendall(text.encode("ascii") + b"\r\n")

    return reply


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


class SiteServer:
    """The whole site over HTTP, served by one thread with a database connection
    of its own (`database`: a connection's settings), kept between requests as
    the settings say: as one gunicorn worker serves it."""

    def __init__(self, database: dict):
        self.database = database
        self._server = WSGIServer((LOCALHOST, 0), _QuietHandler)
        self._server.set_app(WSGIHandler())
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        backend = load_backend(self.database["ENGINE"])
        connections["default"] = backend.DatabaseWrapper(self.database, "default")
        try:
            self._server.serve_forever(poll_interval=0.05)
        finally:
            connections["default"].close()

    def get(self, path, language="de", cookies=None):
        """Status, headers and text of a GET for `path`, in `language`."""
        headers = {"Accept-Language": language}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        client = http.client.HTTPConnection(LOCALHOST, self.port, timeout=30)
        try:
            client.request("GET", path, headers=headers)
            response = client.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            client.close()

    def stop(self):
        self._server.shutdown()
        self._thread.join(10)
        self._server.server_close()
