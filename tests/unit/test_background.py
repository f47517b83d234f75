"""A build step in a forked process: its files are there after wait(), and a failure stops the build as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hpo_handbook.background import Background, Worker


def test_the_step_runs_in_another_process_and_is_done_after_wait(tmp_path: Path) -> None:
    parent = os.getpid()

    def step() -> None:
        (tmp_path / "pid").write_text(str(os.getpid()), encoding="utf-8")

    job = Background(step, "test step")
    job.wait()
    pid = int((tmp_path / "pid").read_text(encoding="utf-8"))
    assert pid != parent or job.pid is None  # forked where it can be (a thread running: at once, in this process)


def test_a_failing_step_raises_its_own_error_on_wait(tmp_path: Path) -> None:
    def step() -> None:
        raise ValueError("ข้อมูลผิด")

    with pytest.raises(ValueError, match="ข้อมูลผิด"):
        Background(step, "test step").wait()


def test_a_worker_returns_each_distinct_items_result() -> None:
    worker = Worker(str.upper)
    worker.submit(["ก", "b"])
    worker.submit(["b", "c"])
    done = worker.results()
    assert done in ({"ก": "ก", "b": "B", "c": "C"}, {})  # {} where it cannot fork: the caller does the work
    assert worker.results() == {}  # ended


def test_a_failing_worker_gives_nothing_and_the_caller_does_the_work() -> None:
    def fails(item: str) -> str:
        raise ValueError(item)

    worker = Worker(fails)
    worker.submit(["x"])
    assert worker.results() == {}
