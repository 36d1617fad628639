"""Seeding the demo: the demo school with one login per role (`make run`), and an
authority-sized set of schools for the officer's view and the benchmarks."""

from pupils.changes import batched
from pupils.models import ClassGroup, ParentLink, Pupil
from sen_register.core.models import Membership, Role, School, User

from .school import SHEFFIELD_LA, DemoSchoolBuilder

DEMO_URN = "999001"
DEMO_PASSWORD = "sen-demo-password"
DEMO_LOGINS = {
    "senco": "senco@example.org",
    "teacher": "teacher@example.org",
    "head": "head@example.org",
    "parent": "parent@example.org",
    "officer": "officer@example.org",
}


def create_demo_logins(school, today):
    """One login per role, all with the demo password, on the demo school."""
    users = {}
    for role, email in DEMO_LOGINS.items():
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name={"senco": "Sam", "teacher": "Taylor", "head": "Hilary"}.get(role, ""),
            last_name="Demo",
        )
        users[role] = user
        if role in {"senco", "teacher", "head", "officer"}:
            Membership.objects.create(user=user, school=school, role=role)
    # The demo teacher tutors two forms that hold pupils with needs.
    for name in ("8B", "10D"):
        ClassGroup.objects.get(school=school, name=name).teachers.add(users["teacher"])
    # The demo parent has two children: one at SEN support, one with no SEN.
    sen_child = (
        Pupil.objects.at(school)
        .on_roll(on=today)
        .filter(support_plans__state="superseded", ehc_plans__isnull=True)
        .order_by("upn")
        .first()
    )
    sibling = (
        Pupil.objects.at(school)
        .on_roll(on=today)
        .filter(assessments__isnull=True)
        .exclude(nc_year=sen_child.nc_year)
        .order_by("upn")
        .first()
    )
    for child in (sen_child, sibling):
        child.legal_surname = "Demo"
        child.save(update_fields=["legal_surname"])
        ParentLink.objects.create(parent=users["parent"], pupil=child, relationship="mother")
    return users


def seed_demo(today):
    """Build the demo school and logins unless they are already there. True if built."""
    if School.objects.filter(urn=DEMO_URN).exists():
        return False
    with batched():
        school = DemoSchoolBuilder(
            urn=DEMO_URN,
            name="Riverside Academy (demo)",
            laestab=f"{SHEFFIELD_LA}4999",
            pupils=650,
            today=today,
        ).build()
        create_demo_logins(school, today)
    return True


PLACES = (
    "Abbeydale Ashford Beighton Birley Broomhill Crookes Darnall Dore Ecclesall Firth "
    "Fulwood Gleadless Greenhill Handsworth Heeley Hillsborough Intake Jordanthorpe Loxley "
    "Malin Meersbrook Millhouses Nether Norton Owlerton Parson Richmond Sharrow Shiregreen "
    "Stannington Totley Walkley"
).split()


def seed_authority(today, *, schools, pupils, report=print):
    """The demo school and `schools - 1` more of `pupils` each, every one covered by the demo
    officer: an authority-sized data set for the officer's view and the benchmarks. Schools
    already there are kept; each new school is built in one transaction of bulk inserts."""
    seed_demo(today)
    officer = User.objects.get(email=DEMO_LOGINS["officer"])
    built = 0
    for index in range(1, schools):
        urn = f"{int(DEMO_URN) + index:06d}"
        if not School.objects.filter(urn=urn).exists():
            place = PLACES[index % len(PLACES)]
            with batched():
                school = DemoSchoolBuilder(
                    urn=urn,
                    name=f"{place} School {index} (demo)",
                    laestab=f"{SHEFFIELD_LA}{4999 - index:04d}",
                    pupils=pupils,
                    today=today,
                    seed=2026 + index,
                ).build()
                Membership.objects.create(user=officer, school=school, role=Role.OFFICER)
            built += 1
            if built % 10 == 0:
                report(f"  {built} schools built")
    return built
