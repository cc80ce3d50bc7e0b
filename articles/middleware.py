"""Response hardening and a per-client rate limit for the search endpoints.

Django 5.2 has no Content-Security-Policy support of its own, so the header is set here.
Searching is the one expensive thing an anonymous visitor can trigger (a Whoosh query per
request), so only the search page, the search feed and the search API are rate limited.
"""

import ipaddress
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse

RATE_LIMITED_VIEWS = frozenset({"articles:search", "articles:search_feed", "articles:api_search"})

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(s|sec|m|min|h|hour)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600}


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int


@lru_cache(maxsize=16)
def parse_rate(text: str | None) -> Rate | None:
    """``"30/10s"`` → 30 requests per 10 seconds; empty, ``off`` or ``0`` → no limit."""
    if text is None or text.strip().lower() in {"", "0", "off", "none", "false"}:
        return None
    match = _RATE.match(text)
    if not match:
        raise ValueError(f"rate must look like '30/10s' or '100/m', got {text!r}")
    count, number, unit = match.groups()
    seconds = int(number or 1) * _UNIT_SECONDS[(unit or "s").lower()]
    if int(count) < 1 or seconds < 1:
        raise ValueError(f"rate must allow at least one request per second or more, got {text!r}")
    return Rate(int(count), seconds)


def client_ip(request) -> str:
    """Who is asking: the peer address, or behind trusted proxies the address they saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    behind ``TRUSTED_PROXY_HOPS`` proxies of our own the client is that many entries from
    the right. Entries further left were written by the client and prove nothing: keying
    on them would let anyone pick a fresh key per request.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        entries = [entry for entry in entries if entry]
        if entries:
            candidate = entries[max(0, len(entries) - hops)]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # a proxy that appends something else is misconfigured: use the peer
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def login_client_ip(request) -> str | None:
    """The address django-axes counts failed logins for (it stores an IP address)."""
    address = client_ip(request)
    return None if address == "unknown" else address


# Django's debug pages (DEBUG only) style themselves inline, and the 500 page also scripts
# its toggles inline; under the site's policy they showed as bare text.
DEBUG_PAGE_RELAXATION = {
    404: "; style-src 'self' 'unsafe-inline'",
    500: "; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'",
}


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy (and keeps a page from being framed anywhere).

    With DEBUG on, a 404 or 500 HTML page is Django's technical page (the site's own 404.html
    and 500.html are only used with DEBUG off), so that response alone gets inline styles.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy + self._debug_relaxation(response)
        return response

    @staticmethod
    def _debug_relaxation(response) -> str:
        if not settings.DEBUG or not response.get("Content-Type", "").startswith("text/html"):
            return ""
        return DEBUG_PAGE_RELAXATION.get(response.status_code, "")


class SearchRateLimitMiddleware:
    """Fixed-window counter per client in ``SEARCH_RATE_CACHE``; over the limit → 429.

    That cache is shared by every worker (files in the data folder, or the site's shared
    cache). Two workers counting the same client in the same instant can each miss the
    other's increment (the file cache's incr is read-then-write), so the limit may let a
    request or two more through under contention, never workers × the rate.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # A malformed YONGKANG_SEARCH_RATE stops the worker at start, not every search.
        parse_rate(settings.SEARCH_RATE_LIMIT)

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rate = parse_rate(settings.SEARCH_RATE_LIMIT)
        match = request.resolver_match
        if rate is None or match is None or match.view_name not in RATE_LIMITED_VIEWS:
            return None
        now = time.time()
        window = int(now // rate.seconds)
        key = f"search-rate:{client_ip(request)}:{rate.seconds}:{window}"
        cache = caches[settings.SEARCH_RATE_CACHE]
        # add() is a no-op if the key exists, so concurrent first requests don't reset it.
        cache.add(key, 0, timeout=rate.seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=rate.seconds + 1)
            count = 1
        if count <= rate.requests:
            return None
        retry_after = max(1, math.ceil((window + 1) * rate.seconds - now))
        return too_many_requests(match.view_name, retry_after)


def too_many_requests(view_name: str, retry_after: int) -> HttpResponse:
    message = f"搜索过于频繁，请 {retry_after} 秒后再试。"
    if view_name == "articles:api_search":
        response = JsonResponse({"error": message, "retry_after": retry_after}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
