"""The trust or local-authority officer's view: figures across their schools, never a pupil."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from sen_register import access
from sen_register.models import School

from .aggregate import SMALL, SchoolFigures, school_figures, share, shown, strip


@dataclass
class Row:
    name: str
    figures: SchoolFigures

    def cell(self, name):
        return shown(getattr(self.figures, name))

    @property
    def level_2_coded_k(self):
        return share(self.figures.level_2_coded_k, self.figures.level_2)

    @property
    def level_3_plus_not_k_or_e(self):
        return share(self.figures.level_3_plus_not_k_or_e, self.figures.level_3_plus)

    @property
    def cells(self):
        """The row's cells in the table's order, each fit to publish."""

        def percentage(value):
            return f"fewer than {SMALL}" if value is None else f"{value}%"

        cell = self.cell
        return [
            *(cell(name) for name in ("on_roll", "code_e", "code_k", "code_n", "level_2")),
            percentage(self.level_2_coded_k),
            cell("level_3_plus"),
            percentage(self.level_3_plus_not_k_or_e),
            cell("departures"),
            cell("k_without_plan"),
        ]


@login_required
def officer_view(request):
    school_ids = access.holdings(request.user).schools_with(access.OFFICER)
    if not school_ids:
        raise PermissionDenied("This page is for trust and local-authority officers.")
    try:
        on = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        on = timezone.localdate()
    figures = school_figures(school_ids, on)
    names = dict(School.objects.filter(pk__in=school_ids).values_list("pk", "name"))
    rows = sorted((Row(names[pk], figures[pk]) for pk in school_ids), key=lambda r: r.name)
    overall = SchoolFigures(None)
    for row in rows:
        overall.add(row.figures)
    spread = [(r.name, r.level_2_coded_k) for r in rows if r.level_2_coded_k is not None]
    return render(
        request,
        "census/officer.html",
        {
            "on": on,
            "rows": rows,
            "overall": Row("All your schools", overall),
            "dots": strip(spread),
            "hidden": len(rows) - len(spread),
        },
    )
