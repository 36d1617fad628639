"""Register CSV files for tests and benchmarks."""

import csv
import io
import random

from pupils.upn import make_upn

# The Sheffield grid's strands in their order (docs/census-engine.md).
STRANDS = [
    "speech_language",
    "social_communication",
    "cognition_learning",
    "emotional_regulation",
    "mental_health",
    "vision",
    "hearing",
    "physical",
    "medical",
]
FULL_HEADER = [
    "upn",
    "legal_surname",
    "legal_forename",
    "date_of_birth",
    "nc_year",
    "class_group",
    "joined_on",
    "left_on",
    "assessed_on",
    *[f"ssg_{slug}" for slug in STRANDS],
    "level2_criteria",
    "ehcp_issued_on",
    "ehcp_ceased_on",
    "sen_type_1",
    "sen_type_2",
    "senco_decision",
    "senco_decision_reason",
]


def csv_bytes(rows, header=None, *, bom=False):
    header = header or FULL_HEADER
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in header})
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def pupil_row(serial, **values):
    row = {
        "upn": make_upn(373, 4001, serial),
        "legal_surname": f"Surname{serial}",
        "legal_forename": f"Forename{serial}",
        "date_of_birth": "2013-05-01",
        "nc_year": "8",
        "class_group": "8A",
        "joined_on": "2023-09-04",
    }
    row.update(values)
    return row


def generated_register(count, *, assessed_on="2025-10-01", seed=1):
    """`count` pupils, a realistic share of them with grid levels, criteria, needs and plans."""
    rng = random.Random(seed)
    rows = []
    for serial in range(1, count + 1):
        year = 7 + serial % 5
        row = pupil_row(
            serial,
            nc_year=str(year),
            class_group=f"{year}{'ABCDEF'[serial % 6]}",
            date_of_birth=f"{2025 - year - 5}-0{1 + serial % 9}-1{serial % 10}",
        )
        roll = rng.random()
        if roll < 0.35:
            row["assessed_on"] = assessed_on
            for slug in rng.sample(STRANDS, rng.randint(1, 3)):
                row[f"ssg_{slug}"] = str(rng.randint(1, 4))
            if roll < 0.05:
                row["level2_criteria"] = "medical;long_term"
            if roll < 0.15:
                row["sen_type_1"] = rng.choice(["SPLD", "SEMH", "SLCN", "ASD"])
            if roll < 0.04:
                row["ehcp_issued_on"] = "2024-03-01"
        rows.append(row)
    return rows


def xlsx_bytes(rows, header=None, *, typed=True):
    """The same rows as an Excel workbook. With `typed`, dates are stored as Excel dates and
    whole numbers as numbers, as a spreadsheet typed by hand holds them."""
    import datetime

    from openpyxl import Workbook

    header = header or FULL_HEADER
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        cells = []
        for name in header:
            value = row.get(name, "")
            if typed and len(value) == 10 and value[4:5] == "-":
                value = datetime.datetime.fromisoformat(value)
            elif typed and value.isdigit() and name != "upn":
                value = int(value)
            cells.append(value if value != "" else None)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
