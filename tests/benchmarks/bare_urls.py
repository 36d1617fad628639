"""The project's URLs plus a bare view: the benchmarks' floor for a page of 50 rows. It renders
the register's own template from a context already in memory (the same 50 pupils' rows as
drawn, the same filter form and summary), through the same middleware, with no
access policy, derivation or queries of its own beyond what rendering that template asks for
(the filter form lists the school's classes)."""

from django.shortcuts import render
from django.urls import include, path

CONTEXT = {}  # filled by the benchmark before it asks for the page
TEMPLATE = "pupils/register.html"


def bare_rows(request):
    return render(request, TEMPLATE, CONTEXT)


urlpatterns = [path("bare/", bare_rows), path("", include("sen_register.urls"))]
