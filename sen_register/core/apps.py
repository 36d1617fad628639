from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: schools, people, their roles, the access policy and the audit log.

    The label stays `sen_register` (the app's name before it moved into `core`), so its
    tables, migrations and AUTH_USER_MODEL are unchanged for existing deployments."""

    name = "sen_register.core"
    label = "sen_register"
    verbose_name = "Schools and people"
