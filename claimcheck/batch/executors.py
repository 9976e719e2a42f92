"""Where the per-article work runs: local worker processes, or a Dask cluster.

Both take the same work items, (path to read, input to report), run `work.check_file` on each
and yield `ArticleResult`s as they complete, so the one writer in the main process turns them
into identical lines. Order follows completion: with `--jobs 1` locally it is the discovery
order; with several workers or on Dask it varies from run to run (the records do not).

Both poll `should_stop()` a few times a second; when it turns true they stop handing out work,
end their workers (a Dask cluster given by `--scheduler` is left running, only our tasks are
cancelled) and return. Work in flight is dropped: it was never written, so a re-run does it.

`yield None` is a heartbeat (nothing finished in the last poll) so the caller can refresh its
progress display.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from .work import (
    ArticleResult,
    PipelineUnavailable,
    _failed,
    check_file,
    check_files,
    hash_file,
    init_worker,
)

Item = tuple[str, str]  # (path to read, input as reported)
StopCheck = Callable[[], bool]

POLL_SECONDS = 0.2
CRASHED = "worker process died while checking this file (crash or out of memory)"


class BatchAborted(Exception):
    """The executor cannot go on (workers die before finishing anything, cluster unreachable)."""


@contextmanager
def sigint_ignored_in_children() -> Iterator[None]:
    """Processes started inside this block never see Ctrl-C (a blocked signal stays blocked
    across fork and exec), so a terminal's Ctrl-C, sent to the whole process group, reaches
    only the main process, which stops the workers itself: no tracebacks from them.

    The signal is blocked, not ignored, in this thread for the block: a Ctrl-C that lands
    meanwhile is delivered when the block ends (or to another thread at once), never dropped.
    Ignoring it here lost a Ctrl-C pressed during a `submit`.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def chunk_size(total: int, workers: int) -> int:
    """Small enough to spread the work and write often, big enough to keep IPC cheap."""
    return max(1, min(16, total // max(1, workers * 8)))


class LocalExecutor:
    """`--jobs N` spawned processes, each with the pipeline loaded once (`init_worker`).

    Memory stays flat however long the batch: spaCy's string store grows with every new token
    text, so the pool is replaced after `recycle_after` articles per worker (a second or so to
    start new workers; `max_tasks_per_child` would do it, but deadlocks on Python 3.11-3.13,
    cpython#115634).

    A worker that dies (segfault, OOM killer) breaks the pool: the pool is rebuilt and the
    chunks it held are re-run one article at a time, alone, so the article that kills a
    worker is found and gets an error line instead of taking the batch down.
    """

    def __init__(self, jobs: int, offline: bool, recycle_after: int = 2000) -> None:
        self.jobs = jobs
        self.offline = offline
        self.recycle_after = recycle_after

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(os.getpid(),),
        )

    def run(self, items: list[Item], should_stop: StopCheck) -> Iterator[ArticleResult | None]:
        size = chunk_size(len(items), self.jobs)
        queue: deque[list[Item]] = deque(items[i:i + size] for i in range(0, len(items), size))
        suspects: deque[list[Item]] = deque()  # single articles from a broken pool
        produced = False
        breaks = 0
        while queue or suspects:
            before = set(multiprocessing.active_children())
            pool = self._new_pool()
            budget = self.jobs * self.recycle_after  # articles this pool may take
            in_flight: dict[Future, list[Item]] = {}
            isolated = False  # the one chunk in flight is a suspect running alone
            broken = False
            try:
                while in_flight or ((queue or suspects) and budget > 0):
                    if should_stop():
                        return
                    with sigint_ignored_in_children():  # submit() may start a worker
                        if suspects and not in_flight:
                            chunk = suspects.popleft()
                            in_flight[pool.submit(check_files, chunk, self.offline)] = chunk
                            isolated = True
                        elif not suspects:
                            while queue and budget > 0 and len(in_flight) < self.jobs * 2:
                                chunk = queue.popleft()
                                budget -= len(chunk)
                                in_flight[pool.submit(check_files, chunk, self.offline)] = chunk
                    done, _ = wait(in_flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                    if not done:
                        yield None
                        continue
                    lost: list[list[Item]] = []
                    for future in done:
                        chunk = in_flight.pop(future)
                        try:
                            results = future.result()
                        except BrokenProcessPool:
                            lost.append(chunk)
                            continue
                        except PipelineUnavailable as err:
                            raise BatchAborted(str(err)) from None
                        produced = True
                        yield from results
                    if lost:  # the pool is dead: everything still in flight is lost too
                        broken = True
                        lost.extend(in_flight.values())
                        in_flight.clear()
                        if isolated:
                            path, input = lost[0][0]
                            yield _failed(input, hash_file(path), CRASHED)
                        else:
                            suspects.extend([item] for chunk in lost for item in chunk)
                        break
                    isolated = False
            finally:
                self._shutdown(pool, before)
            if broken and not produced:
                breaks += 1
                if breaks >= 3:
                    raise BatchAborted("worker processes keep dying before finishing any article")

    @staticmethod
    def _shutdown(pool: ProcessPoolExecutor, before: set) -> None:
        """Stop the pool now: pending work cancelled, running workers terminated."""
        pool.shutdown(wait=False, cancel_futures=True)
        for process in set(multiprocessing.active_children()) - before:
            process.terminate()
        for process in set(multiprocessing.active_children()) - before:
            process.join(timeout=5)


class DaskExecutor:
    """The same `check_file` as Dask tasks, one per article, streamed back with `as_completed`.

    Without `scheduler` a `LocalCluster` of `jobs` single-threaded worker processes is started
    (and closed at the end); with it, the batch connects to that scheduler, whose workers must
    have claimcheck installed (the same version) and see the same files at the same paths
    (absolute paths are sent). Each Dask worker builds the
    pipeline once, on its first article (`get_nlp` is cached per process). At most a few tasks
    per worker thread are queued at a time, so memory stays flat however many articles there are.
    """

    def __init__(self, jobs: int, offline: bool, scheduler: str | None = None) -> None:
        self.jobs = jobs
        self.offline = offline
        self.scheduler = scheduler

    def _connect(self):
        import logging

        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            try:
                return Client(self.scheduler, timeout="10s"), None
            except (OSError, TimeoutError) as err:
                raise BatchAborted(f"cannot reach the Dask scheduler {self.scheduler}: {err}") from None
        with sigint_ignored_in_children():
            cluster = LocalCluster(
                n_workers=self.jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: never clash with a running cluster
                silence_logs=logging.ERROR,
            )
        return Client(cluster), cluster

    def run(self, items: list[Item], should_stop: StopCheck) -> Iterator[ArticleResult | None]:
        from dask.distributed import as_completed

        client, cluster = self._connect()
        try:
            threads = sum(client.nthreads().values()) or self.jobs
            window = max(4, threads * 4)
            todo = deque(items)
            in_flight: dict = {}
            completed = as_completed(with_results=True, raise_errors=False)
            while todo or in_flight:
                while todo and len(in_flight) < window:
                    path, input = todo.popleft()
                    future = client.submit(check_file, path, input, self.offline, pure=False)
                    in_flight[future.key] = (future, path, input)
                    completed.add(future)
                if should_stop():
                    client.cancel([entry[0] for entry in in_flight.values()])
                    return
                if not completed.has_ready():
                    time.sleep(0.05)
                    yield None
                    continue
                for future, result in completed.next_batch(block=False):
                    _, path, input = in_flight.pop(future.key)
                    if isinstance(result, ArticleResult):
                        yield result
                    elif isinstance(result, PipelineUnavailable):
                        client.cancel([entry[0] for entry in in_flight.values()])
                        raise BatchAborted(str(result))
                    else:  # KilledWorker and the like: the task itself never raises
                        yield _failed(input, hash_file(path), f"{CRASHED}: {type(result).__name__}")
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
