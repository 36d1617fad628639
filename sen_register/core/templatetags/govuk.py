"""What the GOV.UK Frontend templates need from a form field: which pattern draws it, its
control with the design system's classes, and the page's errors for the error summary.

The crispy-forms template pack in templates/govuk/ uses these; a page never styles a field
itself."""

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()

INPUT_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "input": "govuk-input",
}


@register.filter
def widget_kind(field: BoundField) -> str:
    """The design-system pattern for `field`: checkbox, radios, checkboxes, select, textarea,
    file or input."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.simple_tag
def govuk_control(field: BoundField, extra_classes: str = "") -> str:
    """The field's control (input, select, textarea or file) with the design system's
    classes; the error state when the field has an error. Django adds aria-describedby for
    the hint and the error (ids `<id>_helptext`, `<id>_error`)."""
    kind = widget_kind(field)
    base = INPUT_CLASSES.get(kind)  # a single checkbox takes its class from the caller
    classes = [base] if base else []
    if field.errors and base:
        classes.append(f"{base}--error")
    if kind == "input" and field.field.widget.input_type in ("date", "number"):
        classes.append("govuk-input--width-10")
    if extra_classes:
        classes.append(extra_classes)
    own = field.field.widget.attrs.get("class", "")
    attrs: dict[str, str | bool] = {"class": " ".join([*classes, own]).strip()}
    return field.as_widget(attrs=attrs)


@register.filter
def error_target(field: BoundField) -> str:
    """Where the error summary's link for `field` goes: its control, or the first of its
    choices for radios and checkboxes (the design system's rule)."""
    if widget_kind(field) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    return field.auto_id


def _forms_in(context: template.Context) -> list[forms.BaseForm]:
    """Every bound form on the page, each once, in the order the view named them."""
    found: list[forms.BaseForm] = []
    for value in context.flatten().values():
        form = getattr(value, "form", value)  # a django-filter FilterSet carries its form
        if isinstance(form, forms.BaseForm) and form.is_bound and form not in found:
            found.append(form)
    return found


@register.simple_tag(takes_context=True)
def page_errors(context: template.Context) -> list[tuple[str, str]]:
    """The page's errors as (message, link target) for the error summary: the problems that
    belong to no one field first, linked to the form's first field, then each field's."""
    errors: list[tuple[str, str]] = []
    for form in _forms_in(context):
        if not form.errors:
            continue
        visible = [f for f in form if not f.is_hidden]
        first = error_target(visible[0]) if visible else ""
        errors.extend((str(message), first) for message in form.non_field_errors())
        for field in visible:
            errors.extend((str(message), error_target(field)) for message in field.errors)
    return errors
