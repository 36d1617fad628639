"""The one access policy (docs/who-sees-what.md). Views and querysets ask it; none
re-implements it. The helpers that fetch a pupil, a plan or an invitation for a user live
beside their models (pupils.access, support_plans.access) and apply the rules here, so this
module, at the bottom of the layers, imports no app above it.

A user stands in some *capacities* towards a pupil: SENCO or head of the pupil's school,
teacher or teaching assistant of a group the pupil is in (their form group, or any subject
class, set or intervention group that lists them), parent of the pupil. An officer has none:
officers see figures, never a pupil by name. Each action lists the capacities that may take
it.

Outside their rights a user gets 404 for a pupil or school they cannot see (nothing leaks
that it exists) and 403 for an action they cannot take on one they can see.

What a user holds is read once per request and kept on the user object, so a page asks the
database the same number of times however many pupils it shows.
"""

from typing import Any, Protocol, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Membership, Role, School, User

AnyUser = User | AnonymousUser


class PupilLike(Protocol):
    """What the policy reads of a pupil. The core sits below the pupils app and never imports
    it, so it names only these."""

    pk: Any
    school_id: Any
    class_group_id: Any  # the form group; other groups list the pupil among their members


P = TypeVar("P", bound=PupilLike)


class PlanLike(Protocol):
    """What the policy reads of a support plan: whose it is."""

    pupil: Any


PL = TypeVar("PL", bound=PlanLike)


class GroupLike(Protocol):
    """What the policy reads of a teaching group: its id and school."""

    pk: Any
    school_id: Any


G = TypeVar("G", bound=GroupLike)
T = TypeVar("T")  # an invitation: the policy reads nothing of it but that it exists

SENCO, TEACHER, HEAD, OFFICER = Role.SENCO, Role.TEACHER, Role.HEAD, Role.OFFICER
ASSISTANT = Role.ASSISTANT
PARENT = "parent"
STAFF_ROLES = (SENCO, TEACHER, ASSISTANT, HEAD)  # the roles that work with pupils by name
GROUP_ROLES = (TEACHER, ASSISTANT)  # see the pupils of the groups they are linked to
# The roles a SENCO or head may give in the browser. Officers are set up by the authority.
SCHOOL_STAFF_ROLES = (SENCO, TEACHER, ASSISTANT, HEAD)

# What each capacity may do with one pupil.
PUPIL_ACTIONS: dict[str, set[str]] = {
    "view_record": {SENCO, HEAD, TEACHER, ASSISTANT},  # the staff record: grid, needs
    "edit_sen_record": {SENCO},  # grid, needs, plans, reviews, decisions
    "edit_details": {SENCO, HEAD},  # name, date of birth, year, groups, leaving the roll
    "add_review_note": {SENCO, TEACHER, ASSISTANT},
    "see_drafts_and_staff_notes": {SENCO, TEACHER, ASSISTANT, HEAD},
    "download_plan_pdf": {SENCO, TEACHER, ASSISTANT, HEAD, PARENT},
    "send_views_before_review": {PARENT},
    "parent_pages": {PARENT},  # the child's plans in plain language, for their own parents
    # Documents kept with the record: staff open every one, parents those shared with them.
    "read_shared_documents": {SENCO, HEAD, TEACHER, ASSISTANT, PARENT},
    "read_staff_documents": {SENCO, HEAD, TEACHER, ASSISTANT},
    "evidence_pack": {SENCO, HEAD},
    "read_access_log": {SENCO, HEAD},
}

# What each role may do at a school.
SCHOOL_ACTIONS: dict[str, set[str]] = {
    "view_school_home": {SENCO, TEACHER, ASSISTANT, HEAD, OFFICER},
    # A teacher's or assistant's register holds only the pupils of their groups.
    "view_register": {SENCO, TEACHER, ASSISTANT, HEAD},
    "census": {SENCO, HEAD},
    "aggregates": {SENCO, HEAD, OFFICER},
    "provision_map": {SENCO, HEAD},
    "ehc_calendar": {SENCO},  # every statutory date of the school's EHC work, to act on
    "import_register": {SENCO},
    "transfer_pupils": {SENCO},  # Common Transfer Files, out and in
    "school_details": {SENCO, HEAD},  # the school's type, SEN unit, resourced provision
    "my_pupils": {TEACHER, ASSISTANT},
    # Moderation across schools: officers draw samples of anonymised cases and judge them;
    # only the school's SENCO turns a sample id back into the pupil.
    "moderate": {OFFICER},
    "moderation_outcomes": {SENCO},
    "add_pupils": {SENCO, HEAD},
    "manage_staff": {SENCO, HEAD},
    "manage_groups": {SENCO, HEAD},
}


# What each capacity may do with a whole teaching group: its SENCO and head with any group at
# their school, a teacher or assistant with the groups they are linked to.
GROUP_ACTIONS: dict[str, set[str]] = {
    "group_passports": {SENCO, HEAD, TEACHER, ASSISTANT},  # one PDF of the group's passports
}


