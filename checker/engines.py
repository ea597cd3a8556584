"""Where batches run: in this process, in worker processes on all cores, or on a Dask cluster.

Every engine yields results in the order of its input and keeps only a few batches in flight,
so memory stays bounded however long the corpus is.
"""
from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing as mp
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

ENGINES = ("local", "dask")


class EngineError(Exception):
    """The engine could not run: a scheduler out of reach, a worker process killed."""


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def ordered_map(fn: Callable, items: Iterable, jobs: int | None = None, engine: str = "local",
                scheduler: str | None = None, warm_up: Callable | None = None) -> Iterator:
    """fn(item) for each item, in order. warm_up, if given, loads what every worker needs: local worker
    processes inherit it from this process, which runs it just before they start; each Dask worker runs
    it itself. A run of one batch, done here, does not run it (the batch may never need what it loads)."""
    jobs = jobs or default_jobs()
    if engine == "dask":
        return _dask_map(fn, items, jobs, scheduler, warm_up)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    items = iter(items)
    head = list(itertools.islice(items, 2))
    if jobs <= 1 or len(head) < 2:  # one batch: starting worker processes would cost more than it saves
        return map(fn, itertools.chain(head, items))
    return _process_map(fn, itertools.chain(head, items), jobs, warm_up)


def _worker_init(warm_up: Callable | None) -> None:
    # The parent handles Ctrl-C and SIGTERM and then stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if warm_up is not None:
        warm_up()
    # What is loaded by now lasts as long as this worker, which numcheck owns: out of the collector's
    # sight, a full collection costs the same late in a large corpus or long document as early on.
    # (Not on Dask workers: those may be a shared cluster's, where frozen objects could never be freed.)
    gc.collect()
    gc.freeze()


def _process_map(fn: Callable, items: Iterable, jobs: int, warm_up: Callable | None) -> Iterator:
    methods = mp.get_all_start_methods()
    forked = "fork" in methods
    context = mp.get_context("fork" if forked else methods[0])
    if forked and warm_up is not None:
        # Loaded once here, just before the workers fork, instead of once in each of them: they inherit
        # it (the parser, quantulum3's patterns, the lemma table: about a second of CPU a worker).
        warm_up()
        warm_up = None
        if gc.get_freeze_count():
            # This process keeps what it loaded out of the collector's sight (the command line does, after
            # its imports): so too what the workers inherit, whose collections then leave its pages shared.
            gc.collect()
            gc.freeze()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init,
                               initargs=(warm_up,))
    pending: deque = deque()
    finished = False
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    except BrokenProcessPool as exc:
        raise EngineError("a worker process died (killed, or out of memory?)") from exc
    finally:
        _stop(pool, pending, finished)


def _stop(pool: ProcessPoolExecutor, pending: deque, finished: bool) -> None:
    """Shut the pool down; on an early exit (Ctrl-C, an error) stop the workers, not wait for them."""
    if finished:
        pool.shutdown(wait=True)
        return
    for f in pending:
        f.cancel()
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    # Wait for the pool's manager thread, which exits at once on seeing its workers gone: left running,
    # it could close its wake-up pipe while the interpreter's exit hook writes to it (CPython 3.11 has
    # no lock there), and an interrupted run ended with an "OSError: Bad file descriptor" traceback.
    pool.shutdown(wait=True, cancel_futures=True)


WORKER_WAIT = 30  # seconds to wait for a scheduler's first worker


def _dask_map(fn: Callable, items: Iterable, jobs: int, scheduler: str | None,
              warm_up: Callable | None) -> Iterator:
    try:
        from dask.distributed import Client, KilledWorker, LocalCluster
    except ImportError as exc:
        raise EngineError("the dask engine needs dask.distributed: pip install 'numcheck[dask]'") from exc
    cluster = client = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s", set_as_default=False)
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, host="127.0.0.1",
                                   dashboard_address=None, processes=True, silence_logs=logging.CRITICAL)
            client = Client(cluster, set_as_default=False)
        if warm_up is not None:
            client.run(warm_up)
    except Exception as exc:  # connection refused, timeouts, a cluster that cannot start: one line
        for thing in (client, cluster):
            if thing is not None:
                thing.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        if scheduler and client is not None:
            raise EngineError(f"{where} has no workers (waited {WORKER_WAIT} s)") from exc
        raise EngineError(f"cannot use {where}: {exc}") from exc
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for item in items:
            pending.append(client.submit(fn, item, pure=False))
            if len(pending) >= window:
                yield _take(pending)
        while pending:
            yield _take(pending)
    except KilledWorker as exc:
        raise EngineError(f"a Dask worker died while checking a batch ({exc})") from exc
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _take(pending: deque):
    result = pending[0].result()
    pending.popleft().release()
    return result
