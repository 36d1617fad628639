"""A believable demo school: pupils, classes, teachers, parents and SEN histories over terms.

Every name is invented. The mix follows national figures for a secondary school: about 14% at
SEN support and 4–5% with an EHC plan, plus the cases the Sheffield guidance calls unclear
(level 2 with no recorded reason) and a few SENCO decisions that depart from the grid.
Everything is built with bulk inserts from a seeded random generator, so it is quick and the
same every time.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from pupils.changes import batched
from pupils.models import (
    ClassGroup,
    EHCPlan,
    GroupKind,
    LevelTwoCriterion,
    NeedAssessment,
    ParentLink,
    Pupil,
    Relationship,
    SencoDecision,
    SENNeed,
    Strand,
)
from pupils.upn import make_upn
from sen_register.core.models import Membership, Role, School, User

from .plans import build_plans

SHEFFIELD_LA = 373

FORENAMES = (
    "Aaliyah Adam Aisha Alfie Amelia Archie Ava Ayaan Bella Charlie Chloe Daniel Ella Ellie "
    "Emily Ethan Evie Freddie Freya George Grace Hannah Harry Harper Henry Isaac Isla Ivy Jack "
    "Jacob James Jessica Joshua Kai Layla Leo Lily Logan Lucas Luna Maisie Maryam Mason Mia "
    "Mohammed Muhammad Noah Oliver Olivia Oscar Poppy Riley Rosie Ruby Sienna Sofia Sophie "
    "Theo Thomas Toby William Yusuf Zara Zainab"
).split()
SURNAMES = (
    "Ahmed Ali Allen Bailey Baker Begum Bell Brown Clarke Cooper Davies Evans Green Hall "
    "Harris Hill Hughes Hussain Jackson James Johnson Jones Khan King Lee Lewis Martin Mitchell "
    "Moore Morgan Morris Murphy Patel Phillips Price Roberts Robinson Scott Shah Smith Taylor "
    "Thomas Thompson Turner Walker Ward Watson White Williams Wilson Wood Wright Young"
).split()

# The usual DfE need type for a need first seen in each strand.
NEED_TYPE_OF_STRAND = {
    "speech_language": "SLCN",
    "social_communication": "ASD",
    "cognition_learning": "MLD",
    "emotional_regulation": "SEMH",
    "mental_health": "SEMH",
    "vision": "VI",
    "hearing": "HI",
    "physical": "PD",
    "medical": "OTH",
}
# How often each strand is the main need (cognition and SEMH most common, sensory rarest).
DECISION_REASONS = {
    "K": "Needs not yet captured by the grid; short-term SEN support agreed with parents while "
    "the educational psychologist's advice is awaited.",
    "N": "Needs fully met by adjustments in class since the autumn; kept under review rather "
    "than on SEN support.",
}
STRAND_WEIGHTS = {
    "speech_language": 14,
    "social_communication": 14,
    "cognition_learning": 26,
    "emotional_regulation": 18,
    "mental_health": 10,
    "vision": 3,
    "hearing": 4,
    "physical": 5,
    "medical": 6,
}


@dataclass
class Profile:
    """What one pupil's SEN picture should end up as."""

    kind: str  # ehcp, level3, level2_criteria, level2_multiple, level2_unclear, level1, none
    decision: str = ""  # "", "K" or "N": a SENCO decision departing from the grid
    need_type_missing: bool = False


def profiles(count, rng):
    """A shuffled list of profiles in national proportions."""
    shares = [
        ("ehcp", 0.045),
        ("level3", 0.095),
        ("level2_criteria", 0.03),
        ("level2_multiple", 0.01),
        ("level2_unclear", 0.065),
        ("level1", 0.10),
    ]
    result = []
    for kind, share in shares:
        result += [Profile(kind) for _ in range(round(count * share))]
    result += [Profile("none") for _ in range(count - len(result))]
    rng.shuffle(result)
    # A few departures from the grid for the SENCO to look at again at each census.
    unclear = [p for p in result if p.kind == "level2_unclear"]
    for profile in unclear[:3]:
        profile.decision = "K"
    for profile in [p for p in result if p.kind == "level3"][:2]:
        profile.decision = "N"
    # Two pupils newly at SEN support whose need type is not yet recorded: the kind of gap
    # the census checks (DfE 2170) and the SENCO's home exist to catch.
    for profile in [p for p in result if p.kind == "level3" and not p.decision][:2]:
        profile.need_type_missing = True
    return result


def term_dates(today, count):
    """Assessment points a little after the start of each of the last `count` terms."""
    points = []
    year = today.year + 1
    while len(points) < count:
        year -= 1
        for month, day in ((11, 1), (5, 1), (2, 1)):
            when = date(year, month, day)
            if when <= today:
                points.append(when)
    return sorted(points[:count])


