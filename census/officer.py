"""The trust or local-authority officer's view: figures across their schools, never a pupil,
published through the one disclosure rule (census.disclosure) and on census days only, so
that neither subtraction nor comparing two close days gives back a small number."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from sen_register.core import access
from sen_register.core.models import School

from .aggregate import SchoolFigures, dot_plot, school_figures
from .days import recent_census_days
from .disclosure import PUBLISHED, TOTAL, hidden_cells

NOT_SHOWN = "not shown"
# The table's columns after the school's name, in order.
COLUMNS = [
    "On roll",
    "E (EHC plan)",
    "K (SEN support)",
    "N (no SEN provision)",
    "At level 2",
    "Level 2 coded K",
    "At level 3+",
    "Level 3+ not K or E",
    "Decisions departing from the grid",
    "K without a plan",
]


@dataclass
class Row:
    name: str
    figures: SchoolFigures
    hidden: set[str] = field(default_factory=set)  # figure names not shown

    def shows(self, name):
        return name not in self.hidden

    def cell(self, name):
        return f"{getattr(self.figures, name):,}" if self.shows(name) else NOT_SHOWN

    def _share(self, part, whole):
        if not (self.shows(part) and self.shows(whole)):
            return None
        count, of = getattr(self.figures, part), getattr(self.figures, whole)
        return round(100 * count / of, 1) if of else None

    @property
    def level_2_coded_k(self):
        return self._share("level_2_coded_k", "level_2")

    @property
    def level_3_plus_not_k_or_e(self):
        return self._share("level_3_plus_not_k_or_e", "level_3_plus")

    @property
    def labelled_cells(self):
        return list(zip(COLUMNS, self.cells, strict=True))

    @property
    def cells(self):
        """The row's cells in the table's order, each fit to publish."""

        def percentage(value, whole):
            if value is not None:
                return f"{value}%"
            return "–" if self.shows(whole) and getattr(self.figures, whole) == 0 else NOT_SHOWN

        cell = self.cell
        return [
            *(cell(name) for name in ("on_roll", "code_e", "code_k", "code_n", "level_2")),
            percentage(self.level_2_coded_k, "level_2"),
            cell("level_3_plus"),
            percentage(self.level_3_plus_not_k_or_e, "level_3_plus"),
            cell("departures"),
            cell("k_without_plan"),
        ]


@dataclass(frozen=True)
class FrameworkGroup:
    """An officer's schools under one framework: only these are compared with each other."""

    slug: str
    name: str
    schools: dict[int, str]  # id -> name


def by_framework(school_ids):
    """The schools grouped by their authority's framework, the group with most schools
    first. One query."""
    groups: dict[tuple[str, str], dict[int, str]] = {}
    rows = School.objects.filter(pk__in=school_ids).values_list(
        "pk", "name", "authority__framework__slug", "authority__framework__name"
    )
    for pk, name, slug, framework in rows:
        groups.setdefault((slug, framework), {})[pk] = name
    return sorted(
        (FrameworkGroup(slug, name, schools) for (slug, name), schools in groups.items()),
        key=lambda group: (-len(group.schools), group.name),
    )


def officer_table(group, on):
    """(a Row per school sorted by name, the total Row) for the schools of one
    FrameworkGroup on `on`, with the cells the disclosure rule hides marked hidden."""
    school_ids, names = list(group.schools), group.schools
    figures = school_figures(school_ids, on)
    overall = SchoolFigures(None)
    for one in figures.values():
        overall.add(one)
    counts = {(pk, name): getattr(figures[pk], name) for pk in school_ids for name in PUBLISHED}
    counts.update({(TOTAL, name): getattr(overall, name) for name in PUBLISHED})
    hidden = hidden_cells(counts)
    rows = sorted(
        (
            Row(names[pk], figures[pk], {name for key, name in hidden if key == pk})
            for pk in school_ids
        ),
        key=lambda r: r.name,
    )
    total = Row("All your schools", overall, {name for key, name in hidden if key == TOTAL})
    return rows, total


def officer_census_days(today):
    """The census days an officer may look at: those up to today, newest first."""
    return [d for d in recent_census_days(today, count=13) if d.on <= today]


def chosen_census_day(request, today):
    days = officer_census_days(today)
    asked = request.GET.get("date")
    for day in days:
        if asked == day.on.isoformat():
            return day, days
    if asked:
        messages.info(
            request,
            "Figures are shown for census days only, so that two close days cannot be "
            "compared to single out a pupil. Showing the latest census day.",
        )
    return days[0], days


def chosen_framework(request):
    """(the FrameworkGroup asked for, or the largest, every FrameworkGroup) of the officer's
    schools; 403 for anyone who is no school's officer."""
    school_ids = access.holdings(request.user).schools_with(access.OFFICER)
    if not school_ids:
        raise PermissionDenied("This page is for trust and local-authority officers.")
    groups = by_framework(school_ids)
    asked = request.GET.get("framework")
    return next((g for g in groups if g.slug == asked), groups[0]), groups


@login_required
def officer_view(request):
    group, groups = chosen_framework(request)
    day, days = chosen_census_day(request, timezone.localdate())
    rows, overall = officer_table(group, day.on)
    spread = [(r.name, r.level_2_coded_k) for r in rows if r.level_2_coded_k is not None]
    return render(
        request,
        "census/officer.html",
        {
            "on": day.on,
            "day": day,
            "census_days": days,
            "rows": rows,
            "overall": overall,
            "plot": dot_plot(spread),
            "hidden": len(rows) - len(spread),
            "columns": COLUMNS,
            "framework": group,
            "frameworks": groups,
        },
    )
