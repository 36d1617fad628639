"""The access log: every view of a pupil's record, plan, history or PDF, by whom and when."""

from .models import AccessLogEntry


def log_access(request, pupil, what):
    user = request.user if request.user.is_authenticated else None
    AccessLogEntry.objects.create(user=user, pupil=pupil, what=what, path=request.path[:300])
