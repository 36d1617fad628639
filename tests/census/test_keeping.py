"""Nothing can go stale: every model the census rules read, written every way Django writes
(a save, bulk_create, update(), bulk_update, delete, a queryset's delete, the admin), leaves
the kept standings exactly as the rules give them now; a change of rules is rebuilt after
migrate; and the commands that check and rebuild the standings do what they say."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from census import keeping
from census.frameworks import sheffield
from census.keeping import standings_drift
from census.models import StandingPeriod
from pupils.changes import Record, batched
from pupils.models import (
    BroadArea,
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)
from support_plans.models import SupportPlan
from tests.auth import sign_in
from tests.factories import NeedAssessmentFactory, PupilFactory

AUTUMN = datetime.date(2025, 10, 1)
SPRING = datetime.date(2026, 1, 15)


def no_drift():
    return [drift.line() for drift in standings_drift()]


def everything_kept():
    return sorted(
        (str(p.pupil_id), str(p.valid_from), p.code, p.basis, str(p.area_levels), p.sen_type_1)
        + (p.k_without_plan, p.on_roll)
        for p in StandingPeriod.objects.all()
    )


def code_today(pupil):
    return StandingPeriod.objects.on(SPRING).get(pupil=pupil).basis


@pytest.fixture
def levelled(school):
    """Ava at level 2 in speech and language since the autumn: N, no criteria recorded."""
    ava = PupilFactory(school=school, joined_on=datetime.date(2024, 9, 1))
    NeedAssessmentFactory(
        pupil=ava, strand=Strand.objects.get(slug="speech_language"), level=2, assessed_on=AUTUMN
    )
    assert code_today(ava) == "level 2, no criteria recorded"
    return ava


# Each model the rules read: a new record that changes the pupil's standing, and a change of
# an existing one that changes it again (a plan matters only at K: a SENCO decision puts her
# there first).
PREPARE = {
    SupportPlan: lambda ava: SencoDecision.objects.create(
        pupil=ava, code="K", reason="Agreed with parents", decided_on=AUTUMN
    )
}
WRITES = {
    Pupil: (
        lambda ava: Pupil(
            school=ava.school,
            upn="H801200001001",
            legal_surname="New",
            legal_forename="Pupil",
            date_of_birth=datetime.date(2013, 1, 1),
            nc_year="8",
        ),
        {"left_on": AUTUMN},
    ),
    NeedAssessment: (
        lambda ava: NeedAssessment(
            pupil=ava, strand=Strand.objects.get(slug="vision"), level=4, assessed_on=AUTUMN
        ),
        {"level": 3},
    ),
    LevelTwoCriterion: (
        lambda ava: LevelTwoCriterion(pupil=ava, criterion="medical", recorded_on=AUTUMN),
        {"withdrawn_on": AUTUMN},
    ),
    SencoDecision: (
        lambda ava: SencoDecision(pupil=ava, code="K", reason="Agreed", decided_on=AUTUMN),
        {"code": "N"},
    ),
    SENNeed: (
        lambda ava: SENNeed(pupil=ava, need_type="SLCN", rank=1, recorded_on=AUTUMN),
        {"need_type": "ASD"},
    ),
    EHCPlan: (
        lambda ava: EHCPlan(pupil=ava, issued_on=AUTUMN),
        {"ceased_on": AUTUMN},
    ),
    SupportPlan: (
        lambda ava: SupportPlan(pupil=ava, version=1, state="active", starts_on=AUTUMN),
        {"ended_on": AUTUMN},
    ),
}
# The grid: a strand's or area's name and slug word the bases and key the levels by area.
GRID_CHANGES = {
    Strand: ("speech_language", {"name": "Speaking and listening"}),
    BroadArea: ("communication_interaction", {"slug": "communication"}),
}


def test_every_model_the_rules_read_announces_its_changes():
    """The models whose rows census.keeping reads are exactly the Record models, and each is
    covered below."""
    records = {m for m in apps.get_models() if issubclass(m, Record)}
    assert records == set(WRITES) | set(GRID_CHANGES)


@pytest.mark.parametrize("model", list(WRITES), ids=lambda m: m.__name__)
@pytest.mark.parametrize(
    "path", ["save", "bulk_create", "update", "bulk_update", "delete", "queryset_delete"]
)
def test_no_write_leaves_a_standing_behind(levelled, model, path):
    make, change = WRITES[model]
    PREPARE.get(model, lambda ava: None)(levelled)
    record = make(levelled)
    before = everything_kept()
    if path == "bulk_create":
        model.objects.bulk_create([record])
    else:
        record.save()
    assert no_drift() == []
    assert everything_kept() != before  # the write changed what the rules give
    if path == "bulk_create":
        return
    before = everything_kept()
    saved = model.objects.filter(pk=record.pk)
    if path == "save":
        for name, value in change.items():
            setattr(record, name, value)
        record.save()
    elif path == "update":
        saved.update(**change)
    elif path == "bulk_update":
        for name, value in change.items():
            setattr(record, name, value)
        model.objects.bulk_update([record], list(change))
    elif path == "delete":
        record.delete()
    elif path == "queryset_delete":
        saved.delete()
    assert no_drift() == []
    assert everything_kept() != before


@pytest.mark.parametrize("model", list(GRID_CHANGES), ids=lambda m: m.__name__)
@pytest.mark.parametrize("path", ["save", "update", "bulk_update"])
def test_renaming_the_grid_leaves_no_standing_behind(levelled, model, path):
    slug, change = GRID_CHANGES[model]
    speech = Strand.objects.get(slug="speech_language")
    NeedAssessmentFactory(pupil=levelled, strand=speech, level=3, assessed_on=AUTUMN)
    part = model.objects.get(slug=slug)
    before = StandingPeriod.objects.on(SPRING).get(pupil=levelled)
    for name, value in change.items():
        setattr(part, name, value)
    if path == "save":
        part.save()
    elif path == "update":
        model.objects.filter(pk=part.pk).update(**change)
    else:
        model.objects.bulk_update([part], list(change))
    assert no_drift() == []
    after = StandingPeriod.objects.on(SPRING).get(pupil=levelled)
    assert (after.grid_basis, after.area_levels) != (before.grid_basis, before.area_levels)


def test_a_level_raised_at_a_level_two_pupil_gives_k_at_once(levelled):
    NeedAssessmentFactory(pupil=levelled, level=3, assessed_on=AUTUMN)
    assert StandingPeriod.objects.on(SPRING).get(pupil=levelled).code == "K"


def test_a_batch_works_its_pupils_out_once_at_the_end(levelled, django_assert_num_queries):
    with batched():
        for level in (3, 4, 5):
            NeedAssessmentFactory(pupil=levelled, level=level, assessed_on=SPRING)
        # Nothing worked out yet: the standing is as it was before the batch.
        assert code_today(levelled) == "level 2, no criteria recorded"
    assert code_today(levelled).startswith("level 5 in ")
    assert no_drift() == []


def test_a_batch_that_fails_keeps_neither_records_nor_standings(levelled):
    with pytest.raises(RuntimeError), batched():
        NeedAssessmentFactory(pupil=levelled, level=5, assessed_on=SPRING)
        raise RuntimeError("the import found a problem")
    assert code_today(levelled) == "level 2, no criteria recorded"
    assert no_drift() == []


def test_the_admin_keeps_standings_in_step(client, levelled):
    from sen_register.core.models import User

    sign_in(client, User.objects.create_superuser(email="it@hillside.test", password="x-long-pw"))
    assessment = levelled.assessments.get()
    url = reverse("admin:pupils_needassessment_change", args=[assessment.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(level=4)
    assert client.post(url, data).status_code == 302
    assert code_today(levelled) == "level 4 in Speech, language and communication"
    delete = reverse("admin:pupils_needassessment_delete", args=[assessment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert code_today(levelled) == "no assessment on the grid"
    assert no_drift() == []


def test_a_change_of_rules_changes_the_codes_served_after_migrate(
    client, senco, levelled, monkeypatch
):
    """A deploy that changes a rule: after migrate, every page serves the new rule's codes."""
    sign_in(client, senco)
    census = f"{reverse('census_export_csv', args=[levelled.school.urn])}?date={SPRING}"
    assert ',N,,,"level 2, no criteria recorded"' in b"".join(client.get(census)).decode()

    def level_two_is_always_sen_support(highest, where, criteria):
        if highest == 2:
            return "K", "level 2 (the new rule)"
        return original(highest, where, criteria)

    original = sheffield.grid_wording
    monkeypatch.setattr(sheffield, "grid_wording", level_two_is_always_sen_support)
    monkeypatch.setattr(keeping, "rules_version", lambda: "a-new-rule-set")
    call_command("migrate", verbosity=0)

    assert ",K,,,level 2 (the new rule)" in b"".join(client.get(census)).decode()
    assert set(StandingPeriod.objects.values_list("rules_version", flat=True)) == {"a-new-rule-set"}


def test_check_standings_reports_drift_and_rebuild_standings_mends_it(levelled):
    StandingPeriod.objects.filter(pupil=levelled).update(code="K")  # as if by hand
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("check_standings", stdout=out)
    assert exit_code.value.code == 1
    assert levelled.upn in out.getvalue()

    call_command("rebuild_standings", "--school", levelled.school.urn, stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_standings", stdout=out)
    assert "no drift" in out.getvalue()
    assert code_today(levelled) == "level 2, no criteria recorded"
