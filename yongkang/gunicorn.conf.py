"""gunicorn settings that cannot be given on the command line (``./dev prod`` passes it)."""

import logging

log = logging.getLogger("gunicorn.error")


def post_worker_init(worker):
    # Each worker (and each one restarted by --max-requests) pays for its first search here
    # instead of in a visitor's request. gunicorn never times a worker out before its first
    # heartbeat, which comes after this hook: the warm-up is bounded (WARM_UP_SECONDS, the
    # engine only, no snippets), so one huge article cannot keep workers from serving.
    from articles.search.service import WARM_UP_SECONDS, warm_up

    took = warm_up(WARM_UP_SECONDS)
    log.info("worker %s: search warmed up in %.0f ms", worker.pid, took * 1000)
