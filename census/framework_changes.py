"""A school that moves to another authority, an authority that takes another framework, a
framework that takes another rule set: each changes which rules code the school's pupils, so
their standings are worked out again in the same transaction as the change, and their
schools' kept pages are drawn afresh (census.revisions).

Watched on save (the admin, the shell, `load_framework`); a queryset's update() of these
fields sends no signal, and no code makes one."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from pupils.models import Pupil
from sen_register.core.models import Authority, Framework, School

from .keeping import standings_rebuild
from .revisions import revise

# Each kind of row, the field whose change moves schools to other rules, and the lookup
# from the schools to it.
WATCHED = {
    School: ("authority_id", "pk"),
    Authority: ("framework_id", "authority"),
    Framework: ("rules", "authority__framework"),
}


def _before(sender, instance, **kwargs):
    field, _ = WATCHED[sender]
    old = sender._base_manager.filter(pk=instance.pk).values_list(field, flat=True).first()
    instance._rules_field_was = old if instance.pk else None


def _after(sender, instance, created, **kwargs):
    field, to_schools = WATCHED[sender]
    if created or getattr(instance, field) == getattr(instance, "_rules_field_was", None):
        return
    schools = list(School.objects.filter(**{to_schools: instance.pk}).values_list("pk", flat=True))
    with transaction.atomic():
        standings_rebuild(Pupil.objects.filter(school_id__in=schools))
        revise(schools)


def watch():
    for model in WATCHED:
        label = model._meta.label_lower
        pre_save.connect(_before, sender=model, dispatch_uid=f"rules_before_{label}")
        post_save.connect(_after, sender=model, dispatch_uid=f"rules_after_{label}")
