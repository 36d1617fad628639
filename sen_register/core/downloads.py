"""Every download of pupil data leaves here: logged first (sen_register.core.audit), named with a
header that survives any name (line breaks, non-Latin letters), and, like every signed-in
response, never kept in a cache (sen_register.core.headers)."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from .audit import log_download, log_download_of_each


def download(request, body, *, filename, content_type, what, school, pupil=None, pupils=None):
    """A response that saves `body` (bytes, or an iterable of text lines to stream) as
    `filename`, recorded in the access log as `what`: against `pupil`, against each of
    `pupils` (a file naming a few, such as a group's passports), or against the school."""
    if pupils is not None:
        log_download_of_each(request, what=what, school=school, pupils=pupils)
    else:
        log_download(request, what=what, school=school, pupil=pupil)
    response: HttpResponse | StreamingHttpResponse
    if isinstance(body, (bytes, str)):
        response = HttpResponse(body, content_type=content_type)
    else:
        response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
