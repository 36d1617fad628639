import pytest
from django.core.exceptions import ValidationError

from pupils.upn import make_upn, normalise_upn, upn_problem, validate_upn

KNOWN_GOOD = "N373400112345"


def dfe_check_letter(body):
    """The DfE's rule, written out independently of the library: digits weighted 2 to 13,
    summed, modulo 23, read from the alphabet without I, O and S."""
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    return letters[sum(weight * int(d) for weight, d in enumerate(body, start=2)) % 23]


def test_the_known_upn_has_the_check_letter_the_dfe_rule_gives():
    assert dfe_check_letter(KNOWN_GOOD[1:]) == KNOWN_GOOD[0]


def test_a_upn_with_the_right_check_letter_is_valid():
    assert upn_problem(KNOWN_GOOD) is None
    validate_upn(KNOWN_GOOD)


def test_a_wrong_check_letter_is_named_as_the_problem():
    assert upn_problem("A373400112345") == "the check letter does not match the rest of the number"
    with pytest.raises(ValidationError, match="check letter"):
        validate_upn("A373400112345")


@pytest.mark.parametrize(
    ("upn", "reason"),
    [
        ("N37340011234", "a UPN has 13 characters"),
        ("N3734001123456", "a UPN has 13 characters"),
        ("N37340011234!", "a UPN is a letter, 11 digits and a final digit or letter"),
        ("A000400112345", "characters 2–4 are not a local authority number"),
    ],
)
def test_malformed_upns_say_what_is_wrong(upn, reason):
    assert upn_problem(upn) == reason


def test_lower_case_and_spaces_are_tidied():
    assert normalise_upn(" n373400112345 ") == KNOWN_GOOD


def test_made_upns_are_valid_for_every_serial():
    for serial in range(1, 500):
        upn = make_upn(373, 4001, serial)
        assert upn_problem(upn) is None
        assert upn[0] == dfe_check_letter(upn[1:])
