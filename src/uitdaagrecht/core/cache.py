"""Django's Redis cache, with one client per connection pool instead of one per call, that fails
soft: with Redis down the site works without the cache (slower), it does not answer 500.

Django builds a new `redis.Redis` for every cache call; with redis-py 8 that sets up its response
callbacks each time, which made a cache hit cost as much as a small page (bench/README.md). A
client is thread-safe and only wraps the pool, so keeping one per pool changes nothing else.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import RedisError


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


logger = logging.getLogger(__name__)
LOG_EVERY_SECONDS = 60

# What each operation answers while Redis cannot be reached: as if the cache were empty and every
# write had been refused. `add` and `incr` answer as if they succeeded, so a rate limit or flood
# guard built on them lets people through rather than locking everyone out.
MISSING = {
    "get": lambda key, default=None, *a, **k: default,
    "get_many": lambda *a, **k: {},
    "has_key": lambda *a, **k: False,
    "set": lambda *a, **k: None,
    "add": lambda *a, **k: True,
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "delete_many": lambda *a, **k: None,
    "set_many": lambda keys, *a, **k: list(keys),
    "incr": lambda key, delta=1, *a, **k: delta,
    "clear": lambda *a, **k: False,
}


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._last_logged = 0.0

    def _unavailable(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - self._last_logged > LOG_EVERY_SECONDS:
            self._last_logged = now
            logger.warning("Redis cache unavailable (%s): %s", operation, type(error).__name__)

    def get_or_set(self, key, default, timeout=None, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self.add(key, value, timeout=timeout, version=version)
        return value


def _fail_soft(name: str):
    method = getattr(DjangoRedisCache, name)
    fallback = MISSING[name]

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            self._unavailable(name, error)
            return fallback(*args, **kwargs)

    wrapper.__name__ = name
    return wrapper


for _name in MISSING:
    setattr(RedisCache, _name, _fail_soft(_name))
