import pytest
from django.core.management import CommandError, call_command

from sen_register.core.models import Membership, School, User


def test_create_school_is_idempotent_on_urn(db, capsys):
    call_command("create_school", "--urn", "107001", "--name", "Hillside", "--laestab", "3734001")
    call_command("create_school", "--urn", "107001", "--name", "Hillside School")
    school = School.objects.get()
    assert (school.name, school.laestab) == ("Hillside School", "3734001")
    assert "Updated school 107001" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--urn", "12345", "--name", "X"], "--urn: A URN is six digits."),
        (
            ["--urn", "123456", "--name", "X", "--laestab", "37"],
            "--laestab: A LAESTAB is seven digits.",
        ),
        (["--urn", "123456", "--name", " "], "--name: This field cannot be blank."),
    ],
)
def test_create_school_refuses_bad_input_and_saves_nothing(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_school", *args)
    assert not School.objects.exists()


def test_create_user_gives_a_role_and_a_password_from_the_environment(school, monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "a-long-and-unusual-passphrase")
    call_command(
        "create_user",
        "--school",
        school.urn,
        "--role",
        "senco",
        "--email",
        "Sam@Hillside.test",
        "--password-from-env",
        "NEW_PASSWORD",
    )
    user = User.objects.get()
    assert user.email == "sam@hillside.test"
    assert user.check_password("a-long-and-unusual-passphrase")
    assert list(user.memberships.values_list("role", flat=True)) == ["senco"]


def test_create_user_again_adds_a_role_at_another_school(school, other_school):
    call_command("create_user", "--school", school.urn, "--role", "senco", "--email", "s@x.test")
    call_command(
        "create_user", "--school", other_school.urn, "--role", "senco", "--email", "s@x.test"
    )
    call_command(
        "create_user", "--school", other_school.urn, "--role", "senco", "--email", "s@x.test"
    )
    assert User.objects.count() == 1
    assert Membership.objects.count() == 2


def test_without_a_password_the_user_cannot_sign_in_until_they_reset_it(school):
    call_command("create_user", "--school", school.urn, "--role", "teacher", "--email", "t@x.test")
    assert not User.objects.get().has_usable_password()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--school", "999999", "--role", "senco", "--email", "a@b.test"], "no school has URN"),
        (
            ["--school", "107001", "--role", "senco", "--email", "not-an-email"],
            "is not an email address",
        ),
        (
            [
                "--school",
                "107001",
                "--role",
                "senco",
                "--email",
                "a@b.test",
                "--password-from-env",
                "UNSET_VARIABLE_X",
            ],
            "UNSET_VARIABLE_X is not set",
        ),
    ],
)
def test_create_user_refuses_bad_input_and_saves_nothing(school, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_user", *args)
    assert not User.objects.exists()


def test_create_user_refuses_a_weak_password(school, monkeypatch):
    monkeypatch.setenv("WEAK", "password1")
    with pytest.raises(CommandError, match="Password not accepted"):
        call_command(
            "create_user",
            "--school",
            school.urn,
            "--role",
            "head",
            "--email",
            "h@x.test",
            "--password-from-env",
            "WEAK",
        )
    assert not User.objects.exists()


def test_an_unknown_role_is_refused(school):
    with pytest.raises(CommandError, match="invalid choice: 'parent'"):
        call_command(
            "create_user", "--school", school.urn, "--role", "parent", "--email", "p@x.test"
        )
