"""Servers on 127.0.0.1 that misbehave the way real shop servers do."""

import contextlib
import socket
import threading

import pytest


class RawServer:
    """Accepts connections on 127.0.0.1, one at a time, and treats each as
    `behave(connection, stop)` says; `stop` is set when the test ends."""

    def __init__(self, behave):
        self.behave = behave
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.thread = threading.Thread(target=self.serve, name="raw-server")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def serve(self):
        while not self.stop.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            # OSError: Theke hung up, as it should once it has had enough.
            with connection, contextlib.suppress(OSError):
                self.behave(connection, self.stop)

    def close(self):
        self.stop.set()
        self.thread.join(5)
        self.listener.close()


def read_request(connection):
    """Read the request's head, as a server does before it answers."""
    head = b""
    while b"\r\n\r\n" not in head:
        data = connection.recv(4096)
        if not data:
            break
        head += data
    return head


def trickling(connection, stop):
    """Answers at once, then sends a byte every 50 ms, never ending."""
    read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n")
    while not stop.wait(0.05):
        connection.sendall(b" ")


def hanging_up_early(connection, stop):
    """Promises 1000 bytes, sends 100 and hangs up."""
    read_request(connection)
    connection.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
        b"Content-Length: 1000\r\n\r\n" + b" " * 100
    )


def silent(connection, stop):
    """Takes the connection and sends nothing."""
    stop.wait(10)


BEHAVIOURS = {
    "trickling": trickling,
    "hanging up early": hanging_up_early,
    "silent": silent,
}


@pytest.fixture
def raw_server(settings):
    """Starts a RawServer that behaves as named in BEHAVIOURS and gives its
    address; when the test ends, none is left running."""
    settings.SHOP_LINK_ALLOW_PRIVATE_ADDRESSES = True
    servers = []

    def start(behaviour):
        server = RawServer(BEHAVIOURS[behaviour])
        server.thread.start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()
    assert not any(server.thread.is_alive() for server in servers)
