"""The register's filter form is drawn once per fingerprint of its inputs and reused; any
change of what it shows (a class added, a filter chosen, an error) draws it afresh."""

import pytest
from django.urls import reverse

from pupils.models import ClassGroup
from sen_register.core import rendered


def _register(client, school, **params):
    return client.get(reverse("register", args=[school.urn]), params).content.decode()


def _filter_form(page):
    start = page.index('<form method="get" role="search"')
    return page[start : page.index("</form>", start)]


@pytest.fixture
def counted_renders(monkeypatch):
    renders = []
    real = rendered.render_to_string

    def counting(template_name, context):
        renders.append(template_name)
        return real(template_name, context)

    monkeypatch.setattr(rendered, "render_to_string", counting)
    monkeypatch.setattr(rendered, "_kept", type(rendered._kept)(256))
    return renders


def test_the_same_filters_twice_draw_the_form_once(client_for, senco, school, counted_renders):
    client = client_for(senco)
    first = _register(client, school, code="K")
    second = _register(client, school, code="K")
    assert counted_renders == ["pupils/_register_filters.html"]
    assert _filter_form(first) == _filter_form(second)


def test_a_class_added_between_looks_appears_in_the_filter(
    client_for, senco, school, counted_renders
):
    client = client_for(senco)
    assert "9Z" not in _register(client, school)
    ClassGroup.objects.create(school=school, name="9Z")
    assert '<option value="' in _register(client, school)
    assert ">9Z</option>" in _register(client, school)
    assert len(counted_renders) == 2


def test_a_filter_chosen_is_shown_chosen(client_for, senco, school, counted_renders):
    client = client_for(senco)
    _register(client, school)
    page = _register(client, school, code="E")
    assert '<option value="E" selected>' in page


def test_a_bad_filter_is_named_not_served_from_an_earlier_look(
    client_for, senco, school, counted_renders
):
    client = client_for(senco)
    _register(client, school, level="2")
    page = _register(client, school, level="9")
    assert "Select a valid choice" in page
