"""The Common Transfer File (docs/ctf.md): the DfE's XML for moving a pupil's record between
schools, here the part this register keeps — basic details and SEN history. Writing and
reading only; what a file means for the register is census.transfers.

Reading is strict and whole: every problem in a file is found and named by its pupil and
element before anything is kept, as the register import does.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime

from pupils.models import NCYear, NeedType
from pupils.upn import normalise_upn, upn_problem

CTF_VERSION = "25.0"  # the DfE's CTF 25 (docs/ctf.md)
READ_VERSIONS = {"23", "24", "25", "26"}  # the major versions whose SEN history reads alike
DOCUMENT_NAME = "Common Transfer File"
SUPPLIER_ID = "SEN Register"
# The destination of a pupil whose next school is not known: the DfE's lost pupils database.
UNKNOWN_LA, UNKNOWN_ESTAB = "MMM", "MMMM"
PROVISION_CODES = ("E", "K", "N")


@dataclass(frozen=True)
class SchoolRef:
    lea: str
    estab: str
    name: str = ""
    urn: str = ""

    @property
    def laestab(self):
        return f"{self.lea}{self.estab}"


@dataclass(frozen=True)
class ProvisionSpell:
    """One SEN provision the pupil had, from a date (to the next spell, or its own end)."""

    starts_on: date
    code: str  # E, K or N
    ends_on: date | None = None


@dataclass(frozen=True)
class NeedSpell:
    need_type: str
    rank: int
    starts_on: date | None = None  # a file written without need dates gives none
    ends_on: date | None = None


@dataclass
class CTFPupil:
    upn: str
    surname: str = ""
    forename: str = ""
    born_on: date | None = None
    preferred_surname: str = ""
    preferred_forename: str = ""
    nc_year: str = ""
    provision: list[ProvisionSpell] = field(default_factory=list)
    needs: list[NeedSpell] = field(default_factory=list)


@dataclass
class CTF:
    source: SchoolRef
    destination: SchoolRef
    written_at: datetime
    version: str = CTF_VERSION
    pupils: list[CTFPupil] = field(default_factory=list)


def academic_year(on):
    """The CTF's AcademicYear: the year the school year began (1 August)."""
    return on.year if on.month >= 8 else on.year - 1


def file_name(source_laestab, destination_laestab, number):
    """The specification's file name: source LAESTAB, CTF, destination LAESTAB, sequence."""
    return f"{source_laestab}_CTF_{destination_laestab}_{number:03d}.xml"


# --- Writing -------------------------------------------------------------------------------


def _add(parent, tag, text=None):
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def _school(parent, tag, school, *, written_on=None):
    element = _add(parent, tag)
    _add(element, "LEA", school.lea)
    _add(element, "Estab", school.estab)
    if school.urn:
        _add(element, "URN", school.urn)
    if school.name:
        _add(element, "SchoolName", school.name)
    if written_on is not None:
        _add(element, "AcademicYear", academic_year(written_on))


def _pupil(parent, pupil):
    element = _add(parent, "Pupil")
    _add(element, "UPN", pupil.upn)
    _add(element, "Surname", pupil.surname)
    _add(element, "Forename", pupil.forename)
    _add(element, "DOB", pupil.born_on.isoformat())
    basic = _add(element, "BasicDetails")
    if pupil.preferred_surname:
        _add(basic, "PreferredSurname", pupil.preferred_surname)
    if pupil.preferred_forename:
        _add(basic, "PreferredForename", pupil.preferred_forename)
    _add(basic, "NCyearActual", pupil.nc_year)
    if not (pupil.provision or pupil.needs):
        return
    history = _add(element, "SENhistory")
    for spell in pupil.provision:
        sen = _add(history, "SEN")
        _add(sen, "StartDate", spell.starts_on.isoformat())
        _add(sen, "SENprovision", spell.code)
    if pupil.needs:
        needs = _add(history, "SENneeds")
        for need in pupil.needs:
            item = _add(needs, "SENneed")
            _add(item, "SENtypeRank", need.rank)
            _add(item, "SENtype", need.need_type)
            if need.starts_on:
                _add(item, "StartDate", need.starts_on.isoformat())
            if need.ends_on:
                _add(item, "EndDate", need.ends_on.isoformat())


def ctf_bytes(ctf):
    """The file, as UTF-8 bytes."""
    root = ET.Element("CTfile")
    header = _add(root, "Header")
    _add(header, "DocumentName", DOCUMENT_NAME)
    _add(header, "CTFversion", ctf.version)
    _add(header, "DateTime", ctf.written_at.replace(microsecond=0, tzinfo=None).isoformat())
    _add(header, "DocumentQualifier", "partial")
    _add(header, "DataDescriptor", "SEN history")
    _add(header, "SupplierID", SUPPLIER_ID)
    _school(header, "SourceSchool", ctf.source, written_on=ctf.written_at.date())
    _school(header, "DestSchool", ctf.destination)
    data = _add(root, "CTFpupilData")
    for pupil in ctf.pupils:
        _pupil(data, pupil)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


# --- Reading -------------------------------------------------------------------------------


class CTFError(Exception):
    """A file refused, with every problem found in it."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


class _Reader:
    """Reads one element's children, noting each problem with where it was found."""

    def __init__(self, problems, where):
        self.problems, self.where = problems, where

    def problem(self, element_path, message):
        self.problems.append(f"{self.where}, <{element_path}>: {message}")

    def text(self, parent, path, *, required=False):
        value = (parent.findtext(path) or "").strip() if parent is not None else ""
        if required and not value:
            self.problem(path, "missing or empty")
        return value

    def day(self, parent, path, *, required=False):
        value = self.text(parent, path, required=required)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(path, f"{value!r} is not a date in YYYY-MM-DD form")
            return None


