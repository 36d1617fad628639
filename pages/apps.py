from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The pages that put several apps together: home pages, the register, a pupil's record and
    history, the SENCO's overview, the provision map and the evidence pack."""

    name = "pages"
    verbose_name = "Pages"