class DemoSchoolBuilder:
    def __init__(self, *, urn, name, laestab, pupils, today, seed=2026):
        self.urn, self.name, self.laestab = urn, name, laestab
        self.pupil_count = pupils
        self.today = today
        self.rng = random.Random(seed)
        self.terms = term_dates(today, 6)

    def build(self):
        """The school, its classes, pupils, parents and SEN records, in one transaction whose
        records are worked out into census standings once, at the end."""
        with batched():
            return self._build()

    def _build(self):
        school = School.objects.create(urn=self.urn, name=self.name, laestab=self.laestab)
        self.strands = {s.slug: s for s in Strand.objects.of(school).select_related("area")}
        classes = self._classes(school)
        pupils = self._pupils(school, classes)
        self._parents(pupils)
        self._sen_records(pupils)
        return school

    def _classes(self, school):
        groups = [
            ClassGroup(school=school, name=f"{year}{form}", kind=GroupKind.FORM)
            for year in range(7, 12)
            for form in "ABCDE"
        ]
        ClassGroup.objects.bulk_create(groups)
        tutors = User.objects.bulk_create(
            [
                User(
                    email=f"tutor.{group.name.lower()}.{self.urn}@example.org",
                    first_name=self.rng.choice(FORENAMES),
                    last_name=self.rng.choice(SURNAMES),
                    password="!",  # unusable: only the named demo logins can sign in
                )
                for group in groups
            ]
        )
        Membership.objects.bulk_create(
            [Membership(user=tutor, school=school, role=Role.TEACHER) for tutor in tutors]
        )
        self.tutors_by_class = {
            group.pk: tutor for group, tutor in zip(groups, tutors, strict=True)
        }
        ClassGroup.teachers.through.objects.bulk_create(
            [
                ClassGroup.teachers.through(classgroup_id=group.pk, user_id=tutor.pk)
                for group, tutor in zip(groups, tutors, strict=True)
            ]
        )
        return groups

    def _pupils(self, school, classes):
        establishment = int(self.laestab[-4:]) if self.laestab else 4000
        pupils = []
        for serial in range(self.pupil_count):
            group = classes[serial % len(classes)]
            year = int(group.name[:-1])
            # Age on 1 September decides the year group: Year 7 are 11 on 1 September.
            school_year_start = self.today.year if self.today.month >= 9 else self.today.year - 1
            birth_year = school_year_start - year - 5
            born = date(birth_year, 9, 1) + timedelta(days=self.rng.randrange(365))
            joined = date(school_year_start - (year - 7), 9, 4)
            left = None
            if serial % 97 == 0:  # a few pupils have moved on this year
                left = self.today - timedelta(days=self.rng.randrange(10, 60))
            pupils.append(
                Pupil(
                    school=school,
                    upn=make_upn(SHEFFIELD_LA, establishment, serial + 1),
                    legal_forename=self.rng.choice(FORENAMES),
                    legal_surname=self.rng.choice(SURNAMES),
                    date_of_birth=born,
                    nc_year=str(year),
                    class_group=group,
                    joined_on=joined,
                    left_on=left,
                    eal=self.rng.random() < 0.18,
                )
            )
        return Pupil.objects.bulk_create(pupils, batch_size=1000)

    def _parents(self, pupils):
        parents = User.objects.bulk_create(
            [
                User(
                    email=f"parent.{pupil.upn.lower()}@example.org",
                    first_name=self.rng.choice(FORENAMES),
                    last_name=pupil.legal_surname,
                    password="!",
                )
                for pupil in pupils
            ],
            batch_size=1000,
        )
        relationships = [Relationship.MOTHER, Relationship.FATHER, Relationship.CARER]
        ParentLink.objects.bulk_create(
            [
                ParentLink(parent=parent, pupil=pupil, relationship=self.rng.choice(relationships))
                for parent, pupil in zip(parents, pupils, strict=True)
            ],
            batch_size=1000,
        )

    def _sen_records(self, pupils):
        rows = {
            "assessments": [],
            "criteria": [],
            "decisions": [],
            "needs": [],
            "plans": [],
            "supported": [],  # (pupil, main strand, second strand, kind) at K or E
        }
        for pupil, profile in zip(pupils, profiles(len(pupils), self.rng), strict=True):
            self._history(pupil, profile, rows)
        NeedAssessment.objects.bulk_create(rows["assessments"], batch_size=2000)
        LevelTwoCriterion.objects.bulk_create(rows["criteria"], batch_size=2000)
        SencoDecision.objects.bulk_create(rows["decisions"], batch_size=2000)
        SENNeed.objects.bulk_create(rows["needs"], batch_size=2000)
        EHCPlan.objects.bulk_create(rows["plans"], batch_size=2000)
        build_plans(self, rows["supported"], self.tutors_by_class)

    def _main_strand(self):
        slugs = list(STRAND_WEIGHTS)
        return self.rng.choices(slugs, weights=[STRAND_WEIGHTS[s] for s in slugs])[0]

    def _other_area_strand(self, slug):
        area = self.strands[slug].area_id
        return self.rng.choice([s for s, st in self.strands.items() if st.area_id != area])

    def _trajectory(self, final_level, count):
        """`count` termly levels that step from a starting level to the final one at some
        term (needs change over time)."""
        start = max(1, min(5, final_level + self.rng.choice([-1, 0, 0, 1])))
        change_at = self.rng.randrange(1, count) if count > 1 else 0
        return [start if i < change_at else final_level for i in range(count)]

    def _history(self, pupil, profile, rows):
        """One pupil's SEN records, each kind in turn (in one order: the seed decides all)."""
        if profile.kind == "none":
            return
        terms, main, strand_levels = self._grid_history(pupil, profile, rows)
        if profile.kind == "level2_criteria":
            criterion = self.rng.choice(["medical", "gap_not_narrowing", "long_term", "transition"])
            rows["criteria"].append(
                LevelTwoCriterion(
                    pupil=pupil,
                    criterion=criterion,
                    recorded_on=terms[0],
                    note="Agreed with parents at the review meeting.",
                )
            )
        if profile.decision:
            rows["decisions"].append(
                SencoDecision(
                    pupil=pupil,
                    code=profile.decision,
                    reason=DECISION_REASONS[profile.decision],
                    decided_on=terms[-1],
                )
            )
        on_sen_support = profile.kind in {"ehcp", "level3", "level2_criteria", "level2_multiple"}
        # A SENCO who decides N has ended the need type too (a need with N fails DfE 2125).
        if (on_sen_support and profile.decision != "N") or profile.decision == "K":
            second = next((slug for slug in strand_levels if slug != main), None)
            rows["supported"].append((pupil, main, second, profile.kind))
            if not profile.need_type_missing:
                self._need_types(pupil, profile, terms[0], main, strand_levels, rows)
        if profile.kind == "ehcp":
            issued = terms[0] - timedelta(days=self.rng.randrange(30, 900))
            rows["plans"].append(
                EHCPlan(
                    pupil=pupil,
                    issued_on=issued,
                    local_authority="Sheffield City Council",
                    last_annual_review_on=self._last_anniversary(issued),
                )
            )

    def _grid_history(self, pupil, profile, rows):
        """Termly assessments of the main strand (and sometimes a second) stepping to the
        profile's final level; returns the terms, the main strand and the levels by strand."""
        first_term = self.rng.randrange(0, 3)
        terms = [t for t in self.terms[first_term:] if t >= (pupil.joined_on or t)]
        if not terms:
            terms = self.terms[-1:]
        final = {
            "ehcp": self.rng.choice([4, 4, 5]),
            "level3": self.rng.choice([3, 3, 3, 4]),
            "level2_criteria": 2,
            "level2_multiple": 2,
            "level2_unclear": 2,
            "level1": 1,
        }[profile.kind]
        main = self._main_strand()
        strand_levels = {main: self._trajectory(final, len(terms))}
        if profile.kind == "level2_multiple":
            strand_levels[self._other_area_strand(main)] = [2] * len(terms)
        elif final >= 3 and self.rng.random() < 0.4:
            strand_levels[self._other_area_strand(main)] = [
                max(1, final - 1 - self.rng.randrange(2))
            ] * len(terms)
        for slug, levels in strand_levels.items():
            for when, level in zip(terms, levels, strict=True):
                rows["assessments"].append(
                    NeedAssessment(
                        pupil=pupil,
                        strand=self.strands[slug],
                        level=level,
                        assessed_on=when,
                        note="Termly review of the grid.",
                    )
                )
        return terms, main, strand_levels

    def _need_types(self, pupil, profile, on, main, strand_levels, rows):
        need = NEED_TYPE_OF_STRAND[main]
        if profile.kind == "level3" and self.rng.random() < 0.05:
            need = "NSA"
        if need == "MLD" and self.rng.random() < 0.4:
            need = "SPLD"
        rows["needs"].append(SENNeed(pupil=pupil, need_type=need, rank=1, recorded_on=on))
        if len(strand_levels) > 1 and need != "NSA":
            second = NEED_TYPE_OF_STRAND[[s for s in strand_levels if s != main][0]]
            if second != need:
                rows["needs"].append(SENNeed(pupil=pupil, need_type=second, rank=2, recorded_on=on))

    def _last_anniversary(self, issued):
        """The most recent annual review: roughly each year after issue, some running late."""
        review = issued
        while review + timedelta(days=365) <= self.today:
            review += timedelta(days=365)
        if review == issued:
            return None
        return review - timedelta(days=self.rng.choice([0, 0, 0, 60]))
