"""Database triggers that bump a pupil's RecordsVersion whenever anything a census standing is
worked out from changes: their grid levels, level-2 criteria, SENCO decisions, EHC plans, DfE
needs, support plans, or their own roll dates and school. Triggers, not Django signals,
because bulk writes and queryset updates send no signals. A change to the grid's strands or
broad areas (their names and order word every basis) forgets every known standing."""

from django.db import migrations

from census.migrations._records_version_sql import (
    BUMP,
    FORGET_ALL,
    GRID_TABLES,
    PUPIL_TABLES,
    postgresql_functions,
    statements_for,
)


def sqlite_statements():
    for table in PUPIL_TABLES:
        yield (
            f"CREATE TRIGGER {table}_bump_insert AFTER INSERT ON {table} "
            f"BEGIN {BUMP.format(pupil='NEW.pupil_id')}; END"
        )
        yield (
            f"CREATE TRIGGER {table}_bump_update AFTER UPDATE ON {table} "
            f"BEGIN {BUMP.format(pupil='OLD.pupil_id')}; {BUMP.format(pupil='NEW.pupil_id')}; END"
        )
        yield (
            f"CREATE TRIGGER {table}_bump_delete AFTER DELETE ON {table} "
            f"BEGIN {BUMP.format(pupil='OLD.pupil_id')}; END"
        )
    yield (
        "CREATE TRIGGER pupils_pupil_bump_update AFTER UPDATE OF joined_on, left_on, school_id "
        f"ON pupils_pupil BEGIN {BUMP.format(pupil='NEW.id')}; END"
    )
    for table in GRID_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            yield (
                f"CREATE TRIGGER {table}_forget_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {FORGET_ALL}; END"
            )


def postgresql_statements():
    yield from postgresql_functions()
    for table in PUPIL_TABLES:
        yield (
            f"CREATE TRIGGER {table}_bump AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION census_bump_version()"
        )
    yield (
        "CREATE TRIGGER pupils_pupil_bump AFTER UPDATE OF joined_on, left_on, school_id "
        "ON pupils_pupil FOR EACH ROW EXECUTE FUNCTION census_bump_pupil_version()"
    )
    for table in GRID_TABLES:
        yield (
            f"CREATE TRIGGER {table}_forget AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION census_forget_standings()"
        )


def drop_statements(vendor):
    for table in PUPIL_TABLES:
        if vendor == "postgresql":
            yield f"DROP TRIGGER IF EXISTS {table}_bump ON {table}"
        else:
            for event in ("insert", "update", "delete"):
                yield f"DROP TRIGGER IF EXISTS {table}_bump_{event}"
    if vendor == "postgresql":
        yield "DROP TRIGGER IF EXISTS pupils_pupil_bump ON pupils_pupil"
        for table in GRID_TABLES:
            yield f"DROP TRIGGER IF EXISTS {table}_forget ON {table}"
        yield "DROP FUNCTION IF EXISTS census_bump_version()"
        yield "DROP FUNCTION IF EXISTS census_bump_pupil_version()"
        yield "DROP FUNCTION IF EXISTS census_forget_standings()"
    else:
        yield "DROP TRIGGER IF EXISTS pupils_pupil_bump_update"
        for table in GRID_TABLES:
            for event in ("insert", "update", "delete"):
                yield f"DROP TRIGGER IF EXISTS {table}_forget_{event}"


def statements(vendor):
    return statements_for(vendor, sqlite=sqlite_statements, postgresql=postgresql_statements)


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("census", "0002_known_standing"),
        ("pupils", "0006_change_history"),
        ("support_plans", "0004_revisions"),
    ]

    operations = [migrations.RunPython(create, drop)]
