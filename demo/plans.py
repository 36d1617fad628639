"""Support plans for the demo school: for pupils at SEN support or with an EHC plan, a past plan
with its review and the current plan with outcomes, costed provision and teachers' notes; parent
contact and specialist involvement. A few gaps are left on purpose, for the checks to find."""

from datetime import timedelta

from support_plans.models import (
    ContactKind,
    Outcome,
    OutcomeProgress,
    ParentContact,
    PlanKind,
    PlanState,
    Provision,
    ProvisionImpact,
    Review,
    ReviewNote,
    Service,
    SpecialistInvolvement,
    SupportPlan,
)

# (what, delivered by, group size, sessions a week, minutes, hourly rate, fixed cost)
PROVISIONS = [
    ("Precision teaching", "Teaching assistant", 1, 3, 10, 18, None),
    ("Lexia reading programme", "Teaching assistant", 4, 3, 30, 18, None),
    ("Speech and language group", "TA trained by the SaLT service", 4, 2, 30, 18, None),
    ("ELSA emotional literacy sessions", "ELSA", 1, 1, 45, 20, None),
    ("Lego therapy", "Teaching assistant", 3, 1, 45, 18, None),
    ("Social skills group", "Learning mentor", 5, 1, 60, 22, None),
    ("Sensory circuits", "Teaching assistant", 6, 5, 15, 18, None),
    ("Counselling", "School counsellor", 1, 1, 50, 35, None),
    ("Maths catch-up group", "Maths teacher", 6, 2, 40, 40, None),
    ("Touch-typing programme", "Teaching assistant", 1, 2, 20, 18, None),
]
IN_CLASS_SUPPORT = ("In-class TA support", "Teaching assistant", 1, 10, 60, 18, None)
RADIO_AID = ("Radio aid and its upkeep", "Hearing impairment team", 1, 1, 1, None, 850)

# What will change, how it is measured, the baseline: one per strand of the grid.
OUTCOMES = {
    "speech_language": (
        "Will follow two-step instructions in class without a prompt",
        "Observation in three lessons each half term",
        "Follows one-step instructions with a visual prompt",
    ),
    "social_communication": (
        "Will take turns in a small-group task for ten minutes",
        "Lego therapy session records",
        "Takes turns for three minutes with adult support",
    ),
    "cognition_learning": (
        "Will read 30 more high-frequency words",
        "Word-reading check each half term",
        "Reads 120 of the first 300 words",
    ),
    "emotional_regulation": (
        "Will use a calm-down plan and return to learning within ten minutes",
        "Behaviour log",
        "Leaves lessons three times a week",
    ),
    "mental_health": (
        "Will attend at least 95% of sessions",
        "Attendance record",
        "Attendance 87% this term",
    ),
    "vision": (
        "Will use enlarged materials independently in every lesson",
        "Teacher checklist",
        "Asks for enlarged materials in half of lessons",
    ),
    "hearing": (
        "Will check understanding with the teacher using an agreed signal",
        "Observation and pupil's own log",
        "Rarely asks when unsure",
    ),
    "physical": (
        "Will write for fifteen minutes using a writing slope",
        "Timed writing task",
        "Writes for five minutes before fatigue",
    ),
    "medical": (
        "Will manage medication times with one adult check",
        "Medical log",
        "Needs reminding for every dose",
    ),
}
NOTES = [
    "Managed it twice this week without a reminder.",
    "A harder week: tired after PE, but back on track by Friday.",
    "Good progress in the small group; less so in whole-class lessons.",
    "Used the strategy independently in the science practical.",
]


def build_plans(builder, supported, tutors_by_class):
    """`supported`: (pupil, main strand slug, second strand slug or None, kind) for pupils at K
    or E; `tutors_by_class`: class id -> tutor user. Each kind of record is built in turn, in
    one order, so the same seed always gives the same school."""
    plans, current = _plans(builder, supported)
    outcomes, provisions = _outcomes_and_provision(builder, plans, current)
    reviews = _reviews(builder.terms, plans, current)
    outcomes_of, provisions_of = _by_plan(outcomes), _by_plan(provisions)
    _review_findings(builder.rng, reviews, outcomes_of, provisions_of)
    _teachers_notes(builder, current, outcomes_of, tutors_by_class)
    _parent_contact_and_specialists(builder, supported)


