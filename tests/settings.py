"""Settings for the test run: production's settings with what only tests need.

The project's settings hold no test switches (they never ask whether pytest is running);
what tests need differently is set here, and a test of a feature switched off here (the
search rate limit) switches it on itself with ``override_settings``.
"""

import os

# Production refuses to start without a secret key; tests are not production.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-insecure-key-" + "x" * 40)

from yongkang.settings import *  # noqa: E402,F403

# Tests search many times from one client; tests/prod/test_rate_limit.py turns it on.
SEARCH_RATE_LIMIT = "off"
# No collectstatic before tests: templates' {% static %} must not need a manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Logins in tests (the lockout tests post dozens) need no slow key stretching.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# check_index --rebuild waits this long after switching folders before removing the old one
# (10 s in production: longer than any search); the in-process tests search nothing meanwhile.
SEARCH_INDEX_SWAP_GRACE = 0.2
