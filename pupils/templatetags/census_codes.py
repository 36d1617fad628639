from django import template

from pupils.models import CensusCode

register = template.Library()

# Each census code's tag colour.
CODE_COLOURS = {CensusCode.E: "purple", CensusCode.K: "blue", CensusCode.N: "grey"}


@register.inclusion_tag("core/code_tag.html")
def code_tag(code):
    """A census code as a tag with its meaning beside it ("K SEN support"): a bare letter
    means nothing to most readers."""
    if code not in CensusCode.values:
        return {"code": None}
    return {"code": code, "label": CensusCode(code).label, "colour": CODE_COLOURS[code]}
