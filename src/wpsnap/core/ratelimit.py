"""Fixed-window rate limits, counted in the default cache.

Replaces django-ratelimit on the public front (see the commit that brought this in): a vote
checks two limits, and the library's general machinery (rate parsing, key callables, settings
lookups, two cache operations per limit) was ~9 % of the CPU a vote costs. Here a check is one
`cache.incr` in the usual case (an `add` only on a window's first hit).

Counting is as exact as the cache: the default local-memory cache counts per server process
(see validation.views.public); a shared cache (Redis, memcached) counts per site. Raw keys
(IP addresses) never reach the cache: they are hashed.
"""

import hashlib
import time

from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"600/m" → (600, 60): at most 600 hits per 60 seconds."""
    count, _, unit = rate.partition("/")
    return int(count), PERIODS[unit.strip().lower()[:1]]


def hit(scope: str, key: str, rate: str) -> bool:
    """Count one hit of `key` in `scope`; True when this hit goes over `rate`."""
    limit, period = parse_rate(rate)
    digest = hashlib.blake2b(key.encode(), digest_size=12).hexdigest()
    name = f"wpsnap:rl:{scope}:{int(time.time() // period)}:{digest}"
    try:
        count = cache.incr(name)
    except ValueError:  # the window's first hit (or the counter expired)
        count = 1 if cache.add(name, 1, period + 1) else cache.incr(name)
    return count > limit
