"""Executors turn a hang or a dead worker into one error outcome, and the others still finish."""

import multiprocessing.forkserver
import os
import signal
from threading import Event
from typing import NoReturn

import pytest
from pebble import ProcessPool
from stand_ins import MIB, jobs, pages_of_name

from pipeline.batch.executors import ExecutorBroken, LocalPool, exit_reason
from pipeline.batch.outcome import DocumentOutcome


def outcomes_by_name(pool: LocalPool, *names: str) -> dict[str, DocumentOutcome]:
    found = pool.outcomes(jobs(*names), pages_of_name, Event())
    return {job.document.doc_id: outcome for job, outcome in found}


def test_a_document_over_the_time_limit_fails_with_timeout_and_the_rest_finish() -> None:
    outcomes = outcomes_by_name(LocalPool(workers=2, time_limit=2.0), "a", "hang", "bcd")
    assert outcomes["hang"].issues[0].code == "timeout"
    assert outcomes["hang"].failed
    assert (outcomes["a"].pages, outcomes["bcd"].pages) == (1, 3)


def test_a_worker_that_dies_fails_its_document_with_crash_and_the_rest_finish() -> None:
    outcomes = outcomes_by_name(LocalPool(workers=1, time_limit=30.0), "a", "die", "bcd")
    assert outcomes["die"].issues[0].code == "crash"
    assert "SIGKILL" in outcomes["die"].issues[0].message
    assert (outcomes["a"].pages, outcomes["bcd"].pages) == (1, 3)


def test_a_document_over_the_memory_limit_fails_with_memory_limit_and_the_rest_finish() -> None:
    pool = LocalPool(workers=1, time_limit=30.0, memory_limit=600 * MIB)
    outcomes = outcomes_by_name(pool, "a", "greedy", "bcd")
    assert [issue.code for issue in outcomes["greedy"].issues] == ["memory-limit"]
    assert "600 MiB" in outcomes["greedy"].issues[0].message
    assert (outcomes["a"].pages, outcomes["bcd"].pages) == (1, 3)
    assert pool.peak_worker_mb() > 600


def test_the_peak_counts_a_worker_stopped_at_the_time_limit() -> None:
    pool = LocalPool(workers=1, time_limit=1.0, max_tasks=1)
    outcomes = outcomes_by_name(pool, "a", "bloated-hang")
    assert outcomes["bloated-hang"].issues[0].code == "timeout"
    assert outcomes["a"].peak_mb is not None
    assert pool.peak_worker_mb() > outcomes["a"].peak_mb + 150


def forkserver_pid() -> int:
    """The forkserver the pool's workers are forked from (multiprocessing keeps it private)."""
    pid = multiprocessing.forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert isinstance(pid, int)
    return pid


def test_a_killed_forkserver_fails_no_document_and_the_rest_finish() -> None:
    names = [f"slow-{number}" for number in range(8)]
    pool = LocalPool(workers=2, time_limit=30.0, max_tasks=1)
    outcomes = {}
    for job, outcome in pool.outcomes(jobs(*names), pages_of_name, Event()):
        if not outcomes:
            os.kill(forkserver_pid(), signal.SIGKILL)
        outcomes[job.document.doc_id] = outcome
    assert sorted(outcomes) == names
    assert [name for name, outcome in outcomes.items() if outcome.failed] == []


def test_a_pool_that_keeps_breaking_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*arguments: object, **options: object) -> NoReturn:
        raise RuntimeError("Unexpected error within the Pool")

    monkeypatch.setattr(ProcessPool, "schedule", broken)
    with pytest.raises(ExecutorBroken, match="broke 3 times"):
        outcomes_by_name(LocalPool(workers=1, time_limit=30.0), "a")


def test_no_jobs_start_no_pool() -> None:
    assert list(LocalPool(workers=1, time_limit=1.0).outcomes([], pages_of_name, Event())) == []


@pytest.mark.parametrize(
    ("exit_code", "reason"),
    [(-11, "killed by SIGSEGV"), (-9, "killed by SIGKILL"), (1, "exit code 1")],
)
def test_exit_reason_names_the_signal(exit_code: int, reason: str) -> None:
    assert exit_reason(exit_code) == reason