def _refuse_entities(raw):
    # A CTF never declares a document type; one that does could expand entities on reading.
    if re.search(rb"<!(DOCTYPE|ENTITY)", raw[:4096], re.IGNORECASE):
        raise CTFError(["the file declares a DOCTYPE or ENTITY, which a CTF never does"])


def _root(raw):
    _refuse_entities(raw)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise CTFError([f"the file is not well-formed XML ({error})"]) from None
    if root.tag != "CTfile":
        raise CTFError([f"the root element is <{root.tag}>, not <CTfile>: not a CTF"])
    return root


def _header(root, problems):
    read = _Reader(problems, "header")
    header = root.find("Header")
    if header is None:
        read.problem("Header", "missing")
        return None
    version = read.text(header, "CTFversion", required=True)
    if version and version.split(".")[0] not in READ_VERSIONS:
        read.problem("CTFversion", f"version {version} is not one this register reads")
    written = read.text(header, "DateTime", required=True)
    try:
        written_at = datetime.fromisoformat(written) if written else None
    except ValueError:
        read.problem("DateTime", f"{written!r} is not a date and time")
        written_at = None
    source = _school_ref(read, header, "SourceSchool", named=True)
    destination = _school_ref(read, header, "DestSchool")
    if written_at is None or source is None or destination is None:
        return None
    return CTF(source, destination, written_at, version)


def _school_ref(read, header, tag, *, named=False):
    element = header.find(tag)
    if element is None:
        read.problem(tag, "missing")
        return None
    lea = read.text(element, "LEA", required=True)
    estab = read.text(element, "Estab", required=True)
    name = read.text(element, "SchoolName", required=named)
    return SchoolRef(lea, estab, name, read.text(element, "URN"))


def _code(read, parent, path, allowed, what):
    value = read.text(parent, path, required=True).upper()
    if value and value not in allowed:
        read.problem(path, f"{value!r} is not {what}")
        return None
    return value or None


def _provision(read, history):
    spells = []
    for sen in history.findall("SEN"):
        starts_on = read.day(sen, "StartDate", required=True)
        code = _code(read, sen, "SENprovision", PROVISION_CODES, "an SEN provision (E, K or N)")
        ends_on = read.day(sen, "EndDate")
        if ends_on and starts_on and ends_on < starts_on:
            read.problem("SEN/EndDate", "the SEN provision ends before it starts")
        elif starts_on and code:
            spells.append(ProvisionSpell(starts_on, code, ends_on))
    return spells


def _needs(read, history):
    spells = []
    for item in history.findall("SENneeds/SENneed"):
        need_type = _code(read, item, "SENtype", NeedType.values, "one of the DfE's SEN types")
        rank_text = read.text(item, "SENtypeRank", required=True)
        if rank_text and rank_text not in ("1", "2"):
            read.problem("SENneed/SENtypeRank", f"{rank_text!r} is not 1 or 2")
        starts_on, ends_on = read.day(item, "StartDate"), read.day(item, "EndDate")
        if starts_on and ends_on and ends_on <= starts_on:
            read.problem("SENneed/EndDate", "the need type ends before it starts")
        elif need_type and rank_text in ("1", "2"):
            spells.append(NeedSpell(need_type, int(rank_text), starts_on, ends_on))
    return spells


def _read_pupil(element, number, problems):
    upn = normalise_upn(element.findtext("UPN") or "")
    read = _Reader(problems, f"pupil {number}" + (f" (UPN {upn})" if upn else ""))
    if not upn:
        read.problem("UPN", "missing or empty")
    elif problem := upn_problem(upn):
        read.problem("UPN", f"{upn!r} is not a valid UPN: {problem}")
    basic = element.find("BasicDetails")
    nc_year = read.text(basic, "NCyearActual")
    if nc_year and nc_year not in NCYear.values:
        read.problem("BasicDetails/NCyearActual", f"{nc_year!r} is not an NC year")
        nc_year = ""
    pupil = CTFPupil(
        upn,
        surname=read.text(element, "Surname", required=True),
        forename=read.text(element, "Forename", required=True),
        born_on=read.day(element, "DOB", required=True),
        preferred_surname=read.text(basic, "PreferredSurname"),
        preferred_forename=read.text(basic, "PreferredForename"),
        nc_year=nc_year,
    )
    history = element.find("SENhistory")
    if history is not None:
        pupil.provision = sorted(_provision(read, history), key=lambda s: s.starts_on)
        pupil.needs = _needs(read, history)
    return pupil


def read_ctf(raw):
    """The CTF in `raw` bytes; CTFError naming every problem when it cannot all be read."""
    root = _root(raw)
    problems: list[str] = []
    ctf = _header(root, problems)
    data = root.find("CTFpupilData")
    elements = data.findall("Pupil") if data is not None else []
    if not elements:
        problems.append("file, <CTFpupilData>: no <Pupil> in the file")
    pupils = [_read_pupil(element, n, problems) for n, element in enumerate(elements, start=1)]
    seen: set[str] = set()
    for number, pupil in enumerate(pupils, start=1):
        if pupil.upn and pupil.upn in seen:
            problems.append(f"pupil {number} (UPN {pupil.upn}), <UPN>: appears twice in the file")
        seen.add(pupil.upn)
    if problems or ctf is None:
        raise CTFError(problems)
    ctf.pupils = pupils
    return ctf
