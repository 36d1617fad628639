"""What the headings of a register file mean: the register's own column names, however a
spreadsheet or MIS export writes them (docs/formats.md)."""

import re

# Headings as MIS exports and spreadsheets write them, once case, spaces and dashes are set
# aside, and the register's column each means.
HEADING_ALIASES = {
    "unique_pupil_number": "upn",
    "surname": "legal_surname",
    "last_name": "legal_surname",
    "family_name": "legal_surname",
    "forename": "legal_forename",
    "first_name": "legal_forename",
    "given_name": "legal_forename",
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
    "year": "nc_year",
    "year_group": "nc_year",
    "ncyear": "nc_year",
    "nc_year_actual": "nc_year",
    "national_curriculum_year": "nc_year",
    "reg_group": "class_group",
    "registration_group": "class_group",
    "reg": "class_group",
    "form": "class_group",
    "form_group": "class_group",
    "tutor_group": "class_group",
    "class": "class_group",
    "admission_date": "joined_on",
    "date_of_admission": "joined_on",
    "leaving_date": "left_on",
    "date_of_leaving": "left_on",
}


def column_name(heading):
    """The register's column a heading means: "Legal Surname", "legal-surname" and "Surname"
    are all legal_surname. A heading it does not know is returned in the same form, to be
    named as unknown."""
    name = re.sub(r"[\s\-./]+", "_", heading.strip().lower()).strip("_")
    return HEADING_ALIASES.get(name, name)
