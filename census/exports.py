"""The census return as CSV and XML (docs/formats.md), written row by
row so that a whole school (or authority) streams in bounded memory."""

from xml.sax.saxutils import escape

from sen_register.core import spreadsheet

CSV_COLUMNS = [
    "upn",
    "legal_surname",
    "legal_forename",
    "date_of_birth",
    "nc_year",
    "sen_provision",
    "sen_type_1",
    "sen_type_2",
    "basis",
]


def row_values(row):
    """A census row as the export's columns, in order: a row of census.returns.census_return
    (already so) or a frozen census.models.CensusSnapshotRow."""
    if isinstance(row, tuple):
        return row
    born = row.date_of_birth
    return [
        row.upn,
        row.legal_surname,
        row.legal_forename,
        born if isinstance(born, str) else born.isoformat(),
        row.nc_year,
        row.sen_provision,
        row.sen_type_1,
        row.sen_type_2,
        row.basis,
    ]


def csv_lines(rows):
    return spreadsheet.csv_lines(CSV_COLUMNS, map(row_values, rows))


def xml_lines(school, on, rows):
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield "<SchoolCensus>\n"
    yield "  <Header>\n"
    yield f"    <URN>{escape(school.urn)}</URN>\n"
    if school.laestab:
        yield f"    <LAESTAB>{escape(school.laestab)}</LAESTAB>\n"
    yield f"    <ReferenceDate>{on.isoformat()}</ReferenceDate>\n"
    yield "  </Header>\n"
    yield "  <Pupils>\n"
    for row in rows:
        upn, *_, provision, type_1, type_2, _basis = row_values(row)
        yield "    <Pupil>\n"
        yield f"      <UPN>{escape(upn)}</UPN>\n"
        yield "      <SpecialEducationalNeeds>\n"
        yield f"        <SENprovision>{escape(provision)}</SENprovision>\n"
        needs = [(rank, code) for rank, code in ((1, type_1), (2, type_2)) if code]
        if needs:
            yield "        <SENneeds>\n"
            for rank, code in needs:
                yield (
                    f"          <SENneed><SENtypeRank>{rank}</SENtypeRank>"
                    f"<SENtype>{escape(code)}</SENtype></SENneed>\n"
                )
            yield "        </SENneeds>\n"
        yield "      </SpecialEducationalNeeds>\n"
        yield "    </Pupil>\n"
    yield "  </Pupils>\n"
    yield "</SchoolCensus>\n"
