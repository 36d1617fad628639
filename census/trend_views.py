"""The officer's trends by term (census.trends), for their schools under one framework."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sen_register.core.charts import percentage_lines, stacked_bars

from .disclosure import TOTAL
from .officer import chosen_framework
from .trends import SHARES, frozen_terms, need_mix, share_text

LINE_STYLES = ["code-E", "code-K", "level-2"]  # one a share of SHARES, in order


@login_required
def officer_trends(request):
    group, groups = chosen_framework(request)
    terms = frozen_terms(list(group.schools))
    labels = [term.label for term in terms]
    authority = [
        (name, [term.share(TOTAL, part, whole) for term in terms]) for name, part, whole in SHARES
    ]
    schools = [
        (
            name,
            [
                [share_text(term.share(pk, part, whole)) for _n, part, whole in SHARES]
                if (pk, "on_roll") in term.counts
                else None
                for term in terms
            ],
        )
        for pk, name in sorted(group.schools.items(), key=lambda item: item[1])
    ]
    needs = need_mix(list(group.schools), [term.on for term in terms])
    return render(
        request,
        "census/trends.html",
        {
            "framework": group,
            "frameworks": groups,
            "terms": terms,
            "chart": percentage_lines(
                [
                    (name, css, values)
                    for (name, values), css in zip(authority, LINE_STYLES, strict=True)
                ],
                labels,
            ),
            "authority": [(name, [share_text(v) for v in values]) for name, values in authority],
            "schools": schools,
            "shares": [name for name, _p, _w in SHARES],
            "needs": needs,
            "needs_chart": _latest_needs_chart(needs),
        },
    )


def _latest_needs_chart(needs):
    """The latest census day's need types as bars; those not shown are left out."""
    rows = [(name, [cells[-1]]) for name, cells in needs[:-1] if cells and cells[-1] is not None]
    return stacked_bars(rows, [("Pupils", "fill-code-K")]) if rows else None
