"""Select boxes are written in Python (sen_register.core.form_renderer) rather than through a
template per option; the markup must be what Django's own templates write."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from pupils.models import ClassGroup
from sen_register.core.form_renderer import FormRenderer
from tests.factories import SchoolFactory


def _tight(html):
    return re.sub(r">\s+<", "><", str(html)).strip()


class Choices(forms.Form):
    year = forms.ChoiceField(choices=[("", "Any year"), ("7", "Year 7"), ("8", 'Year "8" & <b>')])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("Key stage 3", [("7", "Year 7"), ("8", "Year 8")]), ("R", "Reception")],
        help_text="Pick one",
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    fixed = forms.ChoiceField(choices=[("1", "One")], disabled=True)
    group = forms.ModelChoiceField(queryset=ClassGroup.objects.all(), empty_label="Any class")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"year": "8", "grouped": "8", "many": ["a", "c"]},
        {"year": "nonsense", "many": ["z"]},  # an error state: aria-invalid, error ids
    ],
)
def test_a_select_is_written_as_djangos_templates_write_it(data):
    school = SchoolFactory()
    ClassGroup.objects.create(school=school, name="7A & 7B")
    ClassGroup.objects.create(school=school, name="8C")
    for name in ("year", "grouped", "many", "fixed", "group"):
        ours = Choices(data, renderer=FormRenderer())
        djangos = Choices(data, renderer=DjangoTemplates())
        ours.is_valid(), djangos.is_valid()
        assert "<option" in str(ours[name])
        assert _tight(ours[name]) == _tight(djangos[name]), name


def test_the_project_renders_its_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FormRenderer)
