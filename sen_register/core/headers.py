"""Headers on every response the application itself writes (static files are served before
this and keep their long cache).

- Cache-Control: pages and downloads hold children's data, and a shared computer's browser
  cache or a proxy must not keep them; the back button after signing out shows nothing.
- Permissions-Policy: the register never needs a camera, microphone, location or payment, so
  no page (or anything injected into one) may ask for them.
"""

from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
