"""The access log: every view of a pupil's record, plan or history, and every download of
pupil data (a pupil's PDF, a whole-school file, a subject access export), by whom and when.

Entries name the school and the pupil's number as well as linking to them, so they outlive
an erased pupil (sen_register.core.models.AccessLogEntry)."""

from .models import AccessLogEntry


def _entry(*, user, what, path, school=None, pupil=None, download=False, user_email=""):
    signed_in = user is not None and user.is_authenticated
    return AccessLogEntry.objects.create(
        user=user if signed_in else None,
        user_email=user.email if signed_in else user_email,
        school=school if school is not None else (pupil.school if pupil else None),
        pupil=pupil,
        pupil_ref=pupil.pk if pupil else None,
        what=what,
        download=download,
        path=path[:300],
    )


def log_access(request, pupil, what):
    """Someone looked at a page about one pupil."""
    return _entry(user=request.user, what=what, path=request.path, pupil=pupil)


def log_school_view(request, school, what):
    """Someone looked at a page naming many of the school's pupils at once."""
    return _entry(user=request.user, what=what, path=request.path, school=school)


def log_download(request, *, what, school, pupil=None):
    """Someone downloaded pupil data: one pupil's, or a file of the school's pupils."""
    return _entry(
        user=request.user,
        what=what,
        path=request.get_full_path(),
        school=school,
        pupil=pupil,
        download=True,
    )


def log_download_of_each(request, *, what, school, pupils):
    """Someone downloaded one file about several named pupils (a group's passports): an entry
    for each, so every pupil's own access log shows it. One query whatever the number."""
    user = request.user
    return AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            user_email=user.email,
            school=school,
            pupil=pupil,
            pupil_ref=pupil.pk,
            what=what,
            download=True,
            path=request.get_full_path()[:300],
        )
        for pupil in pupils
    )


def log_command_export(*, what, school, pupil=None, run_by="command line"):
    """Pupil data written to a file by a management command."""
    return _entry(
        user=None,
        user_email=run_by,
        what=what,
        path="command",
        school=school,
        pupil=pupil,
        download=True,
    )
