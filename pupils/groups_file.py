"""Importing teaching groups from a file (docs/formats.md): CSV or .xlsx, one row a pupil in
a group or a member of staff linked to it, as `upn,group,staff_email` or an MIS class list's
own headings ("Class", "UPN", "Teacher email").

All or nothing, as the register import: every problem is named `row N, column C: message`
and nothing is written unless the whole file reads cleanly. Groups not yet known are made
(as subject classes unless a `kind` column says otherwise). Without `replace`, the file adds
to what the groups hold; with it, each group the file names holds exactly what the file says.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from sen_register.core import access
from sen_register.core.models import Membership, User
from sen_register.core.spreadsheet_in import SpreadsheetError, read_table

from .models import ClassGroup, GroupKind, Pupil
from .register_file import MAX_LISTED, RegisterFileError
from .staff import record_change
from .upn import normalise_upn

COLUMNS = ["group", "upn", "staff_email", "kind"]
ALIASES = {
    "class": "group",
    "class_name": "group",
    "classname": "group",
    "group_name": "group",
    "teaching_group": "group",
    "set": "group",
    "pupil_upn": "upn",
    "email": "staff_email",
    "staff": "staff_email",
    "teacher": "staff_email",
    "teacher_email": "staff_email",
    "staff_email_address": "staff_email",
    "group_kind": "kind",
    "type": "kind",
}
KINDS = {value: value for value in GroupKind.values} | {
    label.lower(): value for value, label in GroupKind.choices
}
NAME_MAX_LENGTH = 20


def column_of(heading):
    name = re.sub(r"[^a-z0-9]+", "_", heading.strip().lower()).strip("_")
    return ALIASES.get(name, name)


@dataclass
class GroupsSummary:
    groups_added: list[str] = field(default_factory=list)
    pupils_placed: int = 0
    staff_linked: int = 0
    removed: int = 0

    @property
    def lines(self):
        lines = [
            f"{len(self.groups_added)} group{'s' * (len(self.groups_added) != 1)} added"
            + (f": {', '.join(self.groups_added)}" if self.groups_added else ""),
            f"{self.pupils_placed} pupil{'s' * (self.pupils_placed != 1)} placed in groups",
            f"{self.staff_linked} link{'s' * (self.staff_linked != 1)} of staff to groups made",
        ]
        if self.removed:
            lines.append(f"{self.removed} earlier place{'s' * (self.removed != 1)} removed")
        return lines


def read(school, raw_bytes):
    """The file's wanted groups as {name: (kind or None, {pupil ids}, {user ids})}; raises
    RegisterFileError naming every problem."""
    try:
        headings, rows = read_table(raw_bytes)
    except SpreadsheetError as error:
        raise RegisterFileError([f"row 1, column -: {error}"]) from None
    header = [column_of(h) for h in headings]
    problems = []
    unknown = [h for h, name in zip(headings, header, strict=True) if name not in COLUMNS]
    if unknown:
        problems.append(
            f"row 1, column {', '.join(unknown)}: unknown column (known: {', '.join(COLUMNS)})"
        )
    if "group" not in header:
        problems.append("row 1, column group: required column is missing")
    if not {"upn", "staff_email"} & set(header):
        problems.append("row 1, column upn: a upn or a staff_email column is required")
    if problems:
        raise RegisterFileError(problems)
    pupils = dict(Pupil.objects.at(school).values_list("upn", "pk"))
    staff = _group_staff(school)
    wanted = defaultdict(lambda: [None, set(), set()])
    for number, cells in rows:
        if not isinstance(cells, list):
            problems.append(f"row {number}, column -: {cells}")
            break
        if not any(c.strip() for c in cells):
            continue
        values = dict(zip(header, (c.strip() for c in cells), strict=False))
        _read_row(number, values, wanted, pupils, staff, problems)
    if problems:
        raise RegisterFileError(problems[:MAX_LISTED], total=len(problems))
    return {name: tuple(entry) for name, entry in wanted.items()}


def _group_staff(school):
    """{email: user id} of the school's teachers and teaching assistants."""
    return dict(
        Membership.objects.filter(school=school, role__in=access.GROUP_ROLES).values_list(
            "user__email", "user_id"
        )
    )


def _read_row(number, values, wanted, pupils, staff, problems):
    def problem(column, message):
        problems.append(f"row {number}, column {column}: {message}")

    name = values.get("group", "")
    if not name:
        return problem("group", "a group name is required")
    if len(name) > NAME_MAX_LENGTH:
        return problem("group", f"longer than {NAME_MAX_LENGTH} characters")
    entry = wanted[name]
    kind = values.get("kind", "").lower()
    if kind:
        if kind not in KINDS:
            return problem("kind", f"{kind!r} is not a kind of group ({', '.join(KINDS)})")
        entry[0] = KINDS[kind]
    upn = normalise_upn(values.get("upn", ""))
    if upn:
        if upn not in pupils:
            return problem("upn", f"{upn} is not a pupil of this school (import them first)")
        entry[1].add(pupils[upn])
    email = values.get("staff_email", "").lower()
    if email:
        if email not in staff:
            return problem(
                "staff_email",
                f"{email} is not a teacher or teaching assistant here (invite them first)",
            )
        entry[2].add(staff[email])
    if not upn and not email:
        problem("upn", "each row needs a upn or a staff_email")


@transaction.atomic
def apply(school, wanted, *, replace, by):
    summary = GroupsSummary()
    groups = {g.name: g for g in ClassGroup.objects.filter(school=school, name__in=wanted)}
    for name, (kind, pupil_ids, user_ids) in sorted(wanted.items()):
        group = groups.get(name)
        if group is None:
            group = ClassGroup.objects.create(
                school=school, name=name, kind=kind or GroupKind.CLASS
            )
            summary.groups_added.append(name)
        elif kind and group.kind != kind:
            group.kind = kind
            group.save(update_fields=["kind"])
        members = set(group.members.values_list("pk", flat=True))
        linked = set(group.teachers.values_list("pk", flat=True))
        if replace:
            summary.removed += len(members - pupil_ids) + len(linked - user_ids)
            group.members.remove(*(members - pupil_ids))
            _unlink(school, group, linked - user_ids, by)
        group.members.add(*(pupil_ids - members))
        summary.pupils_placed += len(pupil_ids - members)
        _link(school, group, user_ids - linked, by)
        summary.staff_linked += len(user_ids - linked)
    return summary


def _link(school, group, user_ids, by):
    group.teachers.add(*user_ids)
    _record(school, group, user_ids, by, "Linked to")


def _unlink(school, group, user_ids, by):
    group.teachers.remove(*user_ids)
    _record(school, group, user_ids, by, "Unlinked from")


def _record(school, group, user_ids, by, verb):
    for user in User.objects.filter(pk__in=user_ids):
        record_change(school, by, user, f"{verb} {group.name} (groups file)")