class _Holdings:
    """Everything about a user that the policy needs, each part read at most once."""

    def __init__(self, user: AnyUser) -> None:
        # Only a signed-in, active account holds anything (an AnonymousUser is never a User).
        self.user: User | None = user if isinstance(user, User) and user.is_active else None
        self.roles_by_school: dict[int, set[str]] = {}
        self.urn_of: dict[int, str] = {}  # for the page header's links, in the same query
        self._taught_class_ids: set[int] | None = None
        self._taught_member_ids: set[int] | None = None
        self._child_ids: set[int] | None = None
        if self.user:
            for school_id, urn, role in Membership.objects.filter(user=self.user).values_list(
                "school_id", "school__urn", "role"
            ):
                self.roles_by_school.setdefault(school_id, set()).add(role)
                self.urn_of[school_id] = urn

    def schools_with(self, *roles: str) -> list[int]:
        return sorted(
            school_id
            for school_id, held in self.roles_by_school.items()
            if held.intersection(roles)
        )

    def taught_groups(self) -> Any:
        """The groups this user is linked to at schools where they teach or assist (a
        queryset, or None when they do neither anywhere)."""
        teaching_schools = self.schools_with(*GROUP_ROLES)
        if self.user is None or not teaching_schools:
            return None
        return self.user.taught_class_groups.filter(school_id__in=teaching_schools)

    def taught_classes(self) -> set[int]:
        # Read only when asked: most pages for SENCOs and heads never need it.
        if self._taught_class_ids is None:
            groups = self.taught_groups()
            self._taught_class_ids = (
                set() if groups is None else set(groups.values_list("id", flat=True))
            )
        return self._taught_class_ids

    def taught_members(self) -> set[int]:
        """The pupils listed as members of this user's groups (form groups reach their
        pupils through Pupil.class_group instead)."""
        if self._taught_member_ids is None:
            groups = self.taught_groups()
            self._taught_member_ids = (
                set()
                if groups is None
                else set(groups.filter(members__isnull=False).values_list("members", flat=True))
            )
        return self._taught_member_ids

    def children(self) -> set[int]:
        if self._child_ids is None:
            self._child_ids = (
                set(self.user.parent_links.values_list("pupil_id", flat=True))
                if self.user
                else set()
            )
        return self._child_ids


def holdings(user: AnyUser) -> _Holdings:
    cached = getattr(user, "_sen_holdings", None)
    if cached is None:
        cached = _Holdings(user)
        if user.is_authenticated:
            setattr(user, "_sen_holdings", cached)  # noqa: B010 (read back by getattr above)
    return cached


def roles_at(user: AnyUser, school: School) -> frozenset[str]:
    return frozenset(holdings(user).roles_by_school.get(school.pk, ()))


def _staff_capacities(user: AnyUser, pupil: PupilLike) -> set[str]:
    """The capacities `user` holds towards `pupil` through a role at their school."""
    held = holdings(user)
    roles = held.roles_by_school.get(pupil.school_id, set())
    found = set(roles & {SENCO, HEAD})
    group_roles = roles.intersection(GROUP_ROLES)
    if group_roles and (
        pupil.class_group_id in held.taught_classes() or pupil.pk in held.taught_members()
    ):
        found |= group_roles
    return found


def _is_parent_of(user: AnyUser, pupil: PupilLike) -> bool:
    return pupil.pk in holdings(user).children()


def capacities(user: AnyUser, pupil: PupilLike) -> set[str]:
    """The capacities in which `user` stands towards `pupil` (empty: cannot see them)."""
    found = _staff_capacities(user, pupil)
    if _is_parent_of(user, pupil):
        found.add(PARENT)
    return found


# `can_see_pupil` and `can` ask whether someone is a parent only when their role at the school
# does not settle it: staff looking at a pupil never wait on a query of parent links.
def can_see_pupil(user: AnyUser, pupil: PupilLike) -> bool:
    return bool(_staff_capacities(user, pupil)) or _is_parent_of(user, pupil)


def can(user: AnyUser, action: str, pupil: PupilLike) -> bool:
    allowed = PUPIL_ACTIONS[action]
    if _staff_capacities(user, pupil) & allowed:
        return True
    return PARENT in allowed and _is_parent_of(user, pupil)


def can_at_school(user: AnyUser, action: str, school: School) -> bool:
    return bool(roles_at(user, school) & SCHOOL_ACTIONS[action])


def sees_whole_school(user: AnyUser, school: School) -> bool:
    """Whether `user` sees every pupil of `school` (as its SENCO or head), so that any list
    of the school's pupils they are shown is the same as any other of them would be."""
    return bool(roles_at(user, school) & {SENCO, HEAD})


def school_actions(user: AnyUser, school_id: int) -> set[str]:
    """Every school action `user` may take at the school `school_id`."""
    held = holdings(user).roles_by_school.get(school_id, set())
    return {action for action, roles in SCHOOL_ACTIONS.items() if held & roles}


