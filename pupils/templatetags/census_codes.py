from django import template

from pupils.models import CensusCode, NeedType

register = template.Library()

# Each census code's tag colour.
CODE_COLOURS = {CensusCode.E: "purple", CensusCode.K: "blue", CensusCode.N: "grey"}


@register.inclusion_tag("core/code_tag.html")
def code_tag(code):
    """A census code as a tag with its meaning beside it ("K SEN support"): a bare letter
    means nothing to most readers."""
    if code not in CensusCode.values:
        return {"code": None}
    return {"code": code, "label": code_name(code), "colour": CODE_COLOURS[code]}


@register.filter
def code_name(code):
    """What a census code means ("SEN support" for K)."""
    return CensusCode(code).label if code in CensusCode.values else code


@register.filter
def need_type(code):
    """A need type spelled out beside its DfE code: "Specific learning difficulty (SPLD)"."""
    name = NeedType.name_of(code)
    return f"{name} ({code})" if name != code else code
