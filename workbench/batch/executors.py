"""Where a batch's tasks run, behind one small interface: in-process, a process pool, Dask.

Every executor takes the worker function and plain task dictionaries and yields
``(task, outcome_or_exception)`` pairs as they finish. Workers receive plain data only
(the client file's dictionary, the weeks, a catalog key), never solver models, and each
solve uses one HiGHS thread (the planner's setting), so ``workers`` processes use
``workers`` cores.

- :class:`InProcess`: one client after another in this process (one client, tests).
- :class:`ProcessPool`: ``concurrent.futures.ProcessPoolExecutor`` with the ``spawn``
  start method (a worker never inherits a parent's threads or open solver state).
- :class:`DaskCluster`: Dask distributed; ``"local"`` starts a ``LocalCluster`` of
  ``workers`` single-threaded worker processes on this machine (no dashboard, loopback
  only); a ``tcp://host:8786`` address uses a running scheduler (a studio's cluster).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, Protocol

Outcome = dict[str, Any]
Worker = Callable[[dict[str, Any]], Outcome]

#: How long a batch waits to reach a running Dask scheduler before it says so [s].
DASK_CONNECT_S = 10
#: The address schemes of a running Dask scheduler (Dask's comm protocols).
DASK_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


class ExecutorError(RuntimeError):
    """An executor that cannot start: the scheduler named cannot be reached, and why."""


class Executor(Protocol):
    """Runs tasks; yields each task with its outcome (or the exception it raised)."""

    name: str
    workers: int

    def run(
        self, fn: Worker, tasks: Iterable[dict[str, Any]]
    ) -> Iterator[tuple[dict[str, Any], Outcome | BaseException]]: ...

    def close(self) -> None: ...


class InProcess:
    """One task after another, in this process."""

    name = "in-process"
    workers = 1

    def run(self, fn: Worker, tasks: Iterable[dict[str, Any]]):
        for task in tasks:
            try:
                yield task, fn(task)
            except Exception as err:  # reported, never fatal
                yield task, err

    def close(self) -> None:
        pass


class ProcessPool:
    """A pool of ``workers`` processes (``spawn``), one HiGHS thread each."""

    name = "process pool"

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
        )

    def run(self, fn: Worker, tasks: Iterable[dict[str, Any]]):
        futures = {self._pool.submit(fn, task): task for task in tasks}
        for future in as_completed(futures):
            err = future.exception()
            yield futures[future], (err if err is not None else future.result())

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """Dask distributed: a local cluster, or a running scheduler at ``address``."""

    name = "dask"

    def __init__(self, address: str, workers: int) -> None:
        from distributed import Client, LocalCluster

        self._cluster = None
        if address == "local":
            self._cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
                silence_logs=40,  # logging.ERROR: the progress bar is the batch's voice
            )
            self._client = Client(self._cluster)
        else:
            if not address.startswith(DASK_SCHEMES):
                raise ExecutorError(
                    f"--dask {address!r}: use 'local' or a scheduler's address such as "
                    "tcp://host:8786"
                )
            try:
                self._client = Client(address, timeout=DASK_CONNECT_S)
            except (OSError, TimeoutError) as err:
                raise ExecutorError(
                    f"cannot reach the Dask scheduler at {address} within {DASK_CONNECT_S} s "
                    f"({type(err).__name__}); is it running, and is this the address it "
                    "printed?"
                ) from None
        self.workers = len(self._client.scheduler_info().get("workers", {})) or workers
        self.name = f"dask ({'local cluster' if self._cluster else address})"

    def run(self, fn: Worker, tasks: Iterable[dict[str, Any]]):
        from distributed import as_completed as dask_completed

        tasks = list(tasks)
        futures = self._client.map(fn, tasks, pure=False)
        by_key = {f.key: t for f, t in zip(futures, tasks, strict=True)}
        for future in dask_completed(futures):
            task = by_key[future.key]
            if future.status == "error":
                yield task, future.exception()
            else:
                yield task, future.result()
            future.release()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def executor_for(*, workers: int = 2, dask: str | None = None) -> Executor:
    """The executor a batch asks for.

    Parameters
    ----------
    workers : int
        Processes to use; 1 with no ``dask`` runs in this process.
    dask : str or None
        ``"local"`` for a LocalCluster, a ``tcp://`` address for a running scheduler,
        None for the process pool.
    """
    if dask:
        return DaskCluster(dask, workers)
    if workers <= 1:
        return InProcess()
    return ProcessPool(workers)
