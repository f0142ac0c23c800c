"""The fixed-window counter behind the public front's rate limits."""

import pytest
from django.core.cache import cache

from wpsnap.core import ratelimit


@pytest.fixture(autouse=True)
def _clear():
    cache.clear()
    yield
    cache.clear()


def test_parse_rate():
    assert ratelimit.parse_rate("600/m") == (600, 60)
    assert ratelimit.parse_rate("3/s") == (3, 1)
    assert ratelimit.parse_rate("10/hour") == (10, 3600)
    with pytest.raises((KeyError, ValueError)):
        ratelimit.parse_rate("ten/m")


def test_the_hit_over_the_limit_is_refused_per_key_and_scope():
    assert [ratelimit.hit("vote", "1.2.3.4", "3/m") for _ in range(5)] == [
        False, False, False, True, True]
    assert ratelimit.hit("vote", "5.6.7.8", "3/m") is False  # another key
    assert ratelimit.hit("join", "1.2.3.4", "3/m") is False  # another scope


def test_a_new_window_starts_a_new_count(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert [ratelimit.hit("w", "k", "2/m") for _ in range(3)] == [False, False, True]
    now[0] += 60
    assert ratelimit.hit("w", "k", "2/m") is False


def test_raw_keys_do_not_reach_the_cache():
    ratelimit.hit("vote", "203.0.113.9", "5/m")
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113.9" in k for k in keys)
