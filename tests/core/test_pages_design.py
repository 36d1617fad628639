"""The patterns every page shares (GOV.UK Design System): the error summary, the navigation
fitted to the role, unique ids, confirmation before removing, the officer's labelled chart."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from support_plans.models import Outcome
from tests.factories import OutcomeFactory, SupportPlanFactory


def ids_on(html):
    return Counter(re.findall(r'\sid="([^"]+)"', html))


def nav_labels(html):
    nav = html[html.index('class="govuk-service-navigation"') :]
    nav = nav[: nav.index("</section>")]
    return re.findall(r'govuk-service-navigation__link"[^>]*>(?:<strong[^>]*>)?([^<]+)<', nav)


def test_a_failed_form_has_an_error_summary_linked_to_each_field(client_for, senco, ava):
    response = client_for(senco).post(
        reverse("criterion_add", args=[ava.pk]), {"recorded_on": "not a date"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Error: ", html)
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert ("id_recorded_on", "Enter a valid date.") in links
    # Each link leads to a control on the page, and the field says what is wrong beside it.
    for target, _message in links:
        assert f'id="{target}"' in html
    assert 'id="id_recorded_on_error"' in html
    assert 'aria-describedby="id_recorded_on_helptext id_recorded_on_error"' in html or (
        'aria-describedby="id_recorded_on_error"' in html
    )


def test_a_page_without_errors_has_no_summary_and_no_error_title(client_for, senco, ava):
    html = client_for(senco).get(reverse("criterion_add", args=[ava.pk])).content.decode()
    assert "govuk-error-summary" not in html
    assert "<title>Error:" not in html


def test_a_radio_error_links_to_the_first_choice(client_for, senco, ava):
    html = (
        client_for(senco)
        .post(reverse("decision_add", args=[ava.pk]), {"decided_on": "2025-10-01", "reason": "x"})
        .content.decode()
    )
    target = re.search(r'govuk-error-summary__list">\s*<li><a href="#([^"]+)"', html).group(1)
    assert target == "id_code_0"
    assert re.search(r'<input class="govuk-radios__input" id="id_code_0"', html)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "senco",
            [
                "Home",
                "Register",
                "Census",
                "Provision map",
                "EHC calendar",
                "Import pupils",
                "Groups",
                "Staff",
            ],
        ),
        ("head", ["Home", "Register", "Census", "Provision map", "Groups", "Staff"]),
        ("teacher", ["Home", "My pupils", "Register"]),
        ("assistant", ["Home", "My pupils", "Register"]),
        ("parent", ["Home"]),
    ],
)
def test_the_navigation_offers_only_what_the_role_may_open(
    client_for, personas, school, ava, persona, expected
):
    user = getattr(personas, persona)
    html = client_for(user).get(reverse("home"), follow=True).content.decode()
    labels = [label.strip() for label in nav_labels(html)]
    assert labels[: len(expected)] == expected
    assert user.email in labels  # the account, to change the password
    # Every link it offers opens for this user.
    client = client_for(user)
    nav = html[html.index('class="govuk-service-navigation"') :]
    for url in re.findall(r'govuk-service-navigation__link" href="([^"]+)"', nav):
        assert client.get(url, follow=True).status_code == 200, url


def test_the_officer_navigation_leads_across_their_schools(client_for, officer):
    response = client_for(officer).get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("officer")
    assert "Across your schools" in nav_labels(response.content.decode())


def test_the_current_page_is_marked_in_the_navigation(client_for, senco, school):
    html = client_for(senco).get(reverse("census", args=[school.urn])).content.decode()
    current = re.findall(r'href="([^"]+)" aria-current="page"', html)
    assert current == [reverse("census", args=[school.urn])]


def test_every_id_on_the_census_page_is_unique(client_for, senco, school):
    html = client_for(senco).get(reverse("census", args=[school.urn])).content.decode()
    assert [name for name, n in ids_on(html).items() if n > 1] == []


def test_removing_an_outcome_asks_first_and_removes_nothing_until_confirmed(client_for, senco, ava):
    plan = SupportPlanFactory(pupil=ava, state="draft")
    outcome = OutcomeFactory(plan=plan, what_will_change="Reads a page aloud")
    client = client_for(senco)
    url = reverse("outcome_remove", args=[plan.pk, outcome.pk])
    plan_page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert f'href="{url}"' in plan_page  # a link to the question, not a button that removes
    asked = client.get(url)
    assert asked.status_code == 200
    assert "Remove this outcome from the draft?" in asked.content.decode()
    assert "Reads a page aloud" in asked.content.decode()
    assert Outcome.objects.filter(pk=outcome.pk).exists()
    client.post(url)
    assert not Outcome.objects.filter(pk=outcome.pk).exists()


def visible_text(html):
    body = html[html.index("<main") :]
    return re.sub(r"<[^>]+>", " ", body)


def test_dates_read_in_one_way_in_words(client_for, senco, ava):
    """Dates as "1 October 2025" on every page: never an ISO date or a shortened month."""
    from datetime import date

    from tests.factories import EHCPlanFactory, NeedAssessmentFactory

    NeedAssessmentFactory(pupil=ava, level=3, assessed_on=date(2025, 10, 1))
    EHCPlanFactory(pupil=ava, issued_on=date(2025, 11, 3))
    plan = SupportPlanFactory(pupil=ava, starts_on=date(2025, 10, 6))
    OutcomeFactory(plan=plan, target_on=date(2026, 2, 13))
    client = client_for(senco)
    urls = [
        reverse("pupil_record", args=[ava.pk]),
        reverse("pupil_history", args=[ava.pk]),
        reverse("plan", args=[plan.pk]),
    ]
    short_month = r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    for url in urls:
        text = visible_text(client.get(url).content.decode())
        assert re.findall(r"\b\d{4}-\d\d-\d\d\b", text) == [], url
        assert re.findall(short_month, text) == [], url
    record = visible_text(client.get(reverse("pupil_record", args=[ava.pk])).content.decode())
    assert "1 October 2025" in record and "EHC plan issued 3 November 2025" in record


def test_a_teacher_is_not_shown_the_schools_census_numbers(client_for, teacher, senco, school):
    assert (
        f"URN {school.urn}"
        not in client_for(teacher).get(reverse("school_home", args=[school.urn])).content.decode()
    )
    assert (
        f"URN {school.urn}"
        in client_for(senco).get(reverse("school_home", args=[school.urn])).content.decode()
    )
