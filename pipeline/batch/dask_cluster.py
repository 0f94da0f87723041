"""The Dask executor: the per-document function on an existing Dask cluster (given the
scheduler's address), or on a `LocalCluster` it starts. A task over the time limit is
cancelled and its worker restarted through its nanny.
"""

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator
from threading import Event
from typing import Any

from pipeline.batch.executors import (
    POLL_SECONDS,
    DocumentFunction,
    Job,
    run_windowed,
    timeout_outcome,
)
from pipeline.batch.memory import DEFAULT_MEMORY_LIMIT
from pipeline.batch.outcome import DocumentOutcome, failure


class DaskExecutor:
    """The per-document function on a Dask cluster: an existing one, or a local one it starts.

    A task's time limit counts from its submission; with no more tasks in flight
    than the cluster has threads, a task starts as soon as it is submitted.
    """

    name = "dask"

    def __init__(
        self,
        time_limit: float,
        address: str | None = None,
        workers: int = 2,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        from distributed import Client, LocalCluster

        self.time_limit = time_limit
        self._cluster: Any = None
        if address is None:  # a cluster of one's own takes the limit; a running one has its own
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=memory_limit,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client: Any = Client(self._cluster)
        else:
            self.client = Client(address, timeout="30s")
        threads = self.client.nthreads()
        self.workers = sum(threads.values()) or workers

    def _stop(self, future: Any) -> None:
        """Cancel a task over its limit and restart the worker still running it."""
        holders = [
            address for address, keys in self.client.processing().items() if future.key in keys
        ]
        future.cancel()
        if holders:
            self.client.restart_workers(holders, raise_for_error=False)

    def _outcome(self, future: Any) -> DocumentOutcome:
        error = future.exception()
        if error is None:
            outcome: DocumentOutcome = future.result()
            return outcome
        if type(error).__name__ == "KilledWorker":
            return failure("crash", "batch", f"the worker process died ({error})")
        return failure("worker-error", "batch", f"{type(error).__name__}: {error}")

    def outcomes(
        self, jobs: Iterable[Job], function: DocumentFunction, stop: Event
    ) -> Iterator[tuple[Job, DocumentOutcome]]:
        from distributed import wait as dask_wait

        deadlines: dict[Any, float] = {}

        def submit(job: Job) -> Any:
            future = self.client.submit(function, job.path, pure=False)
            deadlines[future] = time.monotonic() + self.time_limit
            return future

        def settle(futures: set[Any]) -> dict[Any, DocumentOutcome]:
            first_deadline = min(deadlines[future] for future in futures)
            wait_for = min(POLL_SECONDS, max(0.0, first_deadline - time.monotonic()))
            with contextlib.suppress(TimeoutError):
                dask_wait(list(futures), timeout=wait_for, return_when="FIRST_COMPLETED")
            now = time.monotonic()
            settled = {}
            for future in futures:
                if future.done():
                    settled[future] = self._outcome(future)
                elif deadlines[future] <= now:
                    self._stop(future)
                    settled[future] = timeout_outcome(self.time_limit)
            for future in settled:
                del deadlines[future]
            return settled

        try:
            yield from run_windowed(jobs, submit, settle, self.workers, stop)
        finally:
            self.client.cancel(list(deadlines))  # those in flight when the run stopped

    def peak_worker_mb(self) -> float:
        """Unknown beyond the outcomes': Dask's own dashboard shows its workers' memory."""
        return 0.0

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
