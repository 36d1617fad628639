"""The load benchmark's settings: the project's own, with one page added (the floor)."""

from sen_register.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.load_urls"
