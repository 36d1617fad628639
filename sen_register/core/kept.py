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
    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value kept under `key`, or `make()`, kept under it."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
