"""A subject access request: everything the register holds about one pupil, as plain data and
as a ZIP with every plan and the evidence pack as PDFs."""

import io
import json
import zipfile
from datetime import date

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

from pages.evidence_pack import evidence_pack_pdf
from pages.history import pupil_history
from support_plans.models import (
    EHCAnnualReview,
    Outcome,
    OutcomeProgress,
    Provision,
    ProvisionImpact,
    Review,
    ReviewNote,
    SupportPlan,
)
from support_plans.pdf import plan_pdf


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
        "documents": _records(pupil.documents.all()),
        "emails_sent": _records(pupil.emails_sent.all()),
        "ehc_needs_assessment_requests": _records(pupil.ehc_requests.all()),
        "ehc_annual_reviews": _records(EHCAnnualReview.objects.filter(ehc_plan__pupil=pupil)),
        "history_of_changes": [
            {
                "at": change.at,
                "by": str(change.user) if change.user else None,
                "record": ", ".join(part for part in (change.what, change.label) if part),
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
            archive.writestr(f"plans/plan-{plan.version}-{plan.state}.pdf", plan_pdf(plan))
        archive.writestr("evidence-pack.pdf", evidence_pack_pdf(pupil))
        for document in pupil.documents.all():
            with document.file.open("rb") as stored:
                archive.writestr(f"documents/{document.pk}-{document.download_name}", stored.read())
        archive.writestr(
            "README.txt",
            f"Everything {pupil.school.name} holds in the SEN register about "
            f"{pupil.legal_forename} {pupil.legal_surname} (UPN {pupil.upn}), "
            f"exported {date.today():%-d %B %Y}.\n\nrecords.json: every record, its history of "
            "changes and who has looked at it.\nplans/: every support plan.\n"
            "evidence-pack.pdf: the SEN history in date order.\n"
            "documents/: every document kept with the record.\n",
        )
    return out.getvalue()
