from django.apps import AppConfig


class SenRegisterConfig(AppConfig):
    name = "sen_register"
    verbose_name = "Schools and people"
