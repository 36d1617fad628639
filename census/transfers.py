"""Pupils moving school with their SEN history (docs/ctf.md): the Common Transfer File a school
writes for leaving pupils, from the standings it keeps, and the one it reads for joining
pupils, into dated records marked as transferred.

What the receiving school holds the day after the move is what the pupil left with: an EHC
plan arrives as a plan (E); SEN support arrives as a decision "SEN support at the previous
school", which holds until this school assesses the pupil on its own grid
(census.derivation.decisions_holding) and is listed for the SENCO to do so; need types arrive
with their ranks and dates.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from pupils.changes import batched
from pupils.models import EHCPlan, Pupil, SencoDecision, SENNeed, TransferIn
from sen_register.core.dates import in_words
from sen_register.core.models import AccessLogEntry

from .ctf_format import (
    CTF,
    UNKNOWN_ESTAB,
    UNKNOWN_LA,
    CTFError,
    CTFPupil,
    NeedSpell,
    ProvisionSpell,
    SchoolRef,
    ctf_bytes,
    file_name,
    read_ctf,
)
from .models import StandingPeriod

LOGGED_AS = "Common Transfer File"


def school_ref(school):
    laestab = school.laestab or ""
    return SchoolRef(laestab[:3], laestab[3:], school.name, school.urn)


def destination_ref(laestab):
    """The school a file is for, from its LAESTAB; blank for "not known"."""
    laestab = (laestab or "").strip()
    return SchoolRef(laestab[:3], laestab[3:]) if laestab else SchoolRef(UNKNOWN_LA, UNKNOWN_ESTAB)


# --- Leaving pupils ------------------------------------------------------------------------


def provision_spells(periods, last_day):
    """The SEN provision a pupil had at this school up to `last_day`, from their kept periods
    in date order: one spell a change of code, starting when the pupil first had SEN provision
    (a pupil never at K or E has none)."""
    spells: list[ProvisionSpell] = []
    for period in periods:
        if not period.on_roll or period.valid_from > last_day:
            continue
        held = spells[-1].code if spells else "N"
        if period.code != held:
            spells.append(ProvisionSpell(period.valid_from, period.code))
    return spells


def need_spells(needs, last_day):
    return [
        NeedSpell(
            n.need_type,
            n.rank,
            n.recorded_on,
            n.ended_on if n.ended_on and n.ended_on <= last_day else None,
        )
        for n in needs
        if n.recorded_on <= last_day
    ]


def leaving_ctf(school, pupils, *, destination, now=None):
    """The CTF for `pupils` of `school` leaving for `destination` (a SchoolRef). Three
    queries whatever the number of pupils."""
    now = now or timezone.localtime()
    ids = [p.pk for p in pupils]
    periods: dict[int, list] = {pk: [] for pk in ids}
    for period in StandingPeriod.objects.filter(pupil_id__in=ids).order_by("valid_from"):
        periods[period.pupil_id].append(period)
    needs: dict[int, list] = {pk: [] for pk in ids}
    for need in SENNeed.objects.filter(pupil_id__in=ids).order_by("recorded_on", "id"):
        needs[need.pupil_id].append(need)
    ctf = CTF(school_ref(school), destination, now)
    for pupil in sorted(pupils, key=lambda p: p.upn):
        last_day = min(pupil.left_on or now.date(), now.date())
        ctf.pupils.append(
            CTFPupil(
                pupil.upn,
                surname=pupil.legal_surname,
                forename=pupil.legal_forename,
                born_on=pupil.date_of_birth,
                preferred_surname=pupil.preferred_surname,
                preferred_forename=pupil.preferred_forename,
                nc_year=pupil.nc_year,
                provision=provision_spells(periods[pupil.pk], last_day),
                needs=need_spells(needs[pupil.pk], last_day),
            )
        )
    return ctf


def next_file_name(school, destination):
    """The file's name, numbered after the files already written from this school to that
    destination (each is in the access log under its name)."""
    stem = f"{school.laestab}_CTF_{destination.laestab}_"
    written = (
        AccessLogEntry.objects.filter(school=school, what__startswith=f"{LOGGED_AS} {stem}")
        .values("what")
        .distinct()
        .count()
    )
    return file_name(school.laestab, destination.laestab, written + 1)


def logged_as(name):
    return f"{LOGGED_AS} {name}"


def write_leaving_ctf(school, pupils, *, destination):
    """(file name, bytes) of the CTF for pupils leaving."""
    return next_file_name(school, destination), ctf_bytes(
        leaving_ctf(school, pupils, destination=destination)
    )


# --- Joining pupils ------------------------------------------------------------------------


@dataclass
class TransferSummary:
    pupils_added: int = 0
    pupils_matched: int = 0
    ehc_plans_added: int = 0
    sen_support_carried: int = 0
    needs_added: int = 0

    def lines(self):
        return [
            f"pupils added: {self.pupils_added}",
            f"pupils already on the register (matched by UPN): {self.pupils_matched}",
            f"EHC plans added: {self.ehc_plans_added}",
            f"SEN support carried over, to assess on this school's grid: "
            f"{self.sen_support_carried}",
            f"need types added: {self.needs_added}",
        ]


def _check_destination(school, ctf, problems):
    to = ctf.destination
    if to.lea == UNKNOWN_LA or not school.laestab or to.laestab == school.laestab:
        return
    problems.append(
        f"header, <DestSchool>: the file is for LAESTAB {to.laestab}, "
        f"not this school ({school.laestab})"
    )


def _wall_clock(moment):
    """A kept time as the file wrote it: local, to the second, with no zone."""
    return timezone.localtime(moment).replace(microsecond=0, tzinfo=None)


def _check_pupils(school, ctf, existing, problems):
    earlier = {
        (t.pupil_id, t.from_school, _wall_clock(t.file_written_at)): t
        for t in TransferIn.objects.filter(pupil__in=existing.values())
    }
    written_at = ctf.written_at.replace(tzinfo=None)
    for number, pupil in enumerate(ctf.pupils, start=1):
        where = f"pupil {number} (UPN {pupil.upn})"
        held = existing.get(pupil.upn)
        if held is None and not pupil.nc_year:
            problems.append(f"{where}, <BasicDetails/NCyearActual>: needed to add a new pupil")
        if held is not None:
            done = earlier.get((held.pk, ctf.source.name, written_at))
            if done is not None:
                problems.append(
                    f"{where}, <Header/DateTime>: this file's SEN history was imported "
                    f"on {in_words(timezone.localdate(done.received_at))}"
                )


def _spell_ends(spells):
    """Each provision spell with the first day it no longer holds (None: still holds)."""
    for i, spell in enumerate(spells):
        following = spells[i + 1] if i + 1 < len(spells) else None
        ends = [d for d in (spell.ends_on, following and following.starts_on) if d]
        yield spell, min(ends) if ends else None


def _carry_over(transfer, pupil, spells, summary):
    """The provision spells as this register's records, each marked with the transfer."""
    for spell, ends_on in _spell_ends(spells):
        if ends_on is not None and ends_on <= spell.starts_on:
            continue
        if spell.code == "E":
            EHCPlan.objects.create(
                pupil=pupil,
                issued_on=spell.starts_on,
                ceased_on=ends_on - timedelta(days=1) if ends_on else None,
                transfer=transfer,
            )
            summary.ehc_plans_added += 1
        elif spell.code == "K":
            SencoDecision.objects.create(
                pupil=pupil,
                code="K",
                reason=f"SEN support at the previous school ({transfer.from_school})",
                decided_on=spell.starts_on,
                withdrawn_on=ends_on,
                transfer=transfer,
            )
            summary.sen_support_carried += 1


