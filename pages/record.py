"""The pupil's record page: who they are, today's grid and census code, needs, plans, EHC
plans and their reviews, documents, specialists, contact with parents and the timeline.

The record is read far more often than it is written, and drawing it is two dozen queries,
so its body is kept (kept_pages) under what the reader may do (the links they are offered):
nothing else in it depends on who reads it."""

from functools import cache

from django.db.models import Exists, OuterRef
from django.utils.safestring import SafeString

from census.frameworks import DEFAULT_RULES, rules_named
from census.revisions import revision_of
from pupils.dating import current_by_strand
from pupils.grid import descriptors, meanings_of_grids, strand_descriptors
from pupils.models import Pupil, Strand
from sen_register.core import access
from support_plans.models import EHCAnnualReview

from .kept_pages import body_kept
from .next_steps import due_for
from .timeline import SELDOM_HELD as SELDOM_HELD_SEN_RECORDS
from .timeline import load_sen_records, timeline

# Read with the pupil: the school's token, so a kept body costs no query of its own.
READ_WITH_PUPIL = {"school_revision": revision_of("school_id")}

# What a reader may do from the record: each is a yes or no, and each combination is drawn
# (and kept) apart.
MAY = ("edit_sen_record", "edit_details", "evidence_pack", "read_access_log")


def record_body(user, pupil, today) -> SafeString:
    """The record's body as `user` is shown it today, drawn or kept. `pupil` was read with
    their school's token (READ_WITH_PUPIL)."""
    may = tuple(access.can(user, action, pupil) for action in MAY)
    return body_kept(
        pupil.school,
        today,
        ("pupil record", pupil.pk, may),
        "pupils/_record_body.html",
        lambda keep: _context(pupil, today, may, keep),
        token=pupil.school_revision,
    )


# The record's lists most pupils have none of. Each list is a query, and a query costs about
# a millisecond to build and run even when it finds nothing, more than the rest of a first
# look's share of that list: so one query says which of them the pupil has rows of, and only
# those are read. The query count depends on which lists are empty, never on their length.
SELDOM_HELD = (
    *SELDOM_HELD_SEN_RECORDS,
    "teaching_groups",
    "specialists",
    "ehc_requests",
    "emails_sent",
    "documents",
    "parent_contacts",
)


@cache
def _which_held():
    """The question `_held` asks, built once per process. Building nine subqueries through
    a pupil's related managers cost three times what running them does (1.9 of 2.3 ms a
    first look); only the pupil's id changes from one record to the next."""

    def rows_of(name):
        relation = Pupil._meta.get_field(name)
        return relation.related_model._default_manager.filter(
            **{relation.field.name: OuterRef("pk")}
        )

    return Pupil.objects.order_by().values(
        **{f"has_{name}": Exists(rows_of(name)) for name in SELDOM_HELD}
    )


def _held(pupil):
    """The names in SELDOM_HELD the pupil has at least one row of: one query."""
    found = _which_held().filter(pk=pupil.pk).get()
    return {name.removeprefix("has_") for name, present in found.items() if present}


def _context(pupil, today, may, keep):
    can_edit, can_edit_details, can_evidence_pack, can_read_access_log = may
    has = _held(pupil)

    def rows(name):
        return list(getattr(pupil, name).all()) if name in has else []

    held = load_sen_records(pupil, has)
    # The same for every record at the school: read once while nothing changes.
    meanings = keep("level meanings", lambda: descriptors(pupil.school))
    strands, strand_meanings, uses_criteria = keep("grid", lambda: _grid(pupil.school))
    current = current_by_strand(held.assessments, today)
    plans = list(pupil.support_plans.all())
    kept_today = next((s for s in held.standings if s.valid_from <= today < s.valid_to), None)
    return {
        "pupil": pupil,
        "today": today,
        "census": held.standing_on(today),
        "strands": _grid_today(current, strands, strand_meanings),
        "descriptors": meanings,
        "criteria": held.criteria,
        "uses_criteria": uses_criteria,
        "decisions": held.decisions,
        "current_needs": [n for n in held.needs if n.ended_on is None],
        "ehc_plans": held.ehc_plans,
        "timeline": timeline(
            held, meanings=meanings_of_grids(held.assessments, meanings), until=today
        ),
        "can_edit": can_edit,
        "due": (
            due_for(pupil, kept_today, current.values(), held.needs, plans, today)
            if can_edit
            else []
        ),
        "can_edit_details": can_edit_details,
        "groups": rows("teaching_groups"),
        "can_evidence_pack": can_evidence_pack,
        "can_read_access_log": can_read_access_log,
        "plans": plans,
        "specialists": rows("specialists"),
        # Annual reviews are of EHC plans: most pupils have none, and nothing to read.
        "ehc_reviews": (
            list(EHCAnnualReview.objects.filter(ehc_plan__pupil=pupil)) if held.ehc_plans else []
        ),
        "ehc_requests": rows("ehc_requests"),
        "emails": rows("emails_sent"),
        "documents": rows("documents"),
        "parent_contacts": rows("parent_contacts"),
    }


def _grid(school):
    """Every strand of the school's grid (with its area), what each level means on each, and
    whether its framework's rules take level-2 reasons (read with the strands)."""
    strands = list(Strand.objects.of(school).select_related("area", "framework"))
    rules = strands[0].framework.rules if strands else DEFAULT_RULES
    return strands, strand_descriptors(school), rules_named(rules).USES_LEVEL_TWO_CRITERIA


def _grid_today(current, strands, meanings):
    """(strand, its current assessment or None, what that level means on the strand)."""
    rows = []
    for strand in strands:
        assessment = current.get(strand.pk)
        meaning = meanings.get((strand.pk, assessment.level)) if assessment else None
        rows.append((strand, assessment, meaning))
    return rows
