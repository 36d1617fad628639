from django import template
from django.utils.html import format_html

from pupils.models import CensusCode, NeedType

register = template.Library()

# Each census code's tag colour.
CODE_COLOURS = {CensusCode.E: "purple", CensusCode.K: "blue", CensusCode.N: "grey"}


@register.simple_tag
def code_tag(code):
    """A census code as a tag with its meaning beside it ("K SEN support"): a bare letter
    means nothing to most readers. Written here rather than in a template: it is drawn in
    every row of the longest lists."""
    if code not in CensusCode.values:
        return "—"
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong> {}',
        CODE_COLOURS[code],
        code,
        code_name(code),
    )


@register.filter
def code_name(code):
    """What a census code means ("SEN support" for K)."""
    return CensusCode(code).label if code in CensusCode.values else code


@register.filter
def need_type(code):
    """A need type spelled out beside its DfE code: "Specific learning difficulty (SPLD)"."""
    name = NeedType.name_of(code)
    return f"{name} ({code})" if name != code else code
