"""Executors: where the per-document function runs — a local process pool, or a Dask cluster.

Both take jobs lazily, keep a bounded window of them in flight, and give back
each job with its outcome as it completes, in completion order. Neither raises
for a document's sake: a document over the time limit, or one whose worker
process died, comes back as an error outcome, and the run goes on.

- `LocalPool` (the default) is a pebble process pool: unlike the standard
  library's, it stops a worker that overruns its task's time limit and replaces
  a worker that dies, failing only that task. Each worker is held to a memory
  limit (`pipeline.batch.memory`). A pool that breaks whole (its forkserver
  killed) is started again, and the documents it held are read again.
- `DaskExecutor` (in `pipeline.batch.dask_cluster`) runs the same function on a
  Dask cluster.
"""

import itertools
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from threading import Event
from typing import Protocol, TypeVar

from pebble import ProcessExpired, ProcessPool

from pipeline.batch.memory import (
    DEFAULT_MEMORY_LIMIT,
    MEMORY_LIMIT_EXIT,
    MIB,
    run_watched,
    watch_memory,
)
from pipeline.batch.outcome import DocumentOutcome, failure
from pipeline.batch.sources import SourceDocument

DocumentFunction = Callable[[str], DocumentOutcome]
# A worker process is replaced after this many documents. Its resident memory
# grows with each document OCR'd (about 50 to 100 MB a pass over the eight
# fixtures, from 520 MB after the first), and a fresh fork from the forkserver,
# which holds the imported pipeline, costs about a tenth of a second.
TASKS_PER_WORKER = 8
# A pool that breaks this many times with no document settled in between is given up.
POOL_STARTS = 3
# How long a wait for outcomes lasts before the runner looks at its pool (and at Ctrl-C).
POLL_SECONDS = 0.5
Handle = TypeVar("Handle")


class ExecutorBroken(Exception):
    """The executor failed, not a document: the run cannot go on, and ends interrupted."""


@dataclass(frozen=True)
class Job:
    """A document to read; `replaces` says the store holds older rows of it."""

    document: SourceDocument
    replaces: bool

    @property
    def path(self) -> str:
        return self.document.key


class Executor(Protocol):
    """Runs a per-document function over jobs, yielding each job with its outcome."""

    name: str
    workers: int

    def outcomes(
        self, jobs: Iterable[Job], function: DocumentFunction, stop: Event
    ) -> Iterator[tuple[Job, DocumentOutcome]]:
        """Each job with its outcome, in completion order; once `stop` is set, no more."""
        ...

    def peak_worker_mb(self) -> float:
        """The largest resident memory a worker reached, those stopped included, if known."""
        ...

    def close(self) -> None: ...


