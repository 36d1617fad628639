from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CensusConfig(AppConfig):
    name = "census"
    verbose_name = "School Census"

    def ready(self):
        from pupils.changes import records_changed

        # The plan-based register checks join the validation's open list.
        from . import framework_changes, plan_checks, revisions, school_rules  # noqa: F401

        records_changed.connect(_records_changed, dispatch_uid="census_standings")
        revisions.watch()
        framework_changes.watch()
        post_migrate.connect(_migrated, sender=self, dispatch_uid="census_rules_version")


def _records_changed(sender, pupil_ids, **kwargs):
    from .keeping import standings_refresh
    from .revisions import revise_pupils

    standings_refresh(pupil_ids)
    revise_pupils(pupil_ids)


def _migrated(sender, using, **kwargs):
    """After every migrate, pupils whose standing periods were made by other rules (or never
    made) get them worked out again: a deploy that changes a rule serves the new codes."""
    from django.db import connections

    from .keeping import standings_rebuild_stale

    if (
        using != "default"
        or "census_standingperiod" not in connections[using].introspection.table_names()
    ):
        return
    standings_rebuild_stale()
