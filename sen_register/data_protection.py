"""UK GDPR duties: everything held about one pupil for a subject access request; the records
kept past the retention period (until the pupil is 25), for a person to decide on; and their
erasure once that person has decided, recorded as having happened."""

import io
import json
import zipfile
from datetime import date

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from pupils.history import historical_rows, pupil_history
from support_plans import pdf
from support_plans.models import (
    Outcome,
    OutcomeProgress,
    Provision,
    ProvisionImpact,
    Review,
    ReviewNote,
    SupportPlan,
)

from .models import ErasureRecord

RETENTION_AGE = 25  # SEN files are kept until the pupil is 25


def _records(queryset):
    return json.loads(serializers.serialize("json", queryset))


def subject_access_data(pupil):
    """Every record held about the pupil, as plain data."""
    plans = SupportPlan.objects.filter(pupil=pupil)
    reviews = Review.objects.filter(plan__in=plans)
    return {
        "pupil": _records([pupil]),
        "school": {"urn": pupil.school.urn, "name": pupil.school.name},
        "class_group": pupil.class_group.name if pupil.class_group else None,
        "parents": [
            {"email": link.parent.email, "relationship": link.relationship}
            for link in pupil.parent_links.select_related("parent")
        ],
        "invitations": _records(pupil.invitations.all()),
        "grid_assessments": _records(pupil.assessments.all()),
        "level_two_criteria": _records(pupil.level_two_criteria.all()),
        "senco_decisions": _records(pupil.senco_decisions.all()),
        "sen_needs": _records(pupil.sen_needs.all()),
        "ehc_plans": _records(pupil.ehc_plans.all()),
        "support_plans": _records(plans),
        "outcomes": _records(Outcome.objects.filter(plan__in=plans)),
        "provisions": _records(Provision.objects.filter(plan__in=plans)),
        "reviews": _records(reviews),
        "outcome_progress": _records(OutcomeProgress.objects.filter(review__in=reviews)),
        "provision_impacts": _records(ProvisionImpact.objects.filter(review__in=reviews)),
        "teachers_notes": _records(ReviewNote.objects.filter(outcome__plan__in=plans)),
        "specialist_involvement": _records(pupil.specialists.all()),
        "parent_contact": _records(pupil.parent_contacts.all()),
        "views_sent_by_parents": _records(pupil.views_sent.all()),
        "history_of_changes": [
            {
                "at": change.at,
                "by": str(change.user) if change.user else None,
                "record": f"{change.what} {change.label}",
                "change": change.kind,
                "fields": [
                    [field, str(before), str(after)] for field, before, after in change.changes
                ],
                "reason": change.reason,
            }
            for change in pupil_history(pupil, limit=None)
        ],
        "access_log": [
            {"at": e.at, "by": str(e.user) if e.user else None, "what": e.what}
            for e in pupil.access_log.select_related("user")
        ],
    }


def subject_access_zip(pupil):
    """A ZIP of the data as JSON, every plan as a PDF, and the evidence pack."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "records.json",
            json.dumps(
                subject_access_data(pupil), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False
            ),
        )
        for plan in pupil.support_plans.all():
            archive.writestr(f"plans/plan-{plan.version}-{plan.state}.pdf", pdf.plan_pdf(plan))
        archive.writestr("evidence-pack.pdf", pdf.evidence_pack_pdf(pupil))
        archive.writestr(
            "README.txt",
            f"Everything {pupil.school.name} holds in the SEN register about "
            f"{pupil.legal_forename} {pupil.legal_surname} (UPN {pupil.upn}), "
            f"exported {date.today():%-d %B %Y}.\n\nrecords.json: every record, its history of "
            "changes and who has looked at it.\nplans/: every support plan.\n"
            "evidence-pack.pdf: the SEN history in date order.\n",
        )
    return out.getvalue()


def birthday(born, age):
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return born.replace(year=born.year + age, day=28)


def past_retention(pupils, today):
    """(pupil, the day they turned 25) for each of `pupils` past the retention period."""
    # Only those born before 1 January, 24 years ago, can be 25 by now; check each exactly.
    born_before = date(today.year - RETENTION_AGE + 1, 1, 1)
    found = []
    for pupil in (
        pupils.filter(date_of_birth__lt=born_before)
        .select_related("school")
        .order_by("school__urn", "date_of_birth", "upn")
    ):
        turned = birthday(pupil.date_of_birth, RETENTION_AGE)
        if turned <= today:
            found.append((pupil, turned))
    return found


@transaction.atomic
def erase_pupils(pupils, *, school, reason, run_by):
    """Erase every record of `pupils` (all of one school): their SEN records, their history
    of changes and their rows in frozen censuses (by then years past any comparison), and
    keep an ErasureRecord saying that it happened. The access log keeps its entries, naming
    each pupil only by number."""
    from census.models import CensusSnapshotRow

    refs = sorted(pupil.pk for pupil in pupils)
    for pupil in pupils:
        if pupil.school_id != school.pk:
            raise ValueError(f"Pupil {pupil.pk} is not at {school}.")
        # Read before deleting: deleting writes a last "removed" version of each record.
        histories = [rows for _model, rows in historical_rows(pupil)]
        CensusSnapshotRow.objects.filter(pupil=pupil).delete()
        pupil.delete()
        # Children before parents: each list finds its rows through the ones above it.
        for rows in reversed(histories):
            rows.delete()
    return ErasureRecord.objects.create(
        school=school, pupils_erased=len(refs), pupil_refs=refs, reason=reason, run_by=run_by
    )