def prepare_worker(memory_limit: int, peak_mb: "Synchronized[float]") -> None:
    """Run in each worker as it starts: its memory watched (see `pipeline.batch.memory`), and
    Ctrl-C left to the runner, which stops the workers itself (a terminal's Ctrl-C signals the
    whole process group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_memory(memory_limit, peak_mb)


def timeout_outcome(time_limit: float) -> DocumentOutcome:
    message = f"over the time limit of {time_limit:g} s a document; its worker was stopped"
    return failure("timeout", "batch", message, seconds=time_limit)


def memory_outcome(memory_limit: int) -> DocumentOutcome:
    message = f"over the memory limit of {memory_limit // MIB} MiB a worker; its worker was stopped"
    return failure("memory-limit", "batch", message)


def exit_reason(exit_code: int | None) -> str:
    """`killed by SIGSEGV` for a negative exit code (a signal), else `exit code N`."""
    if exit_code is not None and exit_code < 0:
        try:
            return f"killed by {signal.Signals(-exit_code).name}"
        except ValueError:
            return f"killed by signal {-exit_code}"
    return f"exit code {exit_code}"


def run_windowed(
    jobs: Iterable[Job],
    submit: Callable[[Job], Handle],
    settle: Callable[[set[Handle]], Mapping[Handle, DocumentOutcome | None]],
    window: int,
    stop: Event,
) -> Iterator[tuple[Job, DocumentOutcome]]:
    """Keep at most `window` jobs in flight; `settle` waits for some and gives their outcomes,
    or None for a job lost through no fault of its own, which is submitted again.

    A bounded window keeps memory flat over an archive of any size, and lets the
    jobs be produced (hashed, checked against the store) while others run. Once
    `stop` is set no job is submitted, and the jobs in flight are left to the
    caller to cancel; `settle` returns now and then, so that it is seen.
    """
    pending: dict[Handle, Job] = {}
    queue = iter(jobs)
    exhausted = False
    while (pending or not exhausted) and not stop.is_set():
        while not exhausted and len(pending) < window and not stop.is_set():
            job = next(queue, None)
            if job is None:
                exhausted = True
            else:
                pending[submit(job)] = job
        if pending:
            for handle, outcome in settle(set(pending)).items():
                job = pending.pop(handle)
                if outcome is None:
                    pending[submit(job)] = job
                else:
                    yield job, outcome


class LocalPool:
    """A pool of worker processes on this machine, each task under the time limit."""

    name = "local"

    def __init__(
        self,
        workers: int,
        time_limit: float,
        max_tasks: int = TASKS_PER_WORKER,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        self.workers = workers
        self.time_limit = time_limit
        self.max_tasks = max_tasks
        self.memory_limit = memory_limit
        self.context = multiprocessing.get_context("forkserver")
        self.peak_mb: Synchronized[float] = self.context.Value("d", 0.0)

    def peak_worker_mb(self) -> float:
        return float(self.peak_mb.value)

    def outcomes(
        self, jobs: Iterable[Job], function: DocumentFunction, stop: Event
    ) -> Iterator[tuple[Job, DocumentOutcome]]:
        queue = iter(jobs)
        first = next(queue, None)
        if first is None:  # nothing to read: no pool to start
            return
        # forkserver: workers are forked from a clean process that has imported the
        # pipeline once, never from this one with its open store and threads.
        self.context.set_forkserver_preload(["pipeline.batch.worker"])
        pool = RestartingPool(self, function)
        try:
            yield from run_windowed(
                itertools.chain([first], queue), pool.submit, pool.settle, 2 * self.workers, stop
            )
        finally:
            pool.stop()

    def close(self) -> None:
        """Nothing outlives `outcomes`: its pool stops when the iteration ends."""


class RestartingPool:
    """One run's pebble pool, started again when it breaks.

    A pool breaks whole when its forkserver dies: every task it held fails with
    `BrokenProcessPool`, and it takes no more. Those documents are not at fault,
    so they go to a new pool. A worker's death may not be its document's fault
    either (its forkserver killed, the kernel's OOM killer choosing it for
    another's memory, memory an earlier document left it holding): a document is
    failed with `crash` or `memory-limit` when it ends a second worker.
    """

    def __init__(self, settings: LocalPool, function: DocumentFunction):
        self.settings = settings
        self.function = function
        self.pool = self._start()
        self.breaks = 0  # since a document last settled
        self.jobs: dict[Future[DocumentOutcome], Job] = {}
        self.retried: set[str] = set()

    def _start(self) -> ProcessPool:
        return ProcessPool(
            self.settings.workers,
            self.settings.max_tasks,
            initializer=prepare_worker,
            initargs=(self.settings.memory_limit, self.settings.peak_mb),
            context=self.settings.context,
        )

    def _restart(self) -> None:
        self.breaks += 1
        if self.breaks >= POOL_STARTS:
            raise ExecutorBroken(f"the process pool broke {self.breaks} times in a row")
        self.stop()
        for future in self.jobs:  # any the broken pool left pending come back cancelled
            future.cancel()
        self.pool = self._start()

    def stop(self) -> None:
        """Stop the workers now: a finished run has none busy, an interrupted one waits for none."""
        self.pool.stop()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
        self.pool.join()

    def submit(self, job: Job) -> "Future[DocumentOutcome]":
        while True:
            try:
                future = self.pool.schedule(
                    run_watched, (self.function, job.path), timeout=self.settings.time_limit
                )
            except RuntimeError:  # the pool is broken, and takes no task
                self._restart()
            else:
                self.jobs[future] = job
                return future

    def settle(
        self, futures: set["Future[DocumentOutcome]"]
    ) -> dict["Future[DocumentOutcome]", DocumentOutcome | None]:
        done, _ = wait(futures, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        if not done and not self.pool.active:  # broken, its tasks left pending
            self._restart()
        settled = {future: self._outcome(future, self.jobs.pop(future)) for future in done}
        if any(outcome is not None for outcome in settled.values()):
            self.breaks = 0
        return settled

    def _outcome(self, future: "Future[DocumentOutcome]", job: Job) -> DocumentOutcome | None:
        try:
            return future.result()
        except TimeoutError:
            return timeout_outcome(self.settings.time_limit)
        except (BrokenProcessPool, CancelledError):  # the pool broke under it: read it again
            return None
        except ProcessExpired as error:
            if job.path not in self.retried:
                self.retried.add(job.path)
                return None
            if error.exitcode == MEMORY_LIMIT_EXIT:
                return memory_outcome(self.settings.memory_limit)
            return failure(
                "crash", "batch", f"the worker process died ({exit_reason(error.exitcode)})"
            )
        except Exception as error:  # the outcome could not come back (e.g. not picklable)
            return failure("worker-error", "batch", f"{type(error).__name__}: {error}")
