"""The project's URLs plus the load benchmark's floor: the cheapest signed-in page there can be.
It passes through every middleware a real page does (session, sign-in, second factor, session
lifetime, CSP) and renders the layout every page shares (service navigation included), with no
access policy, query or content of its own. Each page's requests per second are measured as a
share of this page's, in the same run on the same machine."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    return render(request, "base.html")


urlpatterns = [path("load-floor/", floor), path("", include("sen_register.urls"))]
