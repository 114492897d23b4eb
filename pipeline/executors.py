"""Where a batch's documents are converted: a local process pool, or a Dask cluster.

Each executor calls ``finished(index, manifest_line)`` as documents finish, in any
order; a document whose worker does not come back gets a failed line of its own.
``batch.run_archive`` chooses the executor; this module knows nothing of the manifest.
"""

from __future__ import annotations

from .batch import Task, crashed, process_one
from .options import ExtractOptions


def run_pool(tasks: list[Task], outdir: str, options: ExtractOptions, jobs: int, finished) -> None:
    """A process pool (pebble) that stops a worker past the time limit and goes on."""
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures import as_completed

    from pebble import ProcessPool
    from pebble.common import ProcessExpired

    timeout = options.limits.timeout
    # The worker stops itself at the limit (SIGALRM); the pool kills it a little later
    # if it is stuck where a signal cannot reach (inside a C extension).
    hard_limit = timeout + 10 if timeout > 0 else None
    pool = ProcessPool(max_workers=jobs)
    try:
        futures = {
            pool.schedule(process_one, args=(t, outdir, options), timeout=hard_limit): k
            for k, t in enumerate(tasks)
        }
        for future in as_completed(futures):
            k = futures[future]
            try:
                entry = future.result()
            except FutureTimeout:
                entry = crashed(
                    tasks[k], "timeout", f"took more than {timeout:g} s and was stopped"
                )
            except (ProcessExpired, OSError) as exc:
                entry = crashed(
                    tasks[k],
                    "worker_crashed",
                    f"the worker converting it stopped ({exc}); try it alone with --jobs 1",
                )
            finished(k, entry)
    except BaseException:
        pool.stop()
        pool.join()
        raise
    pool.close()
    pool.join()


def run_dask(tasks, outdir, options, jobs, scheduler, finished) -> None:
    from distributed import Client, LocalCluster, as_completed

    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        # In-memory filesystems live in one process: share it with threads.
        in_memory = outdir.startswith("memory://") or any(
            t.source.startswith("memory://") for t in tasks
        )
        cluster = LocalCluster(
            n_workers=1 if in_memory else jobs,
            threads_per_worker=jobs if in_memory else 1,
            processes=not in_memory,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        futures = [
            client.submit(process_one, task, outdir, options, key=f"notice-{k}-{task.name}")
            for k, task in enumerate(tasks)
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        for future in as_completed(futures):
            finished(index[future.key], future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
