"""The Django admin pages load for the IT administrator (a superuser)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.auth import sign_in


@pytest.fixture
def it_admin(db):
    from sen_register.core.models import User

    return User.objects.create_superuser(email="it@hillside.test", password="x-long-password")


@pytest.mark.parametrize("model", [m for m in admin.site._registry], ids=lambda m: m._meta.label)
def test_every_admin_list_page_loads(client, it_admin, ava, model):
    sign_in(client, it_admin)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
