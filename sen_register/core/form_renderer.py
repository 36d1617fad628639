"""The forms' renderer: Django's own, except that a select box is written in Python.

Django draws a select through a template per option (and another for each option's
attributes): about 55 µs an option, a third of the register page with its ~85 options across
the filters. Here the select is written from the same context Django builds (its attributes,
its option groups, which options are selected), so the markup is the same and nothing about
the field changes; only the template work per option goes."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"


def _attrs(attrs):
    """Attributes as Django's attrs.html writes them: False left out, True bare."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _option(option):
    return format_html(
        '<option value="{}"{}>{}</option>',
        option["value"],
        _attrs(option["attrs"]),
        option["label"],
    )


def select_markup(widget):
    """A select element from the context Django's Select widget builds."""
    parts = []
    for group_name, options, _index in widget["optgroups"]:
        inner = mark_safe("".join(_option(option) for option in options))
        parts.append(
            format_html('<optgroup label="{}">{}</optgroup>', group_name, inner)
            if group_name
            else inner
        )
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        _attrs(widget["attrs"]),
        mark_safe("".join(parts)),
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            return select_markup(context["widget"])
        return super().render(template_name, context, request)
