"""Pupils, their classes and parents, invitations to parents, and the mark that one register
import is running."""

import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from sen_register.core.models import School

from .. import dating
from ..changes import Record, RecordQuerySet
from ..upn import validate_upn


class NCYear(models.TextChoices):
    N1 = "N1", "Nursery 1"
    N2 = "N2", "Nursery 2"
    R = "R", "Reception"
    Y1 = "1", "Year 1"
    Y2 = "2", "Year 2"
    Y3 = "3", "Year 3"
    Y4 = "4", "Year 4"
    Y5 = "5", "Year 5"
    Y6 = "6", "Year 6"
    Y7 = "7", "Year 7"
    Y8 = "8", "Year 8"
    Y9 = "9", "Year 9"
    Y10 = "10", "Year 10"
    Y11 = "11", "Year 11"
    Y12 = "12", "Year 12"
    Y13 = "13", "Year 13"
    Y14 = "14", "Year 14"

    @classmethod
    def from_text(cls, text):
        """The NC year a spreadsheet means, however it writes it: "Year 7", "Y7", "Yr 7",
        "07" and "7" are Year 7; "Reception", "Rec" and "R" are Reception; "Nursery 1" and
        "N1" are Nursery 1. None when the text is no NC year."""
        compact = re.sub(r"[\s._-]+", "", text.strip().lower())
        number = re.fullmatch(r"(?:ncyear|year|yr|y)?0*(\d{1,2})", compact)
        if number:
            compact = number.group(1)
        compact = _NC_YEAR_WORDS.get(compact, compact).upper()
        return cls(compact) if compact in cls.values else None


_YEAR_LABELS = dict(NCYear.choices)


_NC_YEAR_WORDS = {"reception": "r", "rec": "r", "nursery1": "n1", "nursery2": "n2"}


class GroupKind(models.TextChoices):
    FORM = "form", "Form group"
    CLASS = "class", "Subject class"
    SET = "set", "Set"
    INTERVENTION = "intervention", "Intervention group"


class ClassGroup(models.Model):
    """A teaching group: a form group, a subject class, a set or an intervention group. A
    pupil's form group is `Pupil.class_group`; any other group they are in lists them among
    its `members`. The teachers and teaching assistants linked to a group see its pupils
    (sen_register.core.access)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="class_groups")
    name = models.CharField(max_length=20, help_text="As the school names it, e.g. 7B.")
    kind = models.CharField(max_length=12, choices=GroupKind, default=GroupKind.CLASS)
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taught_class_groups"
    )
    members = models.ManyToManyField("Pupil", blank=True, related_name="teaching_groups")

    class Meta:
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="class_name_unique_in_school")
        ]

    def __str__(self):
        return self.name


SEARCH_WORDS = 6


class PupilQuerySet(RecordQuerySet):
    def on_roll(self, *, on):
        return self.filter(dating.on_roll_q(on))

    def visible_to(self, user):
        from sen_register.core import access

        return self.filter(access.pupil_filter(user))

    def taught_by(self, user):
        """The pupils in the groups `user` teaches or assists."""
        from sen_register.core import access

        return self.filter(access.taught_filter(user))

    def at(self, school):
        return self.filter(school=school)


def search_condition(text):
    """Pupils whose name or UPN has every word of `text` (any pupil when it has none)."""
    condition = Q()
    # A name or UPN is a few words; a longer search adds nothing but work (and, past a few
    # hundred words, more conditions than SQLite accepts in one query).
    for word in list(dict.fromkeys((text or "").split()))[:SEARCH_WORDS]:
        condition &= (
            Q(upn__iexact=word)
            | Q(legal_surname__icontains=word)
            | Q(legal_forename__icontains=word)
            | Q(preferred_surname__icontains=word)
            | Q(preferred_forename__icontains=word)
        )
    return condition


def display_name_of(pupil):
    """The name a pupil is shown by: their preferred names where the school has them."""
    forename = pupil.preferred_forename or pupil.legal_forename
    surname = pupil.preferred_surname or pupil.legal_surname
    return f"{forename} {surname}"


class Pupil(Record):
    # Joining, leaving and the school are read by the census rules too.
    PUPIL_FIELD = "id"

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="pupils")
    upn = models.CharField("UPN", max_length=13, validators=[validate_upn])
    legal_surname = models.CharField(max_length=100)
    legal_forename = models.CharField(max_length=100)
    preferred_surname = models.CharField(max_length=100, blank=True)
    preferred_forename = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    nc_year = models.CharField("NC year", max_length=2, choices=NCYear)
    class_group = models.ForeignKey(
        ClassGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="pupils"
    )
    joined_on = models.DateField("on roll from", null=True, blank=True)
    left_on = models.DateField("on roll to", null=True, blank=True)
    eal = models.BooleanField("English as an additional language", default=False)
    # Asked by the census of a pupil at K or E where the school has an SEN unit or resourced
    # provision (rules 2230 and 2250); None is "not recorded".
    in_sen_unit = models.BooleanField("in the SEN unit", null=True, blank=True)
    in_resourced_provision = models.BooleanField(
        "in the resourced provision", null=True, blank=True
    )

    objects = PupilQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["legal_surname", "legal_forename", "upn"]
        indexes = [
            # The register's order (pages.register): a page of a school's pupils by name is
            # read in this order and stops at the page, however many pupils the school has.
            models.Index(
                F("school"),
                Lower("legal_surname"),
                Lower("legal_forename"),
                F("id"),
                name="pupil_by_name_in_school",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["school", "upn"], name="upn_unique_in_school"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="pupil_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.upn})"

    @property
    def display_name(self):
        return display_name_of(self)

    def on_roll(self, on):
        return dating.on_roll(self.joined_on, self.left_on, on)

    def get_nc_year_display(self):
        # Django's own builds a dict of the choices on every call; the register draws fifty.
        return _YEAR_LABELS.get(self.nc_year, self.nc_year)


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    CARER = "carer", "Carer"
    GUARDIAN = "guardian", "Guardian"
    OTHER = "other", "Other"


class ParentLink(models.Model):
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parent_links"
    )
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="parent_links")
    relationship = models.CharField(max_length=10, choices=Relationship)
    # Asked by email for their views two weeks before each review, unless they stopped it.
    review_reminders = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "pupil"], name="one_link_per_parent_child")
        ]

    def __str__(self):
        return f"{self.parent} ({self.get_relationship_display()} of {self.pupil})"


class ParentInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, declined_at__isnull=True)

    def addressed_to(self, user):
        return self.filter(email__iexact=user.email)


class ParentInvitation(models.Model):
    """Each invitation sent to a parent or carer (see pupils.invitations). An invitation to
    an address that already has an account waits until its holder, signed in, accepts it."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    relationship = models.CharField(max_length=10, choices=Relationship)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    objects = ParentInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_at"]

    def __str__(self):
        return f"Invitation to {self.email} for {self.pupil}"


class RegisterImportRun(models.Model):
    """A register import under way at a school: at most one at a time, so two people sending
    the same file at once never both add the same pupils (pupils.register_import)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.CharField(max_length=254, blank=True)

    def __str__(self):
        return f"Import at {self.school} since {self.started_at:%H:%M}"


class CheckedRegisterFile(models.Model):
    """A register file that passed its check, kept so that the person who checked it can
    import it without choosing it again (pupils.checked_files). It holds pupils' details, so
    it is kept only for the one who checked it, for an hour at most, and goes once imported."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=255)
    content = models.BinaryField()
    checked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.name}, checked at {self.checked_at:%H:%M}"