def _bring_in(school, ctf, pupil_in, held, *, name, user, joined_on, summary):
    if held is None:
        held = Pupil.objects.create(
            school=school,
            upn=pupil_in.upn,
            legal_surname=pupil_in.surname,
            legal_forename=pupil_in.forename,
            preferred_surname=pupil_in.preferred_surname,
            preferred_forename=pupil_in.preferred_forename,
            date_of_birth=pupil_in.born_on,
            nc_year=pupil_in.nc_year,
            joined_on=joined_on,
        )
        summary.pupils_added += 1
    else:
        summary.pupils_matched += 1
    transfer = TransferIn.objects.create(
        pupil=held,
        school=school,
        from_school=ctf.source.name,
        from_laestab=ctf.source.laestab[:7],
        file_name=name[:255],
        file_written_at=timezone.make_aware(ctf.written_at.replace(tzinfo=None)),
        received_by=user,
    )
    _carry_over(transfer, held, pupil_in.provision, summary)
    # A need written without dates holds from the start of the pupil's latest SEN provision.
    latest = pupil_in.provision[-1].starts_on if pupil_in.provision else ctf.written_at.date()
    for need in pupil_in.needs:
        SENNeed.objects.create(
            pupil=held,
            need_type=need.need_type,
            rank=need.rank,
            recorded_on=need.starts_on or latest,
            ended_on=need.ends_on,
            transfer=transfer,
        )
        summary.needs_added += 1


def ctf_import(*, school, raw, name, joined_on, user=None, dry_run=False):
    """Bring in the SEN history of the pupils in a CTF, all or nothing: CTFError naming every
    problem, or the summary of what was (or with dry_run would have been) added."""
    ctf = read_ctf(raw)
    existing = {
        p.upn: p for p in Pupil.objects.filter(school=school, upn__in=[p.upn for p in ctf.pupils])
    }
    problems: list[str] = []
    _check_destination(school, ctf, problems)
    _check_pupils(school, ctf, existing, problems)
    if problems:
        raise CTFError(problems)
    summary = TransferSummary()
    # The census standings of every pupil brought in are worked out once, at the end.
    with batched():
        for pupil_in in ctf.pupils:
            _bring_in(
                school,
                ctf,
                pupil_in,
                existing.get(pupil_in.upn),
                name=name,
                user=user,
                joined_on=joined_on,
                summary=summary,
            )
        if dry_run:
            transaction.set_rollback(True)
    return summary