def _first_term(terms, pupil):
    return next((t for t in terms if t >= (pupil.joined_on or t)), terms[-1])


def _plans(builder, supported):
    """A past plan for pupils who have been supported a while, and the plan in force."""
    rng, today, terms = builder.rng, builder.today, builder.terms
    plans, current = [], []
    for index, (pupil, main, second, kind) in enumerate(supported):
        if index % 30 == 7:
            continue  # a few at SEN support without a plan yet: the checks find them
        first_term = _first_term(terms, pupil)
        start_now = terms[-2] if len(terms) >= 2 else terms[-1]
        plan_kind = PlanKind.EXTENDED if kind == "ehcp" else PlanKind.SEN_SUPPORT
        version = 1
        if first_term < start_now:
            plans.append(_past_plan(pupil, plan_kind, first_term, start_now))
            version = 2
        plan = SupportPlan(
            pupil=pupil,
            version=version,
            kind=plan_kind,
            state=PlanState.ACTIVE,
            starts_on=start_now if version == 2 else first_term,
            next_review_on=today + timedelta(days=rng.randrange(-10, 100)),
            about_me="Enjoys art and helping younger pupils.",
            pupil_views="I like it when I know what is coming next.",
            strengths="Kind, creative, works hard when interested.",
            parent_views="Pleased with progress; would like more homework support.",
            strategies="Seat near the front; give instructions one step at a time; "
            "check understanding privately; allow movement breaks.",
        )
        plans.append(plan)
        current.append((plan, pupil, main, second))
    SupportPlan.objects.bulk_create(plans, batch_size=500)
    by_pupil = {pupil.pk: (main, second) for _, pupil, main, second in current}
    for plan in plans:
        areas = [builder.strands[slug].name for slug in by_pupil[plan.pupil_id] if slug]
        plan.needs_summary = "Needs identified on the support grid in " + " and ".join(areas) + "."
    SupportPlan.objects.bulk_update(plans, ["needs_summary"], batch_size=500)
    return plans, current


def _past_plan(pupil, kind, starts_on, ended_on):
    return SupportPlan(
        pupil=pupil,
        version=1,
        kind=kind,
        state=PlanState.SUPERSEDED,
        starts_on=starts_on,
        ended_on=ended_on,
        next_review_on=ended_on,
        about_me="Enjoys art and helping younger pupils.",
        pupil_views="I like working in a small group.",
        strengths="Kind, creative, works hard when interested.",
        parent_views="Worried about reading at home.",
        strategies="Seat near the front; give instructions one step at a time.",
    )


def _outcomes_and_provision(builder, plans, current):
    """An outcome for each strand of need, and one or two costed provisions, on every plan."""
    rng, today = builder.rng, builder.today
    by_pupil = {pupil.pk: (main, second) for _, pupil, main, second in current}
    outcomes, provisions = [], []
    for plan in plans:
        main, second = by_pupil[plan.pupil_id]
        for position, slug in enumerate([s for s in (main, second) if s]):
            what, how, baseline = OUTCOMES[slug]
            outcomes.append(
                Outcome(
                    plan=plan,
                    position=position,
                    what_will_change=what,
                    how_measured=how,
                    baseline=baseline,
                    target_on=(plan.next_review_on or today) + timedelta(days=30),
                )
            )
        chosen = rng.sample(PROVISIONS, rng.randint(1, 2))
        if plan.kind == PlanKind.EXTENDED and rng.random() < 0.5:
            chosen.append(IN_CLASS_SUPPORT)  # takes the pupil over the top-up threshold
        if main == "hearing":
            chosen.append(RADIO_AID)
        provisions += [_provision(plan, *chosen_one) for chosen_one in chosen]
    Outcome.objects.bulk_create(outcomes, batch_size=1000)
    Provision.objects.bulk_create(provisions, batch_size=1000)
    return outcomes, provisions


def _provision(plan, what, who, group, sessions, minutes, rate, fixed):
    return Provision(
        plan=plan,
        what=what,
        delivered_by=who,
        group_size=group,
        sessions_per_week=sessions,
        minutes_per_session=minutes,
        starts_on=plan.starts_on,
        ends_on=plan.ended_on,
        entry_measure="Baseline check",
        hourly_rate=rate,
        fixed_cost=fixed,
    )


