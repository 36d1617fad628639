from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


# Each grid level's tag colour, lightest need to most complex.
LEVEL_COLOURS = {1: "green", 2: "yellow", 3: "orange", 4: "red", 5: "purple"}


@register.simple_tag
def level_badge(level, descriptors):
    """A grid level with its plain-English meaning: people misread bare numbers. Written here
    rather than in a template: it is drawn in every row of the longest lists."""
    descriptor = descriptors.get(level) if level else None
    if descriptor is None:
        return mark_safe('<strong class="govuk-tag govuk-tag--grey">Not assessed</strong>')
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">Level {}</strong> {}',
        LEVEL_COLOURS.get(level, "grey"),
        level,
        descriptor.title,
    )


@register.filter
def percent(share):
    """0.0451 -> "4.5%"."""
    return f"{share:.1%}"


@register.filter
def dict_get(mapping, key):
    """A value from a dict by a variable key (e.g. a level's descriptor)."""
    return mapping.get(key)
