"""The school's staff, kept by its SENCO or head in the browser: inviting a member of staff
by email with their roles, changing or ending roles, linking them to teaching groups.

Every change is written to the school's staff history (StaffChange) in the same transaction
as the change itself, so the history and the roles never disagree. Two guards keep a school
workable: nobody ends their own roles (another SENCO or the head does), and a school always
keeps at least one SENCO or head, who can put anything else right.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sen_register.core import access
from sen_register.core.models import Membership, Role, StaffChange, User

from .invitations import invitation_link
from .models import ClassGroup

ROLE_NAMES = dict(Role.choices)
_STAFF = list(access.SCHOOL_STAFF_ROLES)
IN_CHARGE = {Role.SENCO, Role.HEAD}  # a school always keeps one of these


class StaffError(Exception):
    pass


@dataclass
class StaffMember:
    user: User
    roles: list[str]  # role values, in the order of SCHOOL_STAFF_ROLES
    groups: list[ClassGroup]
    second_factor: bool

    @property
    def role_names(self):
        return [ROLE_NAMES[role] for role in self.roles]

    @property
    def invitation_pending(self):
        return not self.user.has_usable_password()


def staff_of(school):
    """Everyone holding a school staff role at `school`, with their roles, their teaching
    groups there and whether they have set up a second factor: three queries, whatever the
    size of the staff."""
    users = (
        User.objects.filter(memberships__school=school, memberships__role__in=_STAFF)
        .distinct()
        .annotate(
            second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(school=school),
                to_attr="roles_here",
            ),
            Prefetch(
                "taught_class_groups",
                queryset=ClassGroup.objects.filter(school=school),
                to_attr="groups_here",
            ),
        )
        .order_by("last_name", "first_name", "email")
    )
    return [
        StaffMember(
            user=user,
            roles=_in_order({m.role for m in user.roles_here}),
            groups=user.groups_here,
            second_factor=user.second_factor,
        )
        for user in users
    ]


def _in_order(roles):
    return [role for role in _STAFF if role in roles]


def roles_at(school, user):
    return set(
        Membership.objects.filter(school=school, user=user, role__in=_STAFF).values_list(
            "role", flat=True
        )
    )


def record_change(school, by, member, what):
    StaffChange.objects.create(
        school=school,
        by=by,
        by_name=str(by),
        staff_name=f"{member} ({member.email})" if member.get_full_name() else member.email,
        what=what,
    )


@transaction.atomic
def invite(*, school, email, first_name, last_name, roles, by, base_url):
    """Give `email` the `roles` at `school`, making an account if there is none, and tell
    them by email. Returns the user."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.parent_links.exists():
        raise StaffError(
            f"{email} is a parent's account. Invite the member of staff at their work "
            "address: a staff account is never linked to a child."
        )
    held = roles_at(school, user) if user else set()
    new_roles = _in_order(set(roles) - held)
    if not new_roles:
        raise StaffError(f"{email} already has {listed_roles(roles)} at {school}.")
    created = user is None
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, first_name=first_name, last_name=last_name
        )
    Membership.objects.bulk_create(
        [Membership(user=user, school=school, role=role) for role in new_roles]
    )
    verb = "Invited as" if created else "Given the role of"
    record_change(school, by, user, f"{verb} {listed_roles(new_roles)}")
    _tell(school, user, new_roles, base_url)
    return user


def listed_roles(roles):
    names = [ROLE_NAMES[role].lower().replace("senco", "SENCO") for role in _in_order(roles)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _tell(school, user, roles, base_url):
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    body = f"{school} has given you the role of {listed_roles(roles)} on its SEN register.\n\n"
    if user.has_usable_password():
        body += f"Sign in as usual at {base_url}{reverse('login')}."
    else:
        body += (
            "Choose your password here (the link works once and expires in "
            f"{days} days):\n{invitation_link(user, base_url)}\n\n"
            "You will then set up an authenticator app: every member of staff signs in with "
            "a code from one."
        )
    body += "\n\nIf you were not expecting this, tell the school."
    transaction.on_commit(
        lambda: send_mail(f"{school}: the SEN register", body, None, [user.email])
    )


@transaction.atomic
def change_roles(*, school, member, roles, groups, by):
    """`member` holds exactly `roles` at `school` from now on (at least one: to end them all,
    use remove), and is linked to exactly `groups` — none unless a role among them works
    through groups (teacher, teaching assistant). Returns (given, ended)."""
    if not roles:
        raise StaffError("Choose at least one role. To end every role, remove them instead.")
    held = roles_at(school, member)
    given, ended = _in_order(set(roles) - held), _in_order(held - set(roles))
    _check_may_end(school, member, ended, by)
    Membership.objects.filter(school=school, user=member, role__in=ended).delete()
    Membership.objects.bulk_create(
        [Membership(user=member, school=school, role=role) for role in given]
    )
    if given:
        record_change(school, by, member, f"Given the role of {listed_roles(given)}")
    if ended:
        record_change(school, by, member, f"Role of {listed_roles(ended)} ended")
    works_in_groups = set(roles) & set(access.GROUP_ROLES)
    set_groups(school=school, member=member, groups=groups if works_in_groups else [], by=by)
    return given, ended


@transaction.atomic
def remove(*, school, member, by):
    """End every role `member` holds at `school` and unlink them from its groups. Their
    account stays (they may work at another school); they no longer see this one."""
    held = roles_at(school, member)
    _check_may_end(school, member, held, by)
    set_groups(school=school, member=member, groups=[], by=by)
    Membership.objects.filter(school=school, user=member, role__in=held).delete()
    record_change(school, by, member, f"Removed from the school (was {listed_roles(held)})")


def _check_may_end(school, member, ended, by):
    if not ended:
        return
    if member == by:
        raise StaffError(
            "You cannot end your own roles. Ask another SENCO or the headteacher to do it."
        )
    if set(ended) & IN_CHARGE:
        others = (
            Membership.objects.filter(school=school, role__in=IN_CHARGE)
            .exclude(user=member)
            .exists()
        )
        if not others:
            raise StaffError(
                f"{member} is the school's only SENCO or headteacher. Give someone else one "
                "of those roles first."
            )


@transaction.atomic
def set_groups(*, school, member, groups, by):
    """`member` is linked to exactly `groups` of `school` (a teacher teaches them, a teaching
    assistant supports them)."""
    current = set(member.taught_class_groups.filter(school=school))
    wanted = {group for group in groups if group.school_id == school.pk}
    added, dropped = wanted - current, current - wanted
    member.taught_class_groups.remove(*dropped)
    member.taught_class_groups.add(*added)
    if added:
        record_change(school, by, member, "Linked to " + ", ".join(sorted(g.name for g in added)))
    if dropped:
        record_change(
            school, by, member, "Unlinked from " + ", ".join(sorted(g.name for g in dropped))
        )
    return added, dropped
