"""Unique pupil numbers (DfE): 13 characters, a check letter, then the LA number."""

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.gb import upn as stdnum_upn

_REASONS = {
    stdnum_errors.InvalidLength: "a UPN has 13 characters",
    stdnum_errors.InvalidFormat: "a UPN is a letter, 11 digits and a final digit or letter",
    stdnum_errors.InvalidComponent: "characters 2–4 are not a local authority number",
    stdnum_errors.InvalidChecksum: "the check letter does not match the rest of the number",
}


def normalise_upn(value):
    return stdnum_upn.compact(value or "")


def upn_problem(value):
    """The reason a UPN is invalid, or None when it is valid."""
    try:
        stdnum_upn.validate(value or "")
    except stdnum_errors.ValidationError as error:
        for kind, reason in _REASONS.items():
            if isinstance(error, kind):
                return reason
        return "not a valid UPN"
    return None


def validate_upn(value):
    problem = upn_problem(value)
    if problem:
        raise ValidationError(f"{value!r} is not a valid UPN: {problem}.", code="invalid_upn")


def make_upn(la_number, establishment, serial):
    """A valid UPN for the given LA number (3 digits), establishment and serial (demo data)."""
    body = f"{la_number:03d}{establishment:04d}{serial:05d}"
    return stdnum_upn.calc_check_digit(body) + body
