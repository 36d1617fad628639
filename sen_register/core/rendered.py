"""Rendering kept and reused: a filter form drawn again and again from the same inputs.

A form's markup is a function of its fields' names, values, choices and errors (the rest is
the code and its templates, which change only with a deploy). The register draws its filter
form, about 85 choices across a dozen fields, on every page of every look; here the markup
is kept in this process under a fingerprint of exactly those inputs, so a look whose filters
and choices are the same as an earlier one reuses it, and any change of choices (a class
added, an area renamed) or of what was asked makes a new fingerprint."""

import hashlib

from django.template.loader import render_to_string

from .kept import Kept

_kept = Kept(256)  # fingerprints kept per process, the least recently used dropped first


def fingerprint(form):
    """Everything about `form` its markup depends on that can change between requests. A
    field's choices are read once here (a model's choices are a query) and those are what
    is drawn."""
    parts = [form.prefix, str(form.auto_id), form.is_bound]
    for field in form:
        choices = None
        if hasattr(field.field.widget, "choices"):
            # iter(): a model's choices would count themselves first (a second query)
            field.field.widget.choices = choices = list(iter(field.field.widget.choices))
        parts.append(
            (
                field.html_name,
                repr(field.value()),
                [str(error) for error in field.errors],
                None if choices is None else [(str(v), str(label)) for v, label in choices],
            )
        )
    parts.append([str(error) for error in form.non_field_errors()])
    return parts


def render_kept(template_name, form, **context):
    """`template_name` rendered with `form` and `context` (plain values), or the markup kept
    from an earlier render of the same."""
    key = hashlib.sha256(
        repr((template_name, fingerprint(form), sorted(context.items()))).encode()
    ).hexdigest()
    return _kept.get(key, lambda: render_to_string(template_name, {"form": form, **context}))
