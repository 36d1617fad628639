"""The DfE census rules and the register checks, each with its rule number."""

import datetime
from types import SimpleNamespace

import pytest

from census.derivation import Decision, Derivation
from census.validation import (
    _CHECKS,
    CensusContext,
    census_check,
    dfe_need_rules,
    dfe_school_queries,
    ehc_annual_reviews,
    grid_checks,
    validate,
)
from tests.factories import EHCPlanFactory

# The checks of this module; the plan-based ones have their own tests.
CENSUS_CHECKS = [dfe_need_rules, dfe_school_queries, grid_checks, ehc_annual_reviews]

DAY = datetime.date(2026, 1, 15)

# The EHC annual review check reads the pupils' plans.
pytestmark = pytest.mark.django_db


_ids = iter(range(1, 100_000))


def row(code, *needs, upn="A000000000001", **derivation):
    """A pupil's standing on the census day, as census.models.StandingPeriod has it, from a
    Derivation of `code` (with `derivation`'s fields) and need records (type, rank)."""
    defaults = {"basis": "b", "grid_code": code, "grid_basis": "b"}
    defaults.update(derivation)
    # Sheffield's unclear case: level 2 that the grid codes N.
    defaults.setdefault(
        "grid_unclear", defaults.get("highest_level") == 2 and defaults["grid_code"] == "N"
    )
    derived = Derivation(code=code, **defaults)
    pupil = SimpleNamespace(pk=next(_ids), upn=upn, display_name=f"Pupil {upn}")
    return SimpleNamespace(
        pupil=pupil,
        pupil_id=pupil.pk,
        code=code,
        grid_code=derived.grid_code,
        grid_basis=derived.grid_basis,
        level_two_unclear=derived.level_two_unclear,
        departs_from_grid=derived.departs_from_grid,
        decision_code=derived.decision.code if derived.decision else "",
        decided_on=derived.decision.decided_on if derived.decision else None,
        decision_transferred=bool(derived.decision and derived.decision.transferred),
        highest_level=derivation.get("highest_level"),
        need_records=[SimpleNamespace(need_type=t, rank=r) for t, r in needs],
    )


def context(*rows):
    return CensusContext(None, DAY, list(rows), {r.pupil_id: r.need_records for r in rows})


def rules(*rows):
    return [(f.rule, f.severity) for f in validate(context(*rows), CENSUS_CHECKS)]


def pupil_rules(*rows):
    return [r for r in rules(*rows) if r[0] not in {"2190", "2205", "2200"}]


@pytest.mark.parametrize(
    ("pupil", "expected"),
    [
        pytest.param(row("N", ("SPLD", 1)), [("2125", "error")], id="2125 need with N"),
        pytest.param(row("K"), [("2170", "error")], id="2170 K with no need"),
        pytest.param(row("E"), [("2170", "error")], id="2170 E with no need"),
        pytest.param(row("K", ("SPLD", 2)), [("2160", "error")], id="2160 single need not rank 1"),
        pytest.param(row("K", ("SPLD", 1), ("HI", 1)), [("2165", "error")], id="2165 shared rank"),
        pytest.param(
            row("K", ("SPLD", 1), ("HI", 2), ("VI", 2)),
            [("2165", "error"), ("2166", "error")],
            id="2166 three needs",
        ),
        pytest.param(row("E", ("NSA", 1)), [("2175", "error")], id="2175 NSA with E"),
        pytest.param(row("K", ("NSA", 1)), [], id="NSA with K is fine"),
        pytest.param(
            row("K", ("", 1)), [("2130", "error"), ("2170", "error")], id="2130 rank, no type"
        ),
        pytest.param(row("K", ("SPLD", 1)), [], id="2130 rank with its type"),
        pytest.param(row("K", ("XYZ", 1)), [("2170", "error")], id="2170 type not a DfE code"),
        pytest.param(
            row("K", ("SPLD", 3)), [("2140", "error"), ("2160", "error")], id="2140 invalid rank"
        ),
        pytest.param(
            row("K", ("SPLD", None)), [("2140", "error"), ("2160", "error")], id="2140 no rank"
        ),
        pytest.param(row("K", ("SPLD", 1), ("HI", 2)), [], id="two needs ranked 1 and 2"),
        pytest.param(row("N"), [], id="N with no need"),
    ],
)
def test_dfe_pupil_rules(pupil, expected):
    assert pupil_rules(pupil) == expected


