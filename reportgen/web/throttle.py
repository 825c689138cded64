"""Login throttling: too many failed logins for a user name, or from an address, pause logins for a while."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict, deque


class LoginThrottle:
    """Failed logins per user name and per address, in a sliding window; too many pause logins for a while.

    Kept in the server's memory: a restart forgets it, which an attacker gains
    nothing from (Argon2 makes each guess cost the same either way).
    """

    def __init__(self, failures: int, pause: dt.timedelta) -> None:
        self.failures = failures
        self.pause = pause
        self._seen: dict[str, deque[dt.datetime]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _keys(self, username: str, address: str) -> dict[str, int]:
        return {f"user:{username.lower()}": self.failures, f"addr:{address}": self.failures * 4}

    def wait(self, username: str, address: str, now: dt.datetime) -> dt.timedelta | None:
        """How long logins are paused for this user name or address, or ``None``."""
        longest: dt.timedelta | None = None
        with self._lock:
            for key, allowed in self._keys(username, address).items():
                times = self._seen.get(key)
                if not times:
                    continue
                while times and now - times[0] > self.pause:
                    times.popleft()
                if len(times) >= allowed:
                    left = times[-allowed] + self.pause - now
                    longest = left if longest is None else max(longest, left)
        return longest

    def failed(self, username: str, address: str, now: dt.datetime) -> None:
        with self._lock:
            for key in self._keys(username, address):
                self._seen[key].append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._seen.pop(f"user:{username.lower()}", None)
