"""Parents see only their own children, never drafts or staff notes; they are invited by a
one-time link that expires; they send their views before a review."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from pupils.models import ParentInvitation, ParentLink, StrandDescriptor
from sen_register.core.models import User
from support_plans.models import ParentViews, Review, ReviewNote
from tests.factories import (
    MembershipFactory,
    NeedAssessmentFactory,
    OutcomeFactory,
    ParentLinkFactory,
    ProvisionFactory,
    SupportPlanFactory,
)


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Invite through the form; the email goes when the transaction commits."""

    def send(client, pupil, email="carer@home.test", relationship="carer"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("parent_invite", args=[pupil.pk]),
                {"email": email, "relationship": relationship},
            )

    return send


def link_in(message):
    return re.search(r"http://testserver(/accounts/invitation/\S+/)", message.body).group(1)


def test_a_senco_invites_a_parent_who_sets_a_password_once(client_for, senco, ava, client, invite):
    response = invite(client_for(senco), ava)
    assert response.status_code == 302
    carer = User.objects.get(email="carer@home.test")
    assert not carer.has_usable_password()
    assert ParentLink.objects.filter(parent=carer, pupil=ava, relationship="carer").exists()
    assert ParentInvitation.objects.get().invited_by == senco
    (message,) = mail.outbox
    assert message.to == ["carer@home.test"]
    assert "Hillside School" in message.subject and ava.display_name in message.body
    link = link_in(message)

    client.logout()
    form_page = client.get(link, follow=True)
    assert "Choose your password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "a-long-family-passphrase", "new_password2": "a-long-family-passphrase"},
    )
    assert done.url == reverse("invitation_done")
    carer.refresh_from_db()
    assert carer.check_password("a-long-family-passphrase")

    # The link works once.
    again = client.get(link, follow=True)
    assert "already been used or has expired" in again.content.decode()


def test_an_invitation_link_expires(client_for, senco, ava, client, settings, monkeypatch, invite):
    from django.contrib.auth.tokens import default_token_generator

    invite(client_for(senco), ava)
    link = link_in(mail.outbox[0])
    # Four days later (the link lasts three).
    later = default_token_generator._now() + datetime.timedelta(days=4)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    client.logout()
    page = client.get(link, follow=True)
    assert "already been used or has expired" in page.content.decode()


def test_a_child_can_have_two_parents(client_for, senco, parent, ava, invite):
    invite(client_for(senco), ava, email="second@home.test", relationship="father")
    assert ava.parent_links.count() == 2


def test_inviting_a_parent_who_already_has_access_says_so(client_for, senco, parent, ava, invite):
    response = invite(client_for(senco), ava, email=parent.email)
    assert response.context["form"].errors["email"] == [
        f"{parent.email} can already see {ava.display_name}'s plans."
    ]
    assert mail.outbox == []


def test_a_bad_email_is_refused(client_for, senco, ava, invite):
    response = invite(client_for(senco), ava, email="not an email")
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert not ParentInvitation.objects.exists()


@pytest.mark.parametrize("role", ["officer", "senco", "teacher", "head"])
def test_a_staff_or_officer_account_cannot_be_invited_as_a_parent(
    client_for, senco, ava, other_school, invite, role
):
    staff = MembershipFactory(school=other_school, role=role, user__email="staff@valley.test").user
    response = invite(client_for(senco), ava, email="Staff@Valley.test")
    assert "staff or officer account" in response.context["form"].errors["email"][0]
    assert not ParentLink.objects.filter(parent=staff).exists()
    assert not ParentInvitation.objects.exists() and mail.outbox == []


def test_an_existing_account_sees_the_child_only_once_its_holder_accepts(
    client_for, senco, parent, noah, invite
):
    invite(client_for(senco), noah, email=parent.email, relationship="mother")
    assert not ParentLink.objects.filter(parent=parent, pupil=noah).exists()
    assert "accept the invitation" in mail.outbox[0].body
    client = client_for(parent)
    assert client.get(reverse("child", args=[noah.pk])).status_code == 404
    home = client.get(reverse("home")).content.decode()
    assert f"to see <strong>{noah.display_name}</strong>" in home
    invitation = ParentInvitation.objects.get(pupil=noah)
    client.post(reverse("invitation_respond", args=[invitation.pk]), {"answer": "accept"})
    assert client.get(reverse("child", args=[noah.pk])).status_code == 200
    assert ParentLink.objects.get(parent=parent, pupil=noah).relationship == "mother"


def test_a_declined_invitation_links_nothing_and_is_kept(client_for, senco, parent, noah, invite):
    invite(client_for(senco), noah, email=parent.email)
    invitation = ParentInvitation.objects.get(pupil=noah)
    client = client_for(parent)
    client.post(reverse("invitation_respond", args=[invitation.pk]), {"answer": "decline"})
    assert not ParentLink.objects.filter(parent=parent, pupil=noah).exists()
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert f"{noah.display_name}</strong>" not in client.get(reverse("home")).content.decode()


def test_nobody_else_can_answer_an_invitation(client_for, senco, parent, noah, invite):
    invite(client_for(senco), noah, email=parent.email)
    invitation = ParentInvitation.objects.get(pupil=noah)
    stranger = User.objects.create_user(email="stranger@home.test", password="x-long-password")
    url = reverse("invitation_respond", args=[invitation.pk])
    assert client_for(stranger).post(url, {"answer": "accept"}).status_code == 404
    assert client_for(senco).post(url, {"answer": "accept"}).status_code == 404
    assert not ParentLink.objects.filter(pupil=noah).exists()


