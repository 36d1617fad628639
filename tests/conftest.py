"""Named personas, each with a comment saying what docs/who-sees-what.md lets them see.

The pupil `ava` is in form 8B, taught by `teacher`, and is the child of `parent`. She is also
in the maths set 8M2, taught by `subject_teacher` and supported by `assistant`. `noah` is at
the same school in another form and no set, with no link to `parent`.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.auth import sign_in
from tests.census.random_histories import random_schools  # noqa: F401 (a fixture)
from tests.factories import (
    ClassGroupFactory,
    MembershipFactory,
    ParentLinkFactory,
    PupilFactory,
    SchoolFactory,
    UserFactory,
)


@pytest.fixture
def school(db):
    return SchoolFactory(urn="107001", name="Hillside School", laestab="3734001")


@pytest.fixture
def other_school(db):
    return SchoolFactory(urn="107002", name="Valley School", laestab="3734002")


@pytest.fixture
def class_8b(school):
    return ClassGroupFactory(school=school, name="8B")


@pytest.fixture
def class_9c(school):
    return ClassGroupFactory(school=school, name="9C")


@pytest.fixture
def ava(school, class_8b):
    return PupilFactory(school=school, class_group=class_8b, legal_forename="Ava")


@pytest.fixture
def noah(school, class_9c):
    return PupilFactory(school=school, class_group=class_9c, legal_forename="Noah")


@pytest.fixture
def senco(school):
    """Sees and edits every pupil of the school."""
    return MembershipFactory(school=school, role="senco", user__email="senco@hillside.test").user


@pytest.fixture
def teacher(school, class_8b):
    """Sees the pupils of 8B only; adds review notes for them."""
    user = MembershipFactory(
        school=school, role="teacher", user__email="teacher@hillside.test"
    ).user
    class_8b.teachers.add(user)
    return user


@pytest.fixture
def maths_set(school, ava):
    group = ClassGroupFactory(school=school, name="8M2", kind="set")
    group.members.add(ava)
    return group


@pytest.fixture
def subject_teacher(school, maths_set):
    """Teaches Ava in a maths set, not her form: sees her as her form tutor does."""
    user = MembershipFactory(school=school, role="teacher", user__email="maths@hillside.test").user
    maths_set.teachers.add(user)
    return user


@pytest.fixture
def assistant(school, maths_set):
    """A teaching assistant supporting Ava's maths set: sees her needs and plans, adds notes,
    never edits the register."""
    user = MembershipFactory(school=school, role="assistant", user__email="ta@hillside.test").user
    maths_set.teachers.add(user)
    return user


@pytest.fixture
def head(school):
    """Sees every pupil of the school, read-only; census."""
    return MembershipFactory(school=school, role="head", user__email="head@hillside.test").user


@pytest.fixture
def parent(ava):
    """Sees only their own child, Ava, and only what parents may see of her."""
    return ParentLinkFactory(pupil=ava, parent__email="parent@home.test").parent


@pytest.fixture
def officer(school):
    """Sees figures for the school, never a pupil by name."""
    return MembershipFactory(school=school, role="officer", user__email="officer@la.test").user


@pytest.fixture
def other_senco(other_school):
    """SENCO of another school: sees nothing of this one."""
    return MembershipFactory(
        school=other_school, role="senco", user__email="senco@valley.test"
    ).user


@pytest.fixture
def personas(senco, teacher, head, parent, officer, other_senco, subject_teacher, assistant):
    return SimpleNamespace(
        senco=senco,
        teacher=teacher,
        subject_teacher=subject_teacher,
        assistant=assistant,
        head=head,
        parent=parent,
        officer=officer,
        other_senco=other_senco,
        anonymous=AnonymousUser(),
    )


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (or anonymous)."""

    def signed_in_as(user):
        client.logout()
        if user is not None and user.is_authenticated:
            sign_in(client, user)
        return client

    return signed_in_as


@pytest.fixture
def a_user(db):
    return UserFactory()
