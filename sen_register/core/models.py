"""Schools, the authorities they belong to, and the people who work in them.

A user signs in with an email address. What they may see comes from their memberships (a
role at a school; a shared SENCO holds several, Code 6.92) and, for parents, from their
links to children (pupils.ParentLink).
"""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.crypto import salted_hmac


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Email addresses are stored lower-case; people type them any way.
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # people sign in with their email address
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Counts the authenticators that stopped counting for this person (removed, unconfirmed or
    # moved to someone else). It is part of the session hash, so each such change ends every
    # session of theirs: a session verified once with a second factor stays verified without
    # a query per request (sen_register.core.mfa) only while that stays true.
    second_factor_changes = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    # Django's hook behind the session hash and its fallbacks (django-stubs leaves it out).
    def _get_session_auth_hash(self, secret=None):
        password_hash = super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        if not self.second_factor_changes:
            return password_hash  # as Django's own, so no session ends when this arrives
        return salted_hmac(
            "sen_register.User.second_factor_changes",
            f"{password_hash}:{self.second_factor_changes}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class SchoolType(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream"
    SPECIAL = "special", "Special school"
    AP = "ap", "Alternative provision"


class Framework(models.Model):
    """How an authority's schools judge SEN support: its support grid (broad areas, strands,
    the meaning of each level, kept in the pupils app against this row) and the rule set,
    by name, that turns a pupil's records into census codes (census.frameworks). The grid is
    data; the rules are one small module each, so no two authorities share a fork of them."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    rules = models.CharField(
        "rule set",
        max_length=40,
        help_text="The name of the rules module that works out census codes (docs/frameworks.md).",
    )
    top_level = models.PositiveSmallIntegerField(
        "highest level",
        validators=[MinValueValidator(2), MaxValueValidator(5)],
        help_text="Levels run from 1 to this on every strand of the grid.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def levels(self):
        return list(range(1, self.top_level + 1))


class AuthorityKind(models.TextChoices):
    LA = "la", "Local authority"
    TRUST = "trust", "Multi-academy trust"


class Authority(models.Model):
    """A local authority or trust: its schools judge SEN support by its framework."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=5, choices=AuthorityKind, default=AuthorityKind.LA)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="authorities")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.name


# The authority a school belongs to when none is given: Sheffield's, made by migration, whose
# framework is the register's default.
DEFAULT_AUTHORITY = "Sheffield City Council"


def default_authority():
    return Authority.objects.values_list("pk", flat=True).get(name=DEFAULT_AUTHORITY)


class School(models.Model):
    urn = models.CharField(
        "URN",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", "A URN is six digits.")],
        help_text="Unique reference number from Get Information about Schools.",
    )
    laestab = models.CharField(
        "LAESTAB",
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^\d{7}$", "A LAESTAB is seven digits.")],
        help_text="Local authority number and establishment number, as on census returns.",
    )
    name = models.CharField(max_length=200)
    # What the census rules ask of a school (2180, 2210, 2230, 2250).
    school_type = models.CharField(
        "type of school", max_length=12, choices=SchoolType, default=SchoolType.MAINSTREAM
    )
    has_sen_unit = models.BooleanField("has an SEN unit", default=False)
    has_resourced_provision = models.BooleanField("has resourced provision", default=False)
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="schools",
        default=default_authority,
        help_text="Its pupils' census codes follow the authority's framework.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    SENCO = "senco", "SENCO"
    TEACHER = "teacher", "Teacher"
    ASSISTANT = "assistant", "Teaching assistant"
    HEAD = "head", "Headteacher"
    OFFICER = "officer", "Trust / LA officer"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role)

    class Meta:
        ordering = ["school__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} at {self.school}"


class AccessLogEntry(models.Model):
    """Someone looked at or downloaded pupil data (UK GDPR: knowing who saw what).

    Kept apart from the pupil: when a pupil is erased at the end of the retention period, the
    entries stay, naming the pupil only by their number (`pupil_ref`), and the person by their
    email address even if their account has gone."""

    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    user_email = models.CharField(max_length=254, blank=True)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pupil = models.ForeignKey(
        "pupils.Pupil",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_log",
    )
    pupil_ref = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    what = models.CharField(max_length=60)
    download = models.BooleanField(default=False)
    path = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "access log entries"

    def __str__(self):
        verb = "downloaded" if self.download else "viewed"
        whose = f"pupil {self.pupil_ref}" if self.pupil_ref else "the school's pupils"
        who = self.user_email or "a command"
        return f"{who} {verb} {self.what} ({whose}) at {self.at:%Y-%m-%d %H:%M}"


class ErasureRecord(models.Model):
    """Pupils' records were erased at the end of the retention period: when, by whom, how many.
    No name or UPN: the record says that erasure happened, not whom it was about."""

    at = models.DateTimeField(auto_now_add=True)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    pupils_erased = models.PositiveIntegerField()
    pupil_refs = models.JSONField(default=list)
    reason = models.CharField(max_length=200)
    run_by = models.CharField(max_length=254)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.pupils_erased} pupil(s) of {self.school} erased on {self.at:%Y-%m-%d}"


class StaffChange(models.Model):
    """Something changed about who works at a school: a member of staff invited, a role given
    or ended, a link to a teaching group made or removed. Appended, never edited: the SENCO
    and head read it as the school's staff history. Names are copied in, so an entry still
    reads the same after the account it names has gone."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff_changes")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=254)
    staff_name = models.CharField(max_length=254)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.by_name}: {self.what} ({self.staff_name})"
