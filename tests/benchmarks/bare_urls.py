"""The project's URLs plus a bare view: the benchmarks' floor for a page of 50 rows, served
through the same middleware but with its rows already in memory and no rules applied."""

from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path

ROWS = []  # filled by the benchmark before it asks for the page
BARE = Template(
    "<table>{% for p in rows %}<tr><td>{{ p.legal_forename }} {{ p.legal_surname }}</td>"
    "<td>{{ p.upn }}</td><td>{{ p.nc_year }}</td></tr>{% endfor %}</table>"
)


def bare_rows(request):
    return HttpResponse(BARE.render(Context({"rows": ROWS})))


urlpatterns = [path("bare/", bare_rows), path("", include("sen_register.urls"))]
