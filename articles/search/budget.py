"""A time budget per search: past it, the search stops checking and answers with what it has.

One pathological article (a megabyte of one repeated sentence) used to hold a worker past
gunicorn's timeout. The loops whose length depends on the data (phrase and character-pair
checks per candidate document, snippets per hit) ask :func:`exceeded` every so often; past
the deadline they stop, and the page says its results may be incomplete.

The budget lives in a context variable, so the engine's inner loops need no extra argument;
a budget opened inside another never outlasts it (the warm-up holds one around its
searches).
"""

import contextlib
import time
from contextvars import ContextVar

from django.conf import settings

# Seconds one search may take before it answers with what it has (gunicorn's worker
# timeout is 30 s).
DEFAULT_SECONDS = 3.0
# How many documents a checking loop handles between two looks at the clock.
EVERY = 256

_current: ContextVar["Budget | None"] = ContextVar("search_budget", default=None)


class Budget:
    def __init__(self, seconds: float, clock=time.monotonic, deadline: float | None = None):
        self.clock = clock
        own = clock() + seconds
        self.deadline = own if deadline is None else min(own, deadline)
        self.ran_out = False

    def exceeded(self) -> bool:
        if not self.ran_out and self.clock() >= self.deadline:
            self.ran_out = True
        return self.ran_out


def seconds() -> float:
    return float(getattr(settings, "SEARCH_TIME_BUDGET", DEFAULT_SECONDS))


@contextlib.contextmanager
def limit(seconds_: float | None = None, clock=None):
    """A budget for the searches inside; yields the :class:`Budget` (``ran_out`` after)."""
    outer = _current.get()
    clock = clock or (outer.clock if outer is not None else time.monotonic)
    budget = Budget(
        seconds() if seconds_ is None else seconds_,
        clock=clock,
        deadline=outer.deadline if outer is not None else None,
    )
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
        if outer is not None and budget.ran_out:
            outer.exceeded()


def exceeded() -> bool:
    """Whether the current search has used up its time (never, outside a budget)."""
    budget = _current.get()
    return budget is not None and budget.exceeded()


def checked(items):
    """``items``, stopping early once the budget is used up (the clock read every
    ``EVERY`` items)."""
    for number, item in enumerate(items):
        if number % EVERY == 0 and exceeded():
            return
        yield item
