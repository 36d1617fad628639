"""The support grid of each framework (sen_register.core.Framework): its broad areas, their
strands, what each level means in general and on each strand. Data, not code: an authority
loads its own grid beside the others, and a school reads the grid of its authority's
framework (`of(school)`)."""

from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sen_register.core.models import Framework

from ..changes import Record, RecordQuerySet

# The most levels any framework has; a framework's own run from 1 to its `top_level`.
LEVELS = [1, 2, 3, 4, 5]
level_validators = [MinValueValidator(1), MaxValueValidator(5)]


def of_school(school):
    """The condition for the rows of `school`'s framework (joined in the query: no query of
    its own). `school` is a School or its id."""
    return Q(framework__authorities__schools=school)


class OfFramework:
    def of(self, school):
        """The rows of the school's authority's framework."""
        return self.filter(of_school(school))  # type: ignore[attr-defined]


class GridQuerySet(OfFramework, RecordQuerySet):
    """Broad areas and strands: a change of one is a change of the records they word."""


class LevelMeaningQuerySet(OfFramework, models.QuerySet):
    pass


class GridPart(Record):
    """A broad area or strand: its name, slug and position word every basis and key the
    levels by area, so changing one changes the standings of every pupil assessed in it."""

    ASSESSED_IN = ""  # the lookup from an assessment to a queryset of these

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")

    objects = GridQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def pupils_touched_by(cls, queryset):
        assessed = apps.get_model("pupils", "NeedAssessment").objects.filter(
            **{cls.ASSESSED_IN: queryset}
        )
        return set(assessed.values_list("pupil_id", flat=True).distinct().order_by())

    def pupils_touched(self):
        return self.pupils_touched_by(type(self)._base_manager.filter(pk=self.pk))


class BroadArea(GridPart):
    ASSESSED_IN = "strand__area__in"

    name = models.CharField(max_length=100)
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="area_slug_per_framework")
        ]

    def __str__(self):
        return self.name


class Strand(GridPart):
    ASSESSED_IN = "strand__in"

    area = models.ForeignKey(BroadArea, on_delete=models.PROTECT, related_name="strands")
    name = models.CharField(max_length=100)
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="strand_slug_per_framework")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A strand is of its area's framework, always: kept here so that a framework's slugs
        # can be unique within it.
        self.framework_id = self.area.framework_id
        super().save(*args, **kwargs)


class LevelDescriptor(models.Model):
    """What a level of a framework means in plain English; shown wherever a level is (bare
    numbers mislead)."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(validators=level_validators)
    title = models.CharField(max_length=60)
    descriptor = models.TextField()

    objects = LevelMeaningQuerySet.as_manager()

    class Meta:
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "level"], name="one_meaning_a_level")
        ]

    def __str__(self):
        return f"Level {self.level}: {self.title}"


class StrandDescriptor(models.Model):
    """What one level means on one strand: level 3 for hearing is not level 3 for mental
    health. Data an administrator may reword; every wording is kept in its history."""

    strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="descriptors")
    level = models.PositiveSmallIntegerField(validators=level_validators)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["strand__position", "level"]
        constraints = [
            models.UniqueConstraint(fields=["strand", "level"], name="one_descriptor_a_level"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="descriptor_level_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.strand}, level {self.level}"
