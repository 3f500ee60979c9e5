"""``snslint serve``: load the engine, bind a socket, run the page with uvicorn.

The socket is bound here before uvicorn starts, so a port in use is a one-line error (exit
2) instead of a log record, and ``--port 0`` picks a free port that the start message names.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser
from dataclasses import dataclass
from typing import TextIO

from snslint.errors import UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (``port`` 0: any free port).

    Raises:
        UsageError: the address cannot be bound (in use, not this machine's, no permission).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        family, kind, proto, _, addr = infos[0]
        # proto must be IPPROTO_TCP (not 0): asyncio sets TCP_NODELAY only on such sockets, and
        # without it Nagle's algorithm holds back the second part of a keep-alive answer
        # written in two parts until the client's delayed ACK of the first.
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(64)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(
            f"{host}:{port} で待ち受けできません（{reason}）。--port で別の番号を指定してください。",
            f"cannot listen on {host}:{port} ({reason}); choose another --port.",
        ) from None
    sock.set_inheritable(True)
    return sock


@dataclass
class Running:
    """A server started by :func:`start`: its URL and how to stop it."""

    url: str
    server: object
    thread: threading.Thread

    def stop(self) -> None:
        """Ask uvicorn to exit and wait for it (a few hundred ms)."""
        self.server.should_exit = True  # type: ignore[attr-defined]
        self.thread.join(timeout=10)


def _config(app, host: str):
    import uvicorn

    # No access log (paths only, but nothing of a draft should reach a log), no server header.
    return uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", server_header=False, ws="none"
    )


def _url(host: str, port: int) -> str:
    shown = host if ":" not in host else f"[{host.strip('[]')}]"
    return f"http://{shown}:{port}/"


def _allowed_hosts(host: str) -> list[str]:
    """``Host`` header values the page accepts: loopback names (and the bound address) on
    loopback, any name otherwise (the machine's names on the network are not known here)."""
    if not is_loopback(host):
        return ["*"]
    bound = f"[{host.strip('[]')}]" if ":" in host else host
    return sorted({"127.0.0.1", "localhost", "[::1]", bound.lower()})


def start(checker, *, host: str = DEFAULT_HOST, port: int = 0, lang: str = "ja") -> Running:
    """Run the page in a background thread of this process (tests and benchmarks).

    Raises:
        UsageError: the address cannot be bound.
    """
    import time

    import uvicorn

    from snslint.web.app import create_app

    sock = bind(host, port)
    app = create_app(checker, lang=lang, allowed_hosts=_allowed_hosts(host))
    server = uvicorn.Server(_config(app, host))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    return Running(_url(host, sock.getsockname()[1]), server, thread)


def serve(
    *,
    city: str | None = None,
    policy: str | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    open_browser: bool = False,
    lang: str = "ja",
    out: TextIO | None = None,
) -> None:
    """``snslint serve``: load every policy and the dictionary, then serve the page until
    Ctrl+C. Messages go to ``out`` (stderr).

    Raises:
        ImportError: the ``web`` extra (Starlette, uvicorn) is not installed.
        UsageError, PolicyError: bad ``--city``/``--policy``, or the port cannot be bound.
    """
    import uvicorn  # first: fail before loading anything when the extra is missing

    from snslint.lint.startup import resume_collection
    from snslint.web.app import create_app
    from snslint.web.service import DraftChecker

    out = out or sys.stderr
    checker = DraftChecker.load(city, policy)
    sock = bind(host, port)
    checker.warm_up()
    # A long-lived process: the collector the console script paused for the start-up runs
    # again from here (the page checks drafts one by one, not through check_batch).
    resume_collection()
    app = create_app(checker, lang=lang, allowed_hosts=_allowed_hosts(host))
    url = _url(host, sock.getsockname()[1])

    def ready() -> None:
        if not is_loopback(host):
            out.write(
                f"警告: {host} で待ち受けます。同じネットワークの他の端末からも下書きを送れます。"
                f" / Warning: listening on {host}: other machines on the network can reach this page.\n"
            )
        out.write(f"snslint のページ / page: {url}  （終了は Ctrl+C / stop with Ctrl+C）\n")
        out.flush()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    class AnnouncingServer(uvicorn.Server):
        """Says where the page is (and opens it) once uvicorn accepts requests, not before."""

        async def startup(self, sockets=None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                ready()

    AnnouncingServer(_config(app, host)).run(sockets=[sock])
