"""Serve a built site on 127.0.0.1 and launch Debian's Chromium: one place for the scripts and the tests.

Playwright's own browser download is never used; ``CHROMIUM`` is Debian's (``make system-deps``). The
flags keep a headless Chromium from trying to reach Google's hosts on a machine without a network.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# What an ordinary web host (GitHub Pages among them) sends gzip-compressed.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Compresses text files like the real host, so that Lighthouse measures what readers download."""

    def send_head(self):  # type: ignore[no-untyped-def]  # http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        requested = self.path.split("?")[0]
        # A folder asked for without its "/" is left to http.server, which redirects it.
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()) or not requested.endswith(
                ("/", *COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(directory: Path, compress: bool = False, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port unless ``port`` is given) and yield its URL (ending in ``/``).

    Files are read per request, so a site may be built into ``directory`` after the server started (to
    build with ``SITE_URL`` set to this very URL). A fixed ``port`` serves a site again at the same address
    (the same origin: the service worker test stops the server and starts it again).
    """
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