def test_a_parent_who_later_joins_the_staff_cannot_accept(
    client_for, senco, parent, noah, school, invite
):
    invite(client_for(senco), noah, email=parent.email)
    invitation = ParentInvitation.objects.get(pupil=noah)
    MembershipFactory(user=parent, school=school, role="teacher")
    response = client_for(parent).post(
        reverse("invitation_respond", args=[invitation.pk]), {"answer": "accept"}
    )
    assert response.status_code == 403
    assert not ParentLink.objects.filter(parent=parent, pupil=noah).exists()


@pytest.fixture
def ava_plans(ava):
    past = SupportPlanFactory(
        pupil=ava,
        version=1,
        state="superseded",
        starts_on=datetime.date(2025, 1, 6),
        ended_on=datetime.date(2025, 9, 15),
    )
    active = SupportPlanFactory(
        pupil=ava, version=2, state="active", starts_on=datetime.date(2025, 9, 15)
    )
    draft = SupportPlanFactory(
        pupil=ava, version=3, state="draft", starts_on=None, about_me="DRAFT WORDING"
    )
    outcome = OutcomeFactory(plan=active, what_will_change="Reads 30 more words")
    ProvisionFactory(plan=active, what="Precision teaching")
    OutcomeFactory(plan=draft, what_will_change="A draft outcome parents must not see")
    ReviewNote.objects.create(
        outcome=outcome, written_on=datetime.date(2025, 10, 1), text="STAFF ONLY: tired after PE"
    )
    shared = Review.objects.create(
        plan=past,
        held_on=datetime.date(2025, 7, 10),
        attended_by="SENCO, mother",
        decision="new_plan",
        summary="Good year; new targets.",
        shared_with_parents=True,
    )
    Review.objects.create(
        plan=past,
        held_on=datetime.date(2025, 4, 1),
        attended_by="SENCO",
        decision="continue",
        summary="NOT SHARED summary",
        shared_with_parents=False,
    )
    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=datetime.date(2025, 9, 1))
    return {"past": past, "active": active, "draft": draft, "shared": shared}


def test_the_parent_sees_the_plan_in_plain_language(client_for, parent, ava, ava_plans):
    page = client_for(parent).get(reverse("child", args=[ava.pk])).content.decode()
    assert "Reads 30 more words" in page and "Precision teaching" in page
    assessed = ava.assessments.get()
    meaning = StrandDescriptor.objects.get(strand=assessed.strand, level=3).text
    assert f"level 3, regular additional support. {meaning}" in page
    assert "Good year; new targets." in page
    assert reverse("child_plan", args=[ava.pk, ava_plans["past"].pk]) in page
    assert reverse("plan_pdf", args=[ava_plans["active"].pk]) in page


def test_drafts_unshared_reviews_and_staff_notes_never_reach_a_parent(
    client_for, parent, ava, ava_plans
):
    client = client_for(parent)
    pages = [
        client.get(reverse("child", args=[ava.pk])).content.decode(),
        client.get(reverse("child_plan", args=[ava.pk, ava_plans["active"].pk])).content.decode(),
        client.get(reverse("child_plan", args=[ava.pk, ava_plans["past"].pk])).content.decode(),
    ]
    for page in pages:
        for secret in ("DRAFT WORDING", "A draft outcome", "STAFF ONLY", "NOT SHARED"):
            assert secret not in page
    assert (
        client.get(reverse("child_plan", args=[ava.pk, ava_plans["draft"].pk])).status_code == 404
    )
    assert client.get(reverse("plan_pdf", args=[ava_plans["draft"].pk])).status_code == 404


def test_guessing_identifiers_gives_404(client_for, parent, noah, ava, ava_plans):
    client = client_for(parent)
    noah_plan = SupportPlanFactory(pupil=noah)
    for url in (
        reverse("child", args=[noah.pk]),
        reverse("child_plan", args=[noah.pk, noah_plan.pk]),
        reverse("child_plan", args=[ava.pk, noah_plan.pk]),
        reverse("plan_pdf", args=[noah_plan.pk]),
        reverse("send_views", args=[noah.pk]),
        reverse("pupil_record", args=[noah.pk]),
        reverse("child", args=[999999]),
        reverse("plan_pdf", args=[999999]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_parent_sends_views_the_senco_sees_them_on_the_review(
    client_for, parent, senco, ava, ava_plans
):
    response = client_for(parent).post(
        reverse("send_views", args=[ava.pk]),
        {"parent_views": "She is happier at school.", "child_views": "I like the reading club."},
    )
    assert response.status_code == 302
    views = ParentViews.objects.get()
    assert (views.plan, views.submitted_by) == (ava_plans["active"], parent)
    review_form = (
        client_for(senco).get(reverse("review_add", args=[ava_plans["active"].pk])).content.decode()
    )
    assert "She is happier at school." in review_form and "I like the reading club." in review_form


def test_empty_views_are_not_sent(client_for, parent, ava):
    response = client_for(parent).post(
        reverse("send_views", args=[ava.pk]), {"parent_views": "   "}
    )
    assert response.context["form"].errors["parent_views"] == ["This field is required."]
    assert not ParentViews.objects.exists()


def test_a_parent_of_two_children_sees_both(client_for, parent, noah):
    ParentLinkFactory(parent=parent, pupil=noah)
    page = client_for(parent).get(reverse("home")).content.decode()
    assert reverse("child", args=[noah.pk]) in page
    assert client_for(parent).get(reverse("child", args=[noah.pk])).status_code == 200
