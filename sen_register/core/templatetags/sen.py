from django import template

register = template.Library()


# Each grid level's tag colour, lightest need to most complex.
LEVEL_COLOURS = {1: "green", 2: "yellow", 3: "orange", 4: "red", 5: "purple"}


@register.inclusion_tag("core/level_badge.html")
def level_badge(level, descriptors):
    """A grid level with its plain-English meaning: people misread bare numbers."""
    return {
        "level": level,
        "descriptor": descriptors.get(level) if level else None,
        "colour": LEVEL_COLOURS.get(level, "grey"),
    }


@register.filter
def percent(share):
    """0.0451 -> "4.5%"."""
    return f"{share:.1%}"


@register.filter
def dict_get(mapping, key):
    """A value from a dict by a variable key (e.g. a level's descriptor)."""
    return mapping.get(key)
