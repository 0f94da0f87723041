"""The Dask executor: on a local cluster the test starts, the same per-document function
gives the same store as the local pool, and a hang is stopped at the time limit."""

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from threading import Event

import pytest
from batch_store import snapshot
from click.testing import Result
from distributed import LocalCluster
from stand_ins import jobs, pages_of_name

from pipeline.batch.dask_cluster import DaskExecutor


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a running cluster, as a real one would be given: two worker processes."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


def test_the_dask_executor_gives_the_local_pools_store(
    corpus: Path, tmp_path: Path, kpi: Callable[..., Result], scheduler: str
) -> None:
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    on_pool = kpi("run", corpus, "--store", local, "--workers", "2")
    on_dask = kpi("run", corpus, "--store", dask, "--executor", "dask", "--scheduler", scheduler)
    assert (on_pool.exit_code, on_dask.exit_code) == (0, 0), on_dask.output
    assert "(dask, 2 workers)" in on_dask.output
    assert snapshot(dask) == snapshot(local)


def test_a_hang_on_the_cluster_fails_with_timeout_and_the_rest_finish(scheduler: str) -> None:
    executor = DaskExecutor(time_limit=3.0, address=scheduler)
    try:
        outcomes = {
            job.document.doc_id: outcome
            for job, outcome in executor.outcomes(jobs("a", "hang", "bcd"), pages_of_name, Event())
        }
    finally:
        executor.close()
    assert outcomes["hang"].issues[0].code == "timeout"
    assert (outcomes["a"].pages, outcomes["bcd"].pages) == (1, 3)
