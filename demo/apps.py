from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo school and authority (`seed_demo`): made-up people and records to try it with."""

    name = "demo"
    verbose_name = "Demo data"
