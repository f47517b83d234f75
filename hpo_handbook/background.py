"""Work of the build done in a forked process while the builder renders the pages (on the machine's other core).

- :class:`Background`: a step that needs only the data: the office year's ``.ics`` files depend on ``data/`` and
  the configuration, not on any page, so the MkDocs plugin writes them as soon as the site folder is clean and
  waits for them after the pages.
- :class:`Worker`: a function applied to items sent while the pages render: each page's search entries are cut into
  Thai words as soon as the search plugin made them, and its box titles are read from its HTML; after the build the
  index takes the results (:func:`post_build.finish_site`, which does anything the worker did not).

Where ``os.fork`` is missing, or a thread is running (the live preview's server: forking then is unsafe), the step
runs at once instead and the worker does nothing: the build does the same work itself.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class Background:
    """``function()`` in a child process; :meth:`wait` returns once it is done and raises if it failed."""

    def __init__(self, function: Callable[[], object], name: str):
        self.function = function
        self.name = name
        self.pid: int | None = None
        if not _can_fork():
            function()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: run, then leave without the parent's exit handlers
            code = 0
            try:
                function()
            except BaseException:  # reported by the parent (see wait), which runs the step again to raise it
                traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        self.pid = pid

    def wait(self) -> None:
        """Wait for the child; if it failed, run the step here, so its error stops the build as usual."""
        if self.pid is None:
            return
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"{self.name}: the background process failed; running it again here", file=sys.stderr)
            self.function()  # its error, if it fails again, stops the build as any step's does

    def close(self) -> None:
        """End with the child, whatever it did (a failed build): no process is left behind, nothing runs again."""
        if self.pid is not None:
            os.waitpid(self.pid, 0)
            self.pid = None


class Worker(Generic[K, V]):
    """``function(item)`` for every distinct item :meth:`submit` sends, in a child process; :meth:`results` ends it
    and returns ``{item: result}`` (empty where it could not fork or the child failed: the caller does the rest)."""

    def __init__(self, function: Callable[[K], V]):
        self.conn: Connection | None = None
        self.pid: int | None = None
        if not _can_fork():
            return
        ours, theirs = multiprocessing.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            ours.close()
            code = 0
            try:
                done: dict[K, V] = {}
                while (items := theirs.recv()) is not None:
                    for item in items:
                        if item not in done:
                            done[item] = function(item)
                theirs.send(done)
            except EOFError:  # the parent closed the pipe without asking (a failed build): nothing to report
                pass
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                sys.stderr.flush()
                os._exit(code)
        theirs.close()
        self.conn, self.pid = ours, pid

    def submit(self, items: Iterable[K]) -> None:
        if self.conn is not None:
            try:
                self.conn.send(list(items))
            except OSError:  # the child is gone: the caller does the work itself
                self.close()

    def results(self) -> dict[K, V]:
        if self.conn is None:
            return {}
        try:
            self.conn.send(None)
            done: dict[K, V] = self.conn.recv()
        except (EOFError, OSError):
            done = {}
        self.close()
        return done

    def close(self) -> None:
        """End the child without waiting for its results (a failed build)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.pid is not None:
            os.waitpid(self.pid, 0)
            self.pid = None
