from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    """UK GDPR duties over every app's records: subject access, retention and erasure."""

    name = "data_protection"
    verbose_name = "Data protection"
