"""gunicorn settings that cannot be given on the command line (``./dev prod`` passes it)."""

import logging

log = logging.getLogger("gunicorn.error")


def post_worker_init(worker):
    # Each worker (and each one restarted by --max-requests) pays for its first search here
    # instead of in a visitor's request.
    from articles.search.service import warm_up

    log.info("worker %s: search warmed up in %.0f ms", worker.pid, warm_up() * 1000)
