"""The triggers of census 0003 also bump the pupil's school's SchoolVersion; a pupil joining the
school's roll (a new pupil), leaving it, moving school or being deleted bumps it too. A
school whose version is unchanged since all its standings on a day were kept needs no look
at its pupils one by one. A change to the grid forgets which schools were kept, with the
standings."""

from django.db import migrations

from census.migrations._records_version_sql import (
    BUMP,
    FORGET_ALL,
    GRID_TABLES,
    PUPIL_TABLES,
    postgresql_functions,
    statements_for,
)

BUMP_SCHOOL_OF = (
    "INSERT INTO census_schoolversion (school_id, version) "
    "SELECT school_id, 1 FROM pupils_pupil WHERE id = {pupil} "
    "ON CONFLICT (school_id) DO UPDATE SET version = census_schoolversion.version + 1"
)
FORGET_KEPT_SCHOOLS = "DELETE FROM census_keptschool"
BUMP_SCHOOL = (
    "INSERT INTO census_schoolversion (school_id, version) VALUES ({school}, 1) "
    "ON CONFLICT (school_id) DO UPDATE SET version = census_schoolversion.version + 1"
)


def sqlite_statements():
    for table in PUPIL_TABLES:
        yield (
            f"CREATE TRIGGER {table}_school_insert AFTER INSERT ON {table} "
            f"BEGIN {BUMP_SCHOOL_OF.format(pupil='NEW.pupil_id')}; END"
        )
        yield (
            f"CREATE TRIGGER {table}_school_update AFTER UPDATE ON {table} BEGIN "
            f"{BUMP_SCHOOL_OF.format(pupil='OLD.pupil_id')}; "
            f"{BUMP_SCHOOL_OF.format(pupil='NEW.pupil_id')}; END"
        )
        yield (
            f"CREATE TRIGGER {table}_school_delete AFTER DELETE ON {table} "
            f"BEGIN {BUMP_SCHOOL_OF.format(pupil='OLD.pupil_id')}; END"
        )
    yield (
        "CREATE TRIGGER pupils_pupil_school_insert AFTER INSERT ON pupils_pupil "
        f"BEGIN {BUMP_SCHOOL.format(school='NEW.school_id')}; END"
    )
    yield (
        "CREATE TRIGGER pupils_pupil_school_update AFTER UPDATE OF joined_on, left_on, school_id "
        f"ON pupils_pupil BEGIN {BUMP_SCHOOL.format(school='OLD.school_id')}; "
        f"{BUMP_SCHOOL.format(school='NEW.school_id')}; END"
    )
    yield (
        "CREATE TRIGGER pupils_pupil_school_delete AFTER DELETE ON pupils_pupil "
        f"BEGIN {BUMP_SCHOOL.format(school='OLD.school_id')}; END"
    )
    for table in GRID_TABLES:
        for event in ("insert", "update", "delete"):
            yield (
                f"CREATE TRIGGER {table}_forget_schools_{event} AFTER {event.upper()} ON {table} "
                f"BEGIN {FORGET_KEPT_SCHOOLS}; END"
            )


def postgresql_statements():
    yield f"""
        CREATE OR REPLACE FUNCTION census_bump_version() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {BUMP.format(pupil="OLD.pupil_id")};
                {BUMP_SCHOOL_OF.format(pupil="OLD.pupil_id")};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {BUMP.format(pupil="NEW.pupil_id")};
                {BUMP_SCHOOL_OF.format(pupil="NEW.pupil_id")};
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql
    """
    yield f"""
        CREATE OR REPLACE FUNCTION census_bump_pupil_version() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                {BUMP.format(pupil="NEW.id")};
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {BUMP_SCHOOL.format(school="OLD.school_id")};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {BUMP_SCHOOL.format(school="NEW.school_id")};
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql
    """
    yield f"""
        CREATE OR REPLACE FUNCTION census_forget_standings() RETURNS trigger AS $$
        BEGIN
            {FORGET_ALL};
            {FORGET_KEPT_SCHOOLS};
            RETURN NULL;
        END $$ LANGUAGE plpgsql
    """
    yield "DROP TRIGGER IF EXISTS pupils_pupil_bump ON pupils_pupil"
    yield (
        "CREATE TRIGGER pupils_pupil_bump AFTER INSERT OR DELETE OR UPDATE OF joined_on, "
        "left_on, school_id ON pupils_pupil "
        "FOR EACH ROW EXECUTE FUNCTION census_bump_pupil_version()"
    )


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in statements_for(vendor, sqlite=sqlite_statements, postgresql=postgresql_statements):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    # Back to census 0003's triggers: the school's bumps come off.
    if schema_editor.connection.vendor == "sqlite":
        for table in [*PUPIL_TABLES, "pupils_pupil"]:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_school_{event}")
        for table in GRID_TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_forget_schools_{event}")
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS pupils_pupil_bump ON pupils_pupil")
    for sql in postgresql_functions(replace=True):
        schema_editor.execute(sql)
    schema_editor.execute(
        "CREATE TRIGGER pupils_pupil_bump AFTER UPDATE OF joined_on, left_on, school_id "
        "ON pupils_pupil FOR EACH ROW EXECUTE FUNCTION census_bump_pupil_version()"
    )


class Migration(migrations.Migration):
    dependencies = [("census", "0004_school_versions")]

    operations = [migrations.RunPython(create, drop)]
