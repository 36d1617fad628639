"""Requests larger than any form here needs are refused from their Content-Length header,
before a byte of the body is read or written to disk. The largest upload is a register file
of at most 10 MB (pupils.forms.IMPORT_MAX_BYTES); a little more is allowed for the rest of
the form."""

from django.conf import settings
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return render(request, "413.html", {"limit_mb": limit}, status=413)
        return self.get_response(request)
