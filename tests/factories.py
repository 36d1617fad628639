import datetime

import factory

from pupils.models import (
    ClassGroup,
    EHCPlan,
    LevelTwoCriterion,
    NeedAssessment,
    ParentLink,
    Pupil,
    SencoDecision,
    SENNeed,
    Strand,
)
from pupils.upn import make_upn
from sen_register.core.models import Membership, School, User
from support_plans.models import (
    NeedsAssessmentRequest,
    ParentContact,
    PupilDocument,
    SentEmail,
    SpecialistInvolvement,
)

DEMO_PASSWORD = "a-long-test-password"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["urn"]

    urn = factory.Sequence(lambda n: f"{100000 + n:06d}")
    name = factory.Sequence(lambda n: f"School {n}")
    laestab = factory.Sequence(lambda n: f"373{4000 + n:04d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.django.Password(DEMO_PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = "senco"


class ClassGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassGroup

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"{7 + n % 5}{'ABCDE'[n % 5]}{n}")
    kind = "form"


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    upn = factory.Sequence(lambda n: make_upn(373, 4001, n + 1))
    legal_forename = factory.Sequence(lambda n: f"Forename{n}")
    legal_surname = factory.Sequence(lambda n: f"Surname{n}")
    date_of_birth = datetime.date(2013, 5, 1)
    nc_year = "8"
    joined_on = datetime.date(2023, 9, 4)


class ParentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentLink

    parent = factory.SubFactory(UserFactory)
    pupil = factory.SubFactory(PupilFactory)
    relationship = "mother"


class NeedAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedAssessment

    pupil = factory.SubFactory(PupilFactory)
    strand = factory.LazyFunction(lambda: Strand.objects.get(slug="cognition_learning"))
    level = 2
    assessed_on = datetime.date(2025, 9, 20)


class LevelTwoCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LevelTwoCriterion

    pupil = factory.SubFactory(PupilFactory)
    criterion = "medical"
    recorded_on = datetime.date(2025, 9, 20)


class SencoDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SencoDecision

    pupil = factory.SubFactory(PupilFactory)
    code = "K"
    reason = "Agreed with parents after the review."
    decided_on = datetime.date(2025, 9, 20)


class SENNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SENNeed

    pupil = factory.SubFactory(PupilFactory)
    need_type = "SPLD"
    rank = 1
    recorded_on = datetime.date(2025, 9, 20)


class EHCPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EHCPlan

    pupil = factory.SubFactory(PupilFactory)
    issued_on = datetime.date(2024, 3, 1)
    local_authority = "Sheffield City Council"


class SupportPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support_plans.SupportPlan"

    pupil = factory.SubFactory(PupilFactory)
    version = factory.Sequence(lambda n: n + 1)
    kind = "sen_support"
    state = "active"
    starts_on = datetime.date(2025, 9, 15)
    next_review_on = datetime.date(2026, 1, 20)
    strategies = "Seat near the front; give instructions one step at a time."


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support_plans.Outcome"

    plan = factory.SubFactory(SupportPlanFactory)
    what_will_change = factory.Sequence(lambda n: f"Reads 20 more high-frequency words ({n})")
    how_measured = "Word-reading check each half term"
    baseline = "Reads 40 of the first 100 words"
    target_on = datetime.date(2026, 3, 27)


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support_plans.Provision"

    plan = factory.SubFactory(SupportPlanFactory)
    what = "Precision teaching"
    delivered_by = "Teaching assistant"
    group_size = 1
    sessions_per_week = 3
    minutes_per_session = 20
    starts_on = datetime.date(2025, 9, 15)
    hourly_rate = 18


def give_long_history(pupil, *, terms=12, strands=4):
    """Four years of a pupil's SEN records: `terms` grid assessments of the first `strands`
    strands, a level-2 reason, a SENCO decision, a need type and an EHC plan."""
    start = datetime.date(2022, 9, 1)
    for term in range(terms):
        for strand in list(Strand.objects.all())[:strands]:
            NeedAssessmentFactory(
                pupil=pupil,
                strand=strand,
                level=1 + (term + strand.position) % 5,
                assessed_on=start + datetime.timedelta(days=120 * term),
            )
    LevelTwoCriterionFactory(pupil=pupil)
    SencoDecisionFactory(pupil=pupil)
    SENNeedFactory(pupil=pupil)
    EHCPlanFactory(pupil=pupil)
    return pupil


def give_one_of_everything(pupil):
    """A row in each of the record's lists that most pupils have none of (pages/record.py's
    SELDOM_HELD), each with a text the record shows. {list: text}."""
    day = datetime.date(2025, 3, 3)
    pupil.teaching_groups.add(ClassGroupFactory(school=pupil.school, name="Maths set 4"))
    SpecialistInvolvement.objects.create(
        pupil=pupil, service="ep", involved_on=day, advice="Chunk the instructions"
    )
    NeedsAssessmentRequest.objects.create(pupil=pupil, requested_on=day, notes="")
    SentEmail.objects.create(
        key=f"every-list-{pupil.pk}",
        kind="views",
        to="parent@example.org",
        subject="Your views before the review",
        school=pupil.school,
        pupil=pupil,
    )
    PupilDocument.objects.create(
        pupil=pupil,
        title="Speech therapy report",
        dated=day,
        file="x.pdf",
        content_type="application/pdf",
        size=1,
    )
    ParentContact.objects.create(pupil=pupil, kind="meeting", held_on=day, notes="Met mum")
    LevelTwoCriterionFactory(pupil=pupil)
    SencoDecisionFactory(pupil=pupil)
    EHCPlanFactory(pupil=pupil)
    return {
        "teaching_groups": "Maths set 4",
        "specialists": "Chunk the instructions",
        "ehc_requests": "waiting on",
        "emails_sent": "Your views before the review, to parent@example.org",
        "documents": "Speech therapy report",
        "parent_contacts": "Met mum",
        "level_two_criteria": "Level-2 reason recorded",
        "senco_decisions": "SENCO decision",
        "ehc_plans": "EHC plan",
    }
