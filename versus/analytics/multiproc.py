"""Set up prometheus-client's multi-process mode before `versus serve` starts its Sanic workers.

prometheus-client chooses between in-memory and file-backed values when it is first imported, from the
PROMETHEUS_MULTIPROC_DIR environment variable. Sanic's workers are spawned (fresh interpreters that
inherit the environment), so setting the variable here, in the main process before the workers start,
switches every worker to file-backed values. The directory must start empty, or a scrape would add the
counts of an earlier run: a directory Versus creates is new, and one the operator names is cleared.
"""

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from versus.analytics.prometheus import MULTIPROC_ENV

log = logging.getLogger("versus.analytics")


@contextmanager
def multiprocess_metrics(workers: int) -> Iterator[Path | None]:
    """Yield the directory in use (None for one worker without the variable); remove it if we made it."""
    named = os.environ.get(MULTIPROC_ENV)
    if named:
        folder = Path(named)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
        log.info("metrics: multi-process mode in %s (cleared)", folder)
        yield folder
        return
    if workers <= 1:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="versus-metrics-"))
    os.environ[MULTIPROC_ENV] = str(folder)
    log.info("metrics: multi-process mode for %d workers in %s", workers, folder)
    try:
        yield folder
    finally:
        os.environ.pop(MULTIPROC_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)
