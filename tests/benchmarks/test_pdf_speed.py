"""Plan PDF (20 outcomes, 20 provisions) and evidence pack (three years of history): time and
peak memory, against WeasyPrint rendering the same HTML string (the floor)."""

import datetime
import resource
import time
import tracemalloc

import pytest
from django.template.loader import render_to_string
from weasyprint import HTML

from pages.evidence_pack import evidence_pack_pdf
from pupils.models import Strand
from support_plans import pdf
from support_plans.models import ContactKind, ParentContact, Review, SpecialistInvolvement
from tests.factories import (
    NeedAssessmentFactory,
    OutcomeFactory,
    ProvisionFactory,
    PupilFactory,
    SupportPlanFactory,
)


def measure(render):
    """Seconds (best of three, untraced), then the Python heap peak of one traced run and the
    process's peak resident memory so far, in MiB."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        result = render()
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    render()
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    return result, min(timings), python_peak / 2**20, rss_peak


@pytest.mark.benchmark
@pytest.mark.django_db
def test_pdf_rendering(record):
    pupil = PupilFactory()
    plan = SupportPlanFactory(pupil=pupil)
    OutcomeFactory.create_batch(20, plan=plan)
    ProvisionFactory.create_batch(20, plan=plan)

    history = PupilFactory()
    strands = list(Strand.objects.all())
    start = datetime.date(2023, 9, 4)
    plans = []
    for year in range(3):
        for term in range(3):
            day = start + datetime.timedelta(days=365 * year + 120 * term)
            for strand in strands[:4]:
                NeedAssessmentFactory(
                    pupil=history, strand=strand, level=2 + (year + term) % 3, assessed_on=day
                )
        p = SupportPlanFactory(
            pupil=history,
            version=year + 1,
            state="superseded" if year < 2 else "active",
            starts_on=start + datetime.timedelta(days=365 * year),
            ended_on=start + datetime.timedelta(days=365 * (year + 1)) if year < 2 else None,
        )
        outcomes = OutcomeFactory.create_batch(4, plan=p)
        provisions = ProvisionFactory.create_batch(3, plan=p)
        for term in range(3):
            review = Review.objects.create(
                plan=p,
                held_on=p.starts_on + datetime.timedelta(days=100 * (term + 1)),
                attended_by="SENCO, parent",
                decision="continue",
            )
            for o in outcomes:
                review.progress.create(outcome=o, rating=1)
            for pr in provisions:
                review.impacts.create(provision=pr, impact="good")
        ParentContact.objects.create(pupil=history, kind=ContactKind.MEETING, held_on=p.starts_on)
        SpecialistInvolvement.objects.create(
            pupil=history, service="ep", involved_on=p.starts_on, advice="Advice"
        )
        plans.append(p)

    pdf.plan_pdf(plan)  # warm fonts and caches once, as a running server would be
    html = render_to_string("support_plans/pdf/plan.html", pdf.plan_context(plan))
    _, floor, _, _ = measure(lambda: HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    plan_bytes, plan_seconds, plan_heap, plan_rss = measure(lambda: pdf.plan_pdf(plan))
    pack_bytes, pack_seconds, pack_heap, pack_rss = measure(lambda: evidence_pack_pdf(history))
    record(
        "plan PDF, 20 outcomes + 20 provisions",
        plan_seconds,
        floor_name="WeasyPrint on the same HTML string",
        floor_seconds=floor,
        target=1.2,
        peak_mib=plan_rss,
    )
    record("evidence pack PDF, 3 years", pack_seconds, peak_mib=pack_rss)