def _reviews(terms, plans, current):
    """The review that ended each past plan, and this term's review of most running plans;
    a few are left overdue for the checks."""
    reviews = [
        Review(
            plan=p,
            held_on=p.ended_on - timedelta(days=3),
            attended_by="SENCO, tutor, parent",
            parent_attended=True,
            pupil_views_gathered=True,
            parent_views_gathered=True,
            summary="Good progress on reading; new targets agreed.",
            decision="new_plan",
            shared_with_parents=True,
        )
        for p in plans
        if p.state == PlanState.SUPERSEDED
    ]
    reviews += [
        Review(
            plan=plan,
            held_on=terms[-1],
            attended_by="SENCO, tutor, parent",
            parent_attended=index % 3 != 0,
            pupil_views_gathered=True,
            parent_views_gathered=index % 3 != 0,
            summary="Continuing; targets still right.",
            decision="continue",
            next_review_on=plan.next_review_on,
            shared_with_parents=True,
        )
        for index, (plan, _, _, _) in enumerate(current)
        if plan.starts_on < terms[-1] and index % 12 != 5
    ]
    Review.objects.bulk_create(reviews, batch_size=500)
    return reviews


def _by_plan(items):
    found = {}
    for item in items:
        found.setdefault(item.plan_id, []).append(item)
    return found


def _review_findings(rng, reviews, outcomes_of, provisions_of):
    """Each review's progress on every outcome and impact of every provision."""
    OutcomeProgress.objects.bulk_create(
        [
            OutcomeProgress(review=r, outcome=o, rating=rng.choice([-1, 0, 0, 0, 1]))
            for r in reviews
            for o in outcomes_of.get(r.plan_id, [])
        ],
        batch_size=1000,
    )
    ProvisionImpact.objects.bulk_create(
        [
            ProvisionImpact(review=r, provision=p, impact=rng.choice(["some", "good", "good"]))
            for r in reviews
            for p in provisions_of.get(r.plan_id, [])
        ],
        batch_size=1000,
    )


def _teachers_notes(builder, current, outcomes_of, tutors_by_class):
    rng, today = builder.rng, builder.today
    notes = []
    for plan, pupil, _, _ in current:
        tutor = tutors_by_class.get(pupil.class_group_id)
        for outcome in outcomes_of.get(plan.pk, []):
            for n in range(rng.randint(0, 2)):
                notes.append(
                    ReviewNote(
                        outcome=outcome,
                        author=tutor,
                        text=rng.choice(NOTES),
                        written_on=min(today, plan.starts_on + timedelta(days=20 + 25 * n)),
                    )
                )
    ReviewNote.objects.bulk_create(notes, batch_size=1000)


# The service a pupil's main strand of need most often brings in.
SERVICE_FOR_STRAND = {
    "speech_language": Service.SPEECH_LANGUAGE,
    "hearing": Service.HEARING,
    "vision": Service.VISION,
    "mental_health": Service.CAMHS,
    "physical": Service.PHYSIOTHERAPY,
    "social_communication": Service.AUTISM,
}


def _parent_contact_and_specialists(builder, supported):
    rng, today = builder.rng, builder.today
    contacts, specialists = [], []
    for index, (pupil, main, _, _) in enumerate(supported):
        first = _first_term(builder.terms, pupil)
        if index % 25 != 3:  # a few whose parents were never formally notified
            contacts.append(
                ParentContact(
                    pupil=pupil,
                    kind=ContactKind.FORMAL_NOTIFICATION,
                    held_on=first,
                    notes="Letter and meeting.",
                )
            )
        for n in range(rng.choice([2, 3, 3, 4])):  # some with fewer than three a year
            contacts.append(
                ParentContact(
                    pupil=pupil,
                    kind=ContactKind.MEETING,
                    held_on=today - timedelta(days=20 + 110 * n),
                    notes="Termly meeting about the plan.",
                )
            )
        if rng.random() < 0.35:
            specialists.append(
                SpecialistInvolvement(
                    pupil=pupil,
                    service=SERVICE_FOR_STRAND.get(main, Service.EDUCATIONAL_PSYCHOLOGY),
                    involved_on=first,
                    advice="Observation and advice on classroom strategies.",
                    shared_with_parents_on=first + timedelta(days=7),
                )
            )
    ParentContact.objects.bulk_create(contacts, batch_size=1000)
    SpecialistInvolvement.objects.bulk_create(specialists, batch_size=1000)
