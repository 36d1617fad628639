"""Values kept in this process and reused, each under a key that says everything it was made
from: a key that changes when its inputs do can never serve a value older than them.

Per process, in memory, the least recently used dropped first: nothing to configure or run
beside the web server, nothing pickled on the way in or out, and a deploy (a new process)
starts empty, so no value outlives the code that made it. Threaded workers share one list,
behind a lock; two threads asking for the same missing key both make it, and either is kept.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class Kept:
    """At most `size` values; with `weigh`, also at most `most` in all by that measure (a
    few large values, a school's whole-school lists, must not take what many small ones
    would; one value heavier than `most` is made and given, never kept)."""

    def __init__(
        self, size: int, *, weigh: Callable[[Any], int] | None = None, most: int = 0
    ) -> None:
        self.size = size
        self.weigh = weigh
        self.most = most
        self.weight = 0
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value kept under `key`, or `make()`, kept under it."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        weight = self.weigh(value) if self.weigh else 0
        if self.weigh and weight > self.most:
            return value
        with self._lock:
            if key in self._values:  # another thread made it meanwhile
                self.weight -= self._weight_of(self._values.pop(key))
            self._values[key] = value
            self.weight += weight
            while len(self._values) > self.size or (self.weigh and self.weight > self.most):
                self.weight -= self._weight_of(self._values.popitem(last=False)[1])
        return value

    def _weight_of(self, value: Any) -> int:
        return self.weigh(value) if self.weigh else 0

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.weight = 0

    def __len__(self) -> int:
        return len(self._values)
