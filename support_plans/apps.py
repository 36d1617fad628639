from django.apps import AppConfig


class SupportPlansConfig(AppConfig):
    name = "support_plans"
    verbose_name = "Support plans and the graduated approach"

    def ready(self):
        # The plan-based register checks join the census validation's open list.
        from . import checks  # noqa: F401
