"""Register status over time, derived from the same dated records as the census code.

- EHC plan: the census code is E.
- SEN support: the code is K.
- Monitoring (record of concern): the code is N but a need is noted: a current grid level of
  2 or more, or a SENCO decision that the pupil's needs are met without SEN support.
- Not on the register: no need noted beyond what everyday teaching meets (level 1, or none).

Because the records are never overwritten, the whole history of a pupil's status (when they
came onto the register, moved between stages, left it, and why) can be recomputed at any time.
"""

from dataclasses import dataclass
from datetime import timedelta

from .derivation import derive

EHC_PLAN, SEN_SUPPORT, MONITORING, NONE = "ehc_plan", "sen_support", "monitoring", "none"
STATUS_LABELS = {
    EHC_PLAN: "EHC plan",
    SEN_SUPPORT: "SEN support",
    MONITORING: "Monitoring (record of concern)",
    NONE: "Not on the SEN register",
}


def register_status(derivation):
    if derivation is None:
        return None
    if derivation.code == "E":
        return EHC_PLAN
    if derivation.code == "K":
        return SEN_SUPPORT
    if derivation.decision is not None or (derivation.highest_level or 0) >= 2:
        return MONITORING
    return NONE


@dataclass(frozen=True)
class StatusChange:
    on: object
    status: str
    basis: str

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def _change_dates(records):
    """Every day on which something in the records takes effect."""
    days = {a.assessed_on for a in records.assessments}
    for criterion in records.criteria:
        days |= {criterion.recorded_on, criterion.withdrawn_on}
    for decision in records.decisions:
        days |= {decision.decided_on, decision.withdrawn_on}
    for plan in records.plans:
        # A plan still counts on the day it ceases; the change shows the day after.
        days |= {plan.issued_on, plan.ceased_on and plan.ceased_on + timedelta(days=1)}
    if records.joined_on:
        days.add(records.joined_on)
    return sorted(day for day in days if day is not None)


def status_history(records, until):
    """Each change of register status up to `until`, oldest first, with the basis that caused
    it. Days the pupil was not on roll are skipped."""
    changes = []
    current = NONE
    for day in _change_dates(records):
        if day > until:
            break
        derivation = derive(records, day)
        status = register_status(derivation)
        if status is None or status == current:
            continue
        changes.append(StatusChange(day, status, derivation.basis))
        current = status
    return changes
