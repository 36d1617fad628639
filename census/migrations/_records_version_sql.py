"""SQL shared by the census migrations that keep RecordsVersion (0003) and SchoolVersion
(0005) by triggers."""

PUPIL_TABLES = [
    "pupils_needassessment",
    "pupils_leveltwocriterion",
    "pupils_sencodecision",
    "pupils_ehcplan",
    "pupils_senneed",
    "support_plans_supportplan",
]
GRID_TABLES = ["pupils_strand", "pupils_broadarea"]
BUMP = (
    "INSERT INTO census_recordsversion (pupil_id, version) VALUES ({pupil}, 1) "
    "ON CONFLICT (pupil_id) DO UPDATE SET version = census_recordsversion.version + 1"
)
FORGET_ALL = "DELETE FROM census_knownstanding"


def statements_for(vendor, *, sqlite, postgresql):
    """The statements for this database. The project runs on SQLite and PostgreSQL only
    (DESIGN.md); on any other the kept standings could not be trusted, so migrating stops."""
    if vendor == "sqlite":
        return sqlite()
    if vendor == "postgresql":
        return postgresql()
    raise ValueError(f"Kept census standings need SQLite or PostgreSQL, not {vendor}.")


def postgresql_functions(*, replace=False):
    """The trigger functions as census 0003 creates them."""
    create = "CREATE OR REPLACE FUNCTION" if replace else "CREATE FUNCTION"
    yield f"""
        {create} census_bump_version() RETURNS trigger AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {BUMP.format(pupil="OLD.pupil_id")};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {BUMP.format(pupil="NEW.pupil_id")};
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql
    """
    yield f"""
        {create} census_bump_pupil_version() RETURNS trigger AS $$
        BEGIN
            {BUMP.format(pupil="NEW.id")};
            RETURN NULL;
        END $$ LANGUAGE plpgsql
    """
    yield f"""
        {create} census_forget_standings() RETURNS trigger AS $$
        BEGIN
            {FORGET_ALL};
            RETURN NULL;
        END $$ LANGUAGE plpgsql
    """
