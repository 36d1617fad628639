"""Reminders by email, sent by `send_reminders` once a day (cron or a systemd timer): each
SENCO a list of what is due or overdue at their school (support plan reviews, every date of
the EHC calendar, parents' views received), and each parent a request for their views two
weeks before their child's review, unless they stopped them. Each email is kept
(support_plans.SentEmail) under a key naming what it is for, so running the command twice
sends nothing twice."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from pupils.models import ParentLink
from sen_register.core.dates import in_words
from sen_register.core.models import Membership, Role, School
from support_plans.models import EmailKind, ParentViews, SentEmail, SupportPlan

from .ehc_calendar import ehc_calendar

AHEAD = timedelta(days=14)  # plan reviews listed this far ahead; parents asked this far ahead


@dataclass
class Sent:
    digests: int = 0
    parent_requests: int = 0


def send_once(*, key, kind, to, subject, body, school, pupil=None):
    """Send the email unless one with `key` was sent before. True when sent now. The record
    and the sending stand or fall together: a failed send leaves no record, to try again."""
    with transaction.atomic():
        _, created = SentEmail.objects.get_or_create(
            key=key,
            defaults={"kind": kind, "to": to, "subject": subject, "school": school, "pupil": pupil},
        )
        if created:
            send_mail(subject, body, None, [to])
    return created


def digest_lines(school, today, since):
    """What the SENCO of `school` is to look at today, a line each."""
    lines = [
        f"- Support plan review {'overdue since' if plan.next_review_on < today else 'due'} "
        f"{in_words(plan.next_review_on)}: {plan.pupil.display_name}"
        for plan in SupportPlan.objects.due_for_review(on=today + AHEAD)
        .filter(pupil__school=school)
        .select_related("pupil")
        .order_by("next_review_on")
    ]
    calendar = ehc_calendar(school, today)
    lines += [
        f"- {'Overdue since' if item.on < today else 'Due by'} {in_words(item.on)}: "
        f"{item.what}, {item.pupil.display_name}"
        for item in calendar["overdue"] + calendar["soon"]
    ]
    lines += [
        f"- Views received from a parent of {views.pupil.display_name} on "
        f"{in_words(views.submitted_at.date())}"
        for views in ParentViews.objects.filter(pupil__school=school, submitted_at__gte=since)
        .select_related("pupil")
        .order_by("submitted_at")
    ]
    return lines


def send_digests(today, base_url, now):
    sent = 0
    for school in School.objects.order_by("urn"):
        sencos = Membership.objects.filter(school=school, role=Role.SENCO, user__is_active=True)
        for membership in sencos.select_related("user"):
            senco = membership.user
            last = (
                SentEmail.objects.filter(kind=EmailKind.SENCO_DIGEST, to=senco.email, school=school)
                .order_by("-sent_at")
                .first()
            )
            lines = digest_lines(school, today, last.sent_at if last else now - timedelta(7))
            if not lines:
                continue
            home = base_url + reverse("school_home", args=[school.urn])
            sent += send_once(
                key=f"digest:{school.pk}:{senco.pk}:{today}",
                kind=EmailKind.SENCO_DIGEST,
                to=senco.email,
                subject=f"SEN register: what is due at {school.name}, {in_words(today)}",
                body="\n".join(["What is due or overdue today:", "", *lines, "", home]),
                school=school,
            )
    return sent


def send_parent_requests(today, base_url):
    """Parents asked for their views before each review due in the next two weeks."""
    sent = 0
    plans = SupportPlan.objects.active().filter(
        next_review_on__gte=today, next_review_on__lte=today + AHEAD
    )
    links = ParentLink.objects.filter(
        pupil__support_plans__in=plans, review_reminders=True, parent__is_active=True
    ).select_related("pupil__school", "parent")
    due = {plan.pupil_id: plan for plan in plans}
    for link in links:
        plan, pupil = due[link.pupil_id], link.pupil
        name = pupil.preferred_forename or pupil.legal_forename
        body = (
            f"{name}'s support plan is reviewed on {in_words(plan.next_review_on)}. The school "
            "would like your views, and your child's, before then:\n"
            f"{base_url}{reverse('send_views', args=[pupil.pk])}\n\n"
            "To stop these emails: "
            f"{base_url}{reverse('child_reminders', args=[pupil.pk])}"
        )
        sent += send_once(
            key=f"views:{plan.pk}:{plan.next_review_on}:{link.parent_id}",
            kind=EmailKind.PARENT_VIEWS,
            to=link.parent.email,
            subject=f"Your views before {name}'s review on {in_words(plan.next_review_on)}",
            body=body,
            school=pupil.school,
            pupil=pupil,
        )
    return sent


def send_reminders(today, base_url, now):
    return Sent(send_digests(today, base_url, now), send_parent_requests(today, base_url))