def test_2190_more_than_ten_percent_with_e():
    rows = [row("E", ("ASD", 1), upn=f"U{i}") for i in range(2)] + [
        row("N", upn=f"N{i}") for i in range(18)
    ]
    assert ("2190", "query") not in rules(*rows)  # exactly 10%: no query
    assert ("2190", "query") in rules(*rows, row("E", ("ASD", 1), upn="U9"))


def test_2205_more_than_forty_percent_with_k():
    rows = [row("K", ("SPLD", 1), upn=f"K{i}") for i in range(4)] + [
        row("N", upn=f"N{i}") for i in range(6)
    ]
    assert ("2205", "query") not in rules(*rows)  # exactly 40%
    assert ("2205", "query") in rules(*rows, row("K", ("SPLD", 1), upn="K9"))


def test_2200_no_pupils_with_sen():
    assert rules(row("N", upn="N1"), row("N", upn="N2")) == [("2200", "query")]
    assert rules() == []  # no pupils on roll: nothing to query


def test_level_two_with_no_criteria_is_listed_for_the_senco():
    assert pupil_rules(row("N", highest_level=2)) == [("SSG-L2", "warning")]


def test_every_senco_decision_in_force_is_listed_to_be_looked_at_again():
    decision = Decision("K", "reason", DAY, 1)
    findings = validate(
        context(row("K", ("SPLD", 1), grid_code="N", highest_level=2, decision=decision)),
        CENSUS_CHECKS,
    )
    assert [(f.rule, f.message) for f in findings if f.severity == "warning"] == [
        (
            "SSG-DECISION",
            "SENCO decision K from 15 January 2026 differs from the grid (N: b); look at it again",
        )
    ]


def test_an_ehc_plan_not_reviewed_for_a_year_is_flagged_with_its_paragraph():
    issued = datetime.date(2023, 1, 1)
    overdue = EHCPlanFactory(issued_on=issued, last_annual_review_on=datetime.date(2025, 1, 14))
    recent = EHCPlanFactory(issued_on=issued, last_annual_review_on=datetime.date(2025, 1, 16))
    never = EHCPlanFactory(issued_on=datetime.date(2024, 12, 1))

    def rules_for(plan):
        pupil = row("E", ("ASD", 1))
        pupil.pupil_id = pupil.pupil.pk = plan.pupil_id
        return pupil_rules(pupil)

    assert rules_for(overdue) == [("COP-6.56", "warning")]
    assert rules_for(recent) == []
    assert rules_for(never) == [("COP-6.56", "warning")]


def test_errors_come_before_queries_before_warnings():
    severities = [
        f.severity
        for f in validate(context(row("N", highest_level=2, upn="A"), row("N", ("HI", 1), upn="B")))
    ]
    assert severities == ["error", "query", "warning"]


def test_the_list_of_checks_is_open_to_new_checks():
    from census.validation import WARNING, Finding

    @census_check
    def every_pupil_needs_a_plan(context):
        for r in context.rows:
            if r.code == "K":
                yield Finding("PLAN", WARNING, "no plan", upn=r.pupil.upn)

    try:
        assert every_pupil_needs_a_plan in _CHECKS
        found = validate(context(row("K", ("SPLD", 1))), _CHECKS[-1:])
        assert ("PLAN", "warning") in [(f.rule, f.severity) for f in found]
    finally:
        _CHECKS.remove(every_pupil_needs_a_plan)


def test_findings_of_one_rule_are_grouped_with_a_shared_message_said_once():
    from census.validation import grouped

    findings = validate(
        context(row("N", highest_level=2, upn="A"), row("N", highest_level=2, upn="B"))
    )
    groups = [g for g in grouped(findings) if g.rule == "SSG-L2"]
    assert len(groups) == 1
    assert [f.upn for f in groups[0].findings] == ["A", "B"]
    assert groups[0].shared_message.startswith("level 2 with no criterion recorded")
