"""A step of the build that needs only the data, run in a forked process while the builder renders the pages.

The office year's ``.ics`` files depend on ``data/`` and the configuration, not on any page, so the MkDocs plugin
writes them on the machine's second core as soon as the site folder is clean, and waits for them after the pages
(the search index and the offline worker come after that, in :func:`post_build.finish_site`). Where ``os.fork`` is
missing, or a thread is running (the live preview's server: forking then is unsafe), the step runs at once instead.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable


class Background:
    """``function()`` in a child process; :meth:`wait` returns once it is done and raises if it failed."""

    def __init__(self, function: Callable[[], object], name: str):
        self.function = function
        self.name = name
        self.pid: int | None = None
        if not hasattr(os, "fork") or threading.active_count() > 1:
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