def pupil_filter(user: AnyUser) -> Q:
    """A filter for the pupils `user` may see; used by Pupil.objects.visible_to(user), and on
    the joined pupil by StandingPeriod.objects.visible_to(user)."""
    held = holdings(user)
    account = held.user
    if account is None:
        return Q(pk__in=[])
    condition = Q(school_id__in=held.schools_with(SENCO, HEAD)) | taught_filter(user)
    condition |= Q(pk__in=account.parent_links.values("pupil_id"))
    return condition


def taught_filter(user: AnyUser) -> Q:
    """A filter for the pupils in the groups `user` teaches or assists (their "my pupils")."""
    groups = holdings(user).taught_groups()
    if groups is None:
        return Q(pk__in=[])
    return Q(class_group_id__in=groups.values("id")) | Q(
        pk__in=groups.filter(members__isnull=False).values("members")
    )


def groups_taught_at(user: AnyUser, school: School) -> list[Any]:
    """The groups `user` teaches or assists at `school`, by name (empty when none)."""
    groups = holdings(user).taught_groups()
    return [] if groups is None else list(groups.filter(school=school).order_by("name"))


def check_pupil(user: AnyUser, pupil: P | None, action: str) -> P:
    """`pupil` if `user` may take `action` on them: 404 if they cannot see the pupil (or it
    does not exist), 403 if they can see them but not take the action."""
    if pupil is None or not can_see_pupil(user, pupil):
        raise Http404("No such pupil.")
    if not can(user, action, pupil):
        raise PermissionDenied("You cannot do that for this pupil.")
    return pupil


def group_capacities(user: AnyUser, group: GroupLike) -> set[str]:
    """The capacities in which `user` stands towards a teaching group."""
    held = holdings(user)
    roles = held.roles_by_school.get(group.school_id, set())
    found = set(roles & {SENCO, HEAD})
    if roles.intersection(GROUP_ROLES) and group.pk in held.taught_classes():
        found |= roles.intersection(GROUP_ROLES)
    return found


def check_group(user: AnyUser, group: G | None, action: str) -> G:
    """`group` if `user` may take `action` on it: 404 if they hold no role at its school (or it
    does not exist), 403 if they do but the group is not theirs to act on."""
    if group is None or not holdings(user).roles_by_school.get(group.school_id):
        raise Http404("No such group.")
    if not group_capacities(user, group) & GROUP_ACTIONS[action]:
        raise PermissionDenied("You cannot do that for this group.")
    return group


def check_plan(user: AnyUser, plan: PL | None, action: str, *, draft: bool) -> PL:
    """`plan` if `user` may take `action` on its pupil. A parent never reaches a draft: it is
    404 to them, as if it did not exist."""
    if plan is None:
        raise Http404("No such plan.")
    held = capacities(user, plan.pupil)
    if not held or (held == {PARENT} and draft):
        raise Http404("No such plan.")
    if not held & PUPIL_ACTIONS[action]:
        raise PermissionDenied("You cannot do that with this plan.")
    return plan


def get_school_for(user: AnyUser, urn: str, action: str) -> School:
    """The school `urn` if `user` may take `action` there; 404 if they hold no role there,
    403 if they do but not one that allows the action."""
    school = School.objects.filter(urn=urn).first()
    if school is None or not roles_at(user, school):
        raise Http404("No such school.")
    if not can_at_school(user, action, school):
        raise PermissionDenied("Your role at this school does not include that.")
    return school


def moderated_schools(user: AnyUser, school_ids: Any = None) -> set[int]:
    """The schools (of `school_ids`, or all) where `user` may moderate."""
    held = holdings(user)
    allowed = SCHOOL_ACTIONS["moderate"]
    return {
        pk
        for pk, roles in held.roles_by_school.items()
        if roles & allowed and (school_ids is None or pk in school_ids)
    }


def check_moderation(user: AnyUser, school_ids: Any = None) -> set[int]:
    """The schools (of `school_ids`, or all) where `user` may moderate; 404 if none: a round
    or case of other schools is not theirs to know of."""
    found = moderated_schools(user, school_ids)
    if not found:
        raise Http404("No such moderation.")
    return found


def may_become_parent(user: AnyUser) -> bool:
    """Staff and officer accounts are never linked to a child as parent: a parent with a job
    at a school is invited at a separate, personal address."""
    return not (user.is_staff or user.is_superuser or holdings(user).roles_by_school)


def check_invitation(user: AnyUser, invitation: T | None) -> T:
    """`invitation` (already narrowed to pending ones sent to `user`'s address; 404 if none)
    unless `user` holds a staff or officer account, which cannot become a parent's (403)."""
    if invitation is None:
        raise Http404("No such invitation.")
    if not may_become_parent(user):
        raise PermissionDenied("A staff or officer account cannot be linked to a child.")
    return invitation


def schools_of(user: AnyUser) -> list[tuple[School, list[str]]]:
    """The schools where `user` holds any role, with the roles held."""
    held = holdings(user)
    schools = School.objects.filter(pk__in=list(held.roles_by_school)).order_by("name")
    return [(school, sorted(held.roles_by_school[school.pk])) for school in schools]
