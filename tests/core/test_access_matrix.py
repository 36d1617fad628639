"""Every URL, every persona: what docs/who-sees-what.md says each may reach. The teaching
assistant and the subject teacher reach Ava through a maths set, not her form group, so every
URL is also tried through group-based teaching.

Expected outcomes: a status code, LOGIN (anonymous: sent to sign in), HOME_SCHOOL (staff
at one school: the home page sends them on to it) or OFFICER_PAGE (an officer lands on their
view across schools).
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from census.models import CensusSnapshot, ModerationCase, ModerationRound
from pupils.models import ParentInvitation
from support_plans.models import (
    EHCAnnualReview,
    NeedsAssessmentRequest,
    PupilDocument,
    SpecialistInvolvement,
)
from tests.factories import (
    ClassGroupFactory,
    EHCPlanFactory,
    LevelTwoCriterionFactory,
    OutcomeFactory,
    ProvisionFactory,
    SencoDecisionFactory,
    SupportPlanFactory,
)

LOGIN = "login"
HOME_SCHOOL = "school_home"
OFFICER_PAGE = "officer"
CENSUS_DAY = datetime.date(2025, 10, 2)
PERSONAS = [
    "senco",
    "teacher",
    "subject_teacher",
    "assistant",
    "head",
    "parent",
    "officer",
    "other_senco",
    "anonymous",
]


def row(senco, teacher, head, parent, officer, other_senco, anonymous, **group_staff):
    """What each persona gets. Ava's subject teacher and teaching assistant (who reach her
    through her maths set, not her form) get what her form teacher gets unless named."""
    outcomes = {
        "senco": senco,
        "teacher": teacher,
        "subject_teacher": teacher,
        "assistant": teacher,
        "head": head,
        "parent": parent,
        "officer": officer,
        "other_senco": other_senco,
        "anonymous": anonymous,
    }
    unknown = set(group_staff) - {"subject_teacher", "assistant"}
    assert not unknown, unknown
    return outcomes | group_staff


EVERYONE_SIGNED_IN = row(200, 200, 200, 200, 200, 200, LOGIN)
EVERYONE = row(200, 200, 200, 200, 200, 200, 200)
EDIT = row(200, 403, 403, 403, 404, 404, LOGIN)  # Ava: taught by the teacher, the parent's child
EDIT_OTHER = row(200, 404, 403, 404, 404, 404, LOGIN)  # Noah: neither
DRAFT_POST = row(302, 403, 403, 404, 404, 404, LOGIN)  # a draft: 404 to the parent too
PARENT_ONLY = row(403, 403, 403, 200, 404, 404, LOGIN)  # Ava: the parent's child
CENSUS = row(200, 403, 200, 404, 403, 404, LOGIN)
# An empty freeze: 200, the census page again with what to put right in its error summary.
CENSUS_POST = row(200, 403, 200, 404, 403, 404, LOGIN)
# Setting the school up (pupils, staff, groups): its SENCO and head.
SET_UP = row(200, 403, 200, 404, 403, 404, LOGIN)
SET_UP_POST = row(302, 403, 302, 404, 403, 404, LOGIN)
DETAILS = row(200, 403, 200, 403, 404, 404, LOGIN)  # Ava: the parent sees her, cannot edit
MODERATE = row(404, 404, 404, 404, 200, 404, LOGIN)

# (case, url name, how to build its arguments, method, expected per persona)
MATRIX = [
    (
        "home",
        "home",
        lambda f: {},
        "get",
        row(HOME_SCHOOL, HOME_SCHOOL, HOME_SCHOOL, 200, OFFICER_PAGE, HOME_SCHOOL, LOGIN),
    ),
    (
        "school home",
        "school_home",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 200, 200, 404, 200, 404, LOGIN),
    ),
    (
        "unknown school",
        "school_home",
        lambda f: {"urn": "999999"},
        "get",
        row(404, 404, 404, 404, 404, 404, LOGIN),
    ),
    (
        "register",
        "register",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 200, 200, 404, 403, 404, LOGIN),
    ),
    # Ava: in the teacher's class, the parent's child.
    (
        "record of own pupil",
        "pupil_record",
        lambda f: {"pk": f.ava.pk},
        "get",
        row(200, 200, 200, 403, 404, 404, LOGIN),
    ),
    # Noah: another class, not the parent's child.
    (
        "record of another pupil",
        "pupil_record",
        lambda f: {"pk": f.noah.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    (
        "record of no pupil",
        "pupil_record",
        lambda f: {"pk": 987654},
        "get",
        row(404, 404, 404, 404, 404, 404, LOGIN),
    ),
    # The census: heads and SENCOs of the school only; officers see aggregates elsewhere.
    ("census page", "census", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    ("census CSV", "census_export_csv", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    ("census XML", "census_export_xml", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    ("freeze census", "census_freeze", lambda f: {"urn": f.school.urn}, "post", CENSUS_POST),
    (
        "frozen census",
        "snapshot",
        lambda f: {"urn": f.school.urn, "pk": f.snapshot.pk},
        "get",
        CENSUS,
    ),
    (
        "frozen census CSV",
        "snapshot_export_csv",
        lambda f: {"urn": f.school.urn, "pk": f.snapshot.pk},
        "get",
        CENSUS,
    ),
    (
        "another school's frozen census",
        "snapshot",
        lambda f: {"urn": f.school.urn, "pk": f.other_snapshot.pk},
        "get",
        row(404, 403, 404, 404, 403, 404, LOGIN),
    ),
    ("compare censuses", "snapshot_compare", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    ("compare with MIS", "mis_compare", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    # The register as CSV: exactly who may see the register.
    (
        "register CSV",
        "register_csv",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 200, 200, 404, 403, 404, LOGIN),
    ),
    # The SENCO's forms: SENCO only; others who can see the pupil get 403, the rest 404.
    ("grid form", "assessment_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    ("grid form sent", "assessment_add", lambda f: {"pk": f.ava.pk}, "post", EDIT),
    ("grid form, another pupil", "assessment_add", lambda f: {"pk": f.noah.pk}, "get", EDIT_OTHER),
    ("level-2 reason form", "criterion_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "withdraw a reason",
        "criterion_withdraw",
        lambda f: {"pk": f.ava.pk, "item": f.criterion.pk},
        "get",
        EDIT,
    ),
    (
        "withdraw a reason sent",
        "criterion_withdraw",
        lambda f: {"pk": f.ava.pk, "item": f.criterion.pk},
        "post",
        EDIT,
    ),
    (
        "withdraw Noah's reason under Ava",
        "criterion_withdraw",
        lambda f: {"pk": f.ava.pk, "item": f.noah_criterion.pk},
        "get",
        row(404, 403, 403, 403, 404, 404, LOGIN),
    ),
    ("decision form", "decision_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "withdraw a decision",
        "decision_withdraw",
        lambda f: {"pk": f.ava.pk, "item": f.decision.pk},
        "get",
        EDIT,
    ),
    ("need types form", "needs_edit", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "need types form, another pupil",
        "needs_edit",
        lambda f: {"pk": f.noah.pk},
        "get",
        EDIT_OTHER,
    ),
    ("EHC plan form", "ehc_plan_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "cease an EHC plan",
        "ehc_plan_cease",
        lambda f: {"pk": f.ava.pk, "item": f.plan.pk},
        "get",
        EDIT,
    ),
    # Support plans: staff who can see the pupil read the plan; parents get their own pages
    # (a draft is 404 to them, as if it did not exist); only the SENCO changes it.
    ("new plan", "plan_new", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "active plan",
        "plan",
        lambda f: {"pk": f.plan_active.pk},
        "get",
        row(200, 200, 200, 403, 404, 404, LOGIN),
    ),
    (
        "draft plan",
        "plan",
        lambda f: {"pk": f.plan_draft.pk},
        "get",
        row(200, 200, 200, 404, 404, 404, LOGIN),
    ),
    (
        "another pupil's plan",
        "plan",
        lambda f: {"pk": f.noah_plan.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    (
        "no such plan",
        "plan",
        lambda f: {"pk": 987654},
        "get",
        row(404, 404, 404, 404, 404, 404, LOGIN),
    ),
    ("edit plan", "plan_edit", lambda f: {"pk": f.plan_active.pk}, "get", EDIT),
    ("add outcome", "outcome_add", lambda f: {"pk": f.plan_active.pk}, "get", EDIT),
    (
        "edit outcome",
        "outcome_edit",
        lambda f: {"pk": f.plan_active.pk, "item": f.outcome.pk},
        "get",
        EDIT,
    ),
    (
        "remove outcome",
        "outcome_remove",
        lambda f: {"pk": f.plan_draft.pk, "item": f.draft_outcome.pk},
        "post",
        DRAFT_POST,
    ),
    ("add provision", "provision_add", lambda f: {"pk": f.plan_active.pk}, "get", EDIT),
    (
        "edit provision",
        "provision_edit",
        lambda f: {"pk": f.plan_active.pk, "item": f.provision.pk},
        "get",
        EDIT,
    ),
    (
        "remove provision",
        "provision_remove",
        lambda f: {"pk": f.plan_draft.pk, "item": f.draft_provision.pk},
        "post",
        DRAFT_POST,
    ),
    (
        "activate plan",
        "plan_activate",
        lambda f: {"pk": f.plan_draft.pk},
        "get",
        row(200, 403, 403, 404, 404, 404, LOGIN),
    ),
    ("close plan", "plan_close", lambda f: {"pk": f.plan_active.pk}, "get", EDIT),
    ("review plan", "review_add", lambda f: {"pk": f.plan_active.pk}, "get", EDIT),
    ("review plan sent", "review_add", lambda f: {"pk": f.plan_active.pk}, "post", EDIT),
    (
        "note on own pupil",
        "note_add",
        lambda f: {"pk": f.plan_active.pk},
        "get",
        row(200, 200, 403, 403, 404, 404, LOGIN),
    ),
    (
        "note on own pupil sent",
        "note_add",
        lambda f: {"pk": f.plan_active.pk},
        "post",
        row(200, 200, 403, 403, 404, 404, LOGIN),
    ),
    (
        "note on another pupil",
        "note_add",
        lambda f: {"pk": f.noah_plan.pk},
        "get",
        row(200, 404, 403, 404, 404, 404, LOGIN),
    ),
    ("specialist form", "specialist_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    ("parent contact form", "parent_contact_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "parent contact, another pupil",
        "parent_contact_add",
        lambda f: {"pk": f.noah.pk},
        "get",
        EDIT_OTHER,
    ),
    (
        "my pupils",
        "my_pupils",
        lambda f: {"urn": f.school.urn},
        "get",
        row(403, 200, 403, 404, 403, 404, LOGIN),
    ),
    ("provision map", "provision_map", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    ("interventions compared", "interventions", lambda f: {"urn": f.school.urn}, "get", CENSUS),
    # Parents: their own child's pages; everyone else who can see the pupil gets 403.
    ("invite a parent", "parent_invite", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    ("child page", "child", lambda f: {"pk": f.ava.pk}, "get", PARENT_ONLY),
    (
        "another child's page",
        "child",
        lambda f: {"pk": f.noah.pk},
        "get",
        row(403, 404, 403, 404, 404, 404, LOGIN),
    ),
    (
        "child's plan",
        "child_plan",
        lambda f: {"pk": f.ava.pk, "plan_pk": f.plan_active.pk},
        "get",
        PARENT_ONLY,
    ),
    (
        "child's draft plan",
        "child_plan",
        lambda f: {"pk": f.ava.pk, "plan_pk": f.plan_draft.pk},
        "get",
        row(403, 403, 403, 404, 404, 404, LOGIN),
    ),
    (
        "another child's plan under own child",
        "child_plan",
        lambda f: {"pk": f.ava.pk, "plan_pk": f.noah_plan.pk},
        "get",
        row(403, 403, 403, 404, 404, 404, LOGIN),
    ),
    ("send views", "send_views", lambda f: {"pk": f.ava.pk}, "get", PARENT_ONLY),
    ("send views sent", "send_views", lambda f: {"pk": f.ava.pk}, "post", PARENT_ONLY),
    (
        "send views, another child",
        "send_views",
        lambda f: {"pk": f.noah.pk},
        "get",
        row(403, 404, 403, 404, 404, 404, LOGIN),
    ),
    ("add a document", "document_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "a document shared with parents",
        "document",
        lambda f: {"pk": f.ava.pk, "item": f.shared_document.pk},
        "get",
        row(200, 200, 200, 200, 404, 404, LOGIN),
    ),
    (
        "a staff-only document",
        "document",
        lambda f: {"pk": f.ava.pk, "item": f.staff_document.pk},
        "get",
        row(200, 200, 200, 404, 404, 404, LOGIN),
    ),
    (
        "emails before reviews",
        "child_reminders",
        lambda f: {"pk": f.ava.pk},
        "get",
        PARENT_ONLY,
    ),
    (
        "plan PDF",
        "plan_pdf",
        lambda f: {"pk": f.plan_active.pk},
        "get",
        row(200, 200, 200, 200, 404, 404, LOGIN),
    ),
    (
        "draft plan PDF",
        "plan_pdf",
        lambda f: {"pk": f.plan_draft.pk},
        "get",
        row(200, 200, 200, 404, 404, 404, LOGIN),
    ),
    (
        "another pupil's plan PDF",
        "plan_pdf",
        lambda f: {"pk": f.noah_plan.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    (
        "EHC calendar",
        "ehc_calendar",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    (
        "plan an EHC annual review",
        "ehc_review_add",
        lambda f: {"pk": f.ava.pk, "plan_pk": f.plan.pk},
        "get",
        EDIT,
    ),
    (
        "an EHC annual review",
        "ehc_review",
        lambda f: {"pk": f.ava.pk, "item": f.ehc_review.pk},
        "get",
        EDIT,
    ),
    (
        "another pupil's EHC annual review",
        "ehc_review",
        lambda f: {"pk": f.noah.pk, "item": f.ehc_review.pk},
        "get",
        row(404, 404, 403, 404, 404, 404, LOGIN),
    ),
    ("record an EHC request", "ehc_request_add", lambda f: {"pk": f.ava.pk}, "get", EDIT),
    (
        "an EHC needs assessment request",
        "ehc_request",
        lambda f: {"pk": f.ava.pk, "item": f.ehc_request.pk},
        "get",
        EDIT,
    ),
    (
        "a specialist's advice",
        "specialist_advice",
        lambda f: {"pk": f.ava.pk, "item": f.specialist.pk},
        "get",
        EDIT,
    ),
    (
        "passport PDF",
        "passport_pdf",
        lambda f: {"pk": f.plan_active.pk},
        "get",
        row(200, 200, 200, 200, 404, 404, LOGIN),
    ),
    (
        "draft plan's passport PDF",
        "passport_pdf",
        lambda f: {"pk": f.plan_draft.pk},
        "get",
        row(200, 200, 200, 404, 404, 404, LOGIN),
    ),
    (
        "another pupil's passport PDF",
        "passport_pdf",
        lambda f: {"pk": f.noah_plan.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    (
        "passports of Ava's form",
        "group_passports",
        lambda f: {"urn": f.school.urn, "pk": f.ava.class_group_id},
        "get",
        row(200, 200, 200, 404, 403, 404, LOGIN, subject_teacher=403, assistant=403),
    ),
    (
        "passports of Ava's maths set",
        "group_passports",
        lambda f: {"urn": f.school.urn, "pk": f.maths_set.pk},
        "get",
        row(200, 403, 200, 404, 403, 404, LOGIN, subject_teacher=200, assistant=200),
    ),
    (
        "passports of another school's group",
        "group_passports",
        lambda f: {"urn": f.school.urn, "pk": f.other_group.pk},
        "get",
        row(404, 404, 404, 404, 404, 404, LOGIN),
    ),
    (
        "evidence pack",
        "evidence_pack",
        lambda f: {"pk": f.ava.pk},
        "get",
        row(200, 403, 200, 403, 404, 404, LOGIN),
    ),
    (
        "evidence pack, another pupil",
        "evidence_pack",
        lambda f: {"pk": f.noah.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    (
        "invitation link (invalid)",
        "invitation_accept",
        lambda f: {"uidb64": "MQ", "token": "bad-token"},
        "get",
        EVERYONE,
    ),
    ("invitation accepted", "invitation_done", lambda f: {}, "get", EVERYONE),
    # The second step of signing in: for anyone signed in (staff are sent there until done).
    (
        "set up second step",
        "mfa_setup",
        lambda f: {},
        "get",
        row(302, 302, 302, 200, 302, 302, LOGIN),
    ),
    (
        "enter second-step code",
        "mfa_verify",
        lambda f: {},
        "get",
        row(200, 200, 200, 302, 200, 200, LOGIN),
    ),
    # Audit: the history of changes for staff who may see the record; who looked, for SENCOs
    # and heads.
    (
        "history of changes",
        "pupil_history",
        lambda f: {"pk": f.ava.pk},
        "get",
        row(200, 200, 200, 403, 404, 404, LOGIN),
    ),
    (
        "history, another pupil",
        "pupil_history",
        lambda f: {"pk": f.noah.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    (
        "access log",
        "access_log",
        lambda f: {"pk": f.ava.pk},
        "get",
        row(200, 403, 200, 403, 404, 404, LOGIN),
    ),
    (
        "import the register",
        "register_import",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    (
        "the import's template",
        "register_import_template",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    ("the school's details", "school_details", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    (
        "the school's details saved",
        "school_details",
        lambda f: {"urn": f.school.urn},
        "post",
        row(200, 403, 200, 404, 403, 404, LOGIN),  # nothing chosen: the form again
    ),
    ("top-up funding", "top_up_funding", lambda f: {"pk": f.ava.pk}, "get", DETAILS),
    (
        "top-up funding, nothing given",
        "top_up_funding",
        lambda f: {"pk": f.ava.pk},
        "post",
        DETAILS,
    ),
    # Common Transfer Files: the SENCO's, out and in. An empty post shows the form again.
    (
        "pupils leaving (CTF)",
        "ctf_leaving",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    (
        "pupils leaving, nobody chosen",
        "ctf_leaving",
        lambda f: {"urn": f.school.urn},
        "post",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    (
        "pupils joining (CTF)",
        "ctf_joining",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    (
        "pupils joining, no file",
        "ctf_joining",
        lambda f: {"urn": f.school.urn},
        "post",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    # An invitation is answered only by the holder of the address it was sent to (the
    # parent's, here), and never by a staff or officer account.
    (
        "answer an invitation",
        "invitation_respond",
        lambda f: {"pk": f.invitation.pk},
        "post",
        row(404, 404, 404, 302, 404, 404, LOGIN),
    ),
    # A school's staff, groups and pupils' details.
    ("staff", "staff", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    ("invite staff", "staff_invite", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    # An empty invitation: the form again, with what is missing.
    ("invite staff sent", "staff_invite", lambda f: {"urn": f.school.urn}, "post", SET_UP),
    ("staff history", "staff_changes", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    (
        "a member of staff",
        "staff_member",
        lambda f: {"urn": f.school.urn, "user_pk": f.personas.teacher.pk},
        "get",
        SET_UP,
    ),
    (
        "a member of staff changed",
        "staff_member",
        lambda f: {"urn": f.school.urn, "user_pk": f.personas.teacher.pk},
        "post",
        SET_UP,
    ),
    (
        "another school's SENCO as staff",
        "staff_member",
        lambda f: {"urn": f.school.urn, "user_pk": f.personas.other_senco.pk},
        "get",
        row(404, 403, 404, 404, 403, 404, LOGIN),
    ),
    (
        "remove a member of staff",
        "staff_remove",
        lambda f: {"urn": f.school.urn, "user_pk": f.personas.teacher.pk},
        "get",
        SET_UP,
    ),
    (
        "remove a member of staff sent",
        "staff_remove",
        lambda f: {"urn": f.school.urn, "user_pk": f.personas.teacher.pk},
        "post",
        SET_UP_POST,
    ),
    ("teaching groups", "groups", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    ("add a group", "group_add", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    ("import groups", "groups_import", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    (
        "a teaching group",
        "group",
        lambda f: {"urn": f.school.urn, "pk": f.ava.class_group_id},
        "get",
        SET_UP,
    ),
    (
        "another school's group",
        "group",
        lambda f: {"urn": f.school.urn, "pk": f.other_group.pk},
        "get",
        row(404, 403, 404, 404, 403, 404, LOGIN),
    ),
    ("add a pupil", "pupil_add", lambda f: {"urn": f.school.urn}, "get", SET_UP),
    ("pupil's details", "pupil_details", lambda f: {"pk": f.ava.pk}, "get", DETAILS),
    (
        "another pupil's details",
        "pupil_details",
        lambda f: {"pk": f.noah.pk},
        "get",
        row(200, 404, 200, 404, 404, 404, LOGIN),
    ),
    ("leaving the roll", "pupil_leaving", lambda f: {"pk": f.ava.pk}, "get", DETAILS),
    ("officer's view", "officer", lambda f: {}, "get", row(403, 403, 403, 403, 200, 403, LOGIN)),
    # Moderation: officers of the round's schools only (404 to everyone else: a round is not
    # theirs to know of); the outcome with the pupils' names, the school's SENCO only.
    (
        "trends by term",
        "officer_trends",
        lambda f: {},
        "get",
        row(403, 403, 403, 403, 200, 403, LOGIN),
    ),
    ("moderation rounds", "moderation_rounds", lambda f: {}, "get", MODERATE),
    ("draw a sample", "moderation_draw", lambda f: {}, "get", MODERATE),
    ("a moderation round", "moderation_round", lambda f: {"pk": f.moderation.pk}, "get", MODERATE),
    (
        "a moderation case",
        "moderation_case",
        lambda f: {"pk": f.moderation.pk, "sample_id": f.moderation_case.sample_id},
        "get",
        MODERATE,
    ),
    (
        "moderation outcomes",
        "moderation_outcomes",
        lambda f: {"urn": f.school.urn},
        "get",
        row(200, 403, 403, 404, 403, 404, LOGIN),
    ),
    ("sign in", "login", lambda f: {}, "get", row(302, 302, 302, 302, 302, 302, 200)),
    ("sign out", "logout", lambda f: {}, "post", row(302, 302, 302, 302, 302, 302, 302)),
    ("change password", "password_change", lambda f: {}, "get", EVERYONE_SIGNED_IN),
    # The page's idle timer: answers everyone (signed out: no time left), changes nothing.
    ("time left", "session_status", lambda f: {}, "get", EVERYONE),
    ("stay signed in", "session_keep_alive", lambda f: {}, "post", EVERYONE),
    ("password changed", "password_change_done", lambda f: {}, "get", EVERYONE_SIGNED_IN),
    ("reset password", "password_reset", lambda f: {}, "get", EVERYONE),
    ("reset email sent", "password_reset_done", lambda f: {}, "get", EVERYONE),
    (
        "reset link (invalid)",
        "password_reset_confirm",
        lambda f: {"uidb64": "MQ", "token": "bad-token"},
        "get",
        EVERYONE,
    ),
    ("reset complete", "password_reset_complete", lambda f: {}, "get", EVERYONE),
]


@pytest.fixture
def world(settings, tmp_path, school, other_school, ava, noah, personas, maths_set):
    settings.MEDIA_ROOT = str(tmp_path)
    return SimpleNamespace(
        school=school,
        maths_set=maths_set,
        other_school=other_school,
        ava=ava,
        noah=noah,
        personas=personas,
        snapshot=CensusSnapshot.objects.create(school=school, census_date=CENSUS_DAY),
        criterion=LevelTwoCriterionFactory(pupil=ava),
        noah_criterion=LevelTwoCriterionFactory(pupil=noah),
        decision=SencoDecisionFactory(pupil=ava),
        plan=(plan := EHCPlanFactory(pupil=ava)),
        **plans(ava, noah),
        other_snapshot=CensusSnapshot.objects.create(school=other_school, census_date=CENSUS_DAY),
        other_group=ClassGroupFactory(school=other_school, name="7Z"),
        ehc_review=EHCAnnualReview.objects.create(ehc_plan=plan, meeting_on=CENSUS_DAY),
        ehc_request=NeedsAssessmentRequest.objects.create(pupil=ava, requested_on=CENSUS_DAY),
        **documents(ava),
        specialist=SpecialistInvolvement.objects.create(
            pupil=ava, service="ep", requested_on=CENSUS_DAY
        ),
        invitation=ParentInvitation.objects.create(
            pupil=noah, email=personas.parent.email, relationship="carer"
        ),
        **moderation(school, ava, personas.officer),
    )


def moderation(school, ava, officer):
    drawn = ModerationRound.objects.create(
        framework=school.authority.framework,
        census_date=CENSUS_DAY,
        drawn_by=officer,
        drawn_by_name="An officer",
        seed=1,
    )
    drawn.schools.set([school])
    case = ModerationCase.objects.create(
        round=drawn,
        sample_id=f"R{drawn.pk}-001",
        school=school,
        pupil=ava,
        code="K",
        grid_code="K",
        grid_basis="level 3 in Cognition and learning",
        support_plan=True,
    )
    return {"moderation": drawn, "moderation_case": case}


def documents(ava):
    def kept(title, shared):
        document = PupilDocument(
            pupil=ava,
            title=title,
            dated=CENSUS_DAY,
            content_type="application/pdf",
            size=9,
            shared_with_parents=shared,
        )
        document.file.save("upload", ContentFile(b"%PDF-1.4\n"), save=False)
        document.save()
        return document

    return {"shared_document": kept("Letter", True), "staff_document": kept("Note", False)}


def plans(ava, noah):
    active = SupportPlanFactory(pupil=ava, version=1)
    draft = SupportPlanFactory(pupil=ava, version=2, state="draft", starts_on=None)
    return {
        "plan_active": active,
        "plan_draft": draft,
        "noah_plan": SupportPlanFactory(pupil=noah, version=1),
        "outcome": OutcomeFactory(plan=active),
        "provision": ProvisionFactory(plan=active),
        "draft_outcome": OutcomeFactory(plan=draft),
        "draft_provision": ProvisionFactory(plan=draft),
    }


CASES = [
    pytest.param(name, kwargs, method, persona, expected[persona], id=f"{case}-{persona}")
    for case, name, kwargs, method, expected in MATRIX
    for persona in PERSONAS
]


@pytest.mark.parametrize(("url_name", "kwargs", "method", "persona", "expected"), CASES)
def test_each_persona_gets_what_the_policy_says(
    client_for, world, url_name, kwargs, method, persona, expected
):
    user = getattr(world.personas, persona)
    url = reverse(url_name, kwargs=kwargs(world))
    if url_name.startswith("census_export"):
        url += f"?date={CENSUS_DAY}"
    response = getattr(client_for(user), method)(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")
    elif expected == OFFICER_PAGE:
        assert (response.status_code, response.url) == (302, reverse("officer"))
    elif expected == HOME_SCHOOL:
        assert response.status_code == 302
        school = world.other_school if persona == "other_senco" else world.school
        assert response.url == reverse("school_home", kwargs={"urn": school.urn})
    else:
        assert response.status_code == expected


def named_patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from named_patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and namespace != "admin":
            yield pattern.name


def test_every_url_of_the_project_is_in_the_matrix():
    """A new page must say who may reach it before it can land. (The Django admin has its
    own staff-only gate and is not part of the school-facing policy.)"""
    covered = {name for _, name, _, _, _ in MATRIX}
    missing = set(named_patterns(get_resolver().url_patterns)) - covered
    assert not missing, f"URLs with no row in the access matrix: {sorted(missing)}"


@pytest.mark.parametrize("persona", ["senco", "teacher", "assistant", "head", "parent", "officer"])
def test_admin_is_closed_to_school_roles(client_for, world, persona):
    response = client_for(getattr(world.personas, persona)).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
