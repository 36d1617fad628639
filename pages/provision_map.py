"""The school's provision map: every provision running on an active plan with its pupils, staff
hours and cost over the period asked (this school year, or to date), and each pupil's cost
against the top-up threshold. Costs by dates (support_plans.costs). Fixed queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db.models import F

from census.models import StandingPeriod
from pupils.models import BroadArea, NCYear, Pupil
from support_plans.catalogue import key_of
from support_plans.costs import Period, above_threshold, cost_in, staff_hours_in, threshold
from support_plans.models import PlanState, Provision


class ProvisionMapFilter(forms.Form):
    area = forms.ChoiceField(label="Area of need (level 2 or above)", required=False)
    nc_year = forms.ChoiceField(
        label="Year", required=False, choices=[("", "Any year")] + NCYear.choices
    )
    period = forms.ChoiceField(
        label="Costs for",
        required=False,
        choices=[("", "This school year"), ("to_date", "This school year to date")],
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Any area")] + [
            (a.slug, a.name) for a in BroadArea.objects.of(school)
        ]


@dataclass
class Intervention:
    what: str
    delivered_by: str
    pupils: list[Pupil] = field(default_factory=list)
    staff_hours: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)


def provision_map(school, today, params):
    form = ProvisionMapFilter(params or None, school=school)
    chosen = form.cleaned_data if form.is_valid() else {}
    with_plans = Pupil.objects.at(school).filter(support_plans__state=PlanState.ACTIVE)
    entries = {e.pupil_id: e for e in StandingPeriod.objects.on(today).of(with_plans).with_pupils()}
    provisions = (
        Provision.objects.filter(plan__state=PlanState.ACTIVE, plan__pupil__school=school)
        .annotate(pupil_id=F("plan__pupil_id"))  # no query per provision for its plan
        .order_by("what", "delivered_by", "id")
    )
    period = Period.asked(chosen.get("period", ""), today)
    interventions, per_pupil = _mapped(provisions, entries, chosen, period, today)
    pupils = sorted(
        ((entries[pk].pupil, cost, above_threshold(cost)) for pk, cost in per_pupil.items()),
        key=lambda row: -row[1],
    )
    total_cost = sum(per_pupil.values(), Decimal(0))
    return {
        "form": form,
        "interventions": list(interventions.values()),
        "pupil_costs": pupils,
        "threshold": threshold(),
        "period": period,
        "totals": {
            "interventions": len(interventions),
            "pupils": len(per_pupil),
            "staff_hours": sum((i.staff_hours for i in interventions.values()), Decimal(0)),
            "cost": total_cost,
            "cost_per_pupil": (total_cost / len(per_pupil)) if per_pupil else Decimal(0),
            "above_threshold": sum(1 for _, _, over in pupils if over),
        },
    }


def _mapped(provisions, entries, chosen, period, today):
    """The interventions running now with their pupils, hours and costs, and each pupil's
    cost of every provision of their plan in the period, as the filters choose."""
    interventions, per_pupil = {}, defaultdict(Decimal)
    for provision in provisions:
        entry = entries.get(provision.pupil_id)
        if entry is None:
            continue
        if chosen.get("area") and entry.area_levels.get(chosen["area"], 0) < 2:
            continue
        if chosen.get("nc_year") and entry.pupil.nc_year != chosen["nc_year"]:
            continue
        cost = cost_in(provision, period)
        # A pupil's cost is every provision of their plan in the period, as on the plan's
        # page; one that has ended is off the map of what runs now.
        per_pupil[entry.pupil.pk] += cost
        if provision.ends_on is not None and provision.ends_on < today:
            continue
        # One intervention however its name was typed (support_plans.catalogue).
        key = (key_of(provision.what), provision.delivered_by)
        item = interventions.setdefault(key, Intervention(provision.what, provision.delivered_by))
        item.pupils.append(entry.pupil)
        # The group's staff time counts once however many pupils share it.
        item.staff_hours += staff_hours_in(provision, period) / provision.group_size
        item.cost += cost
    return interventions, per_pupil
