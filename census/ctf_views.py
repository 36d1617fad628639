"""The SENCO's CTF pages: write a file for pupils leaving, read one for pupils joining
(census.transfers does the work; docs/ctf.md)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from sen_register.core import access
from sen_register.core.downloads import download

from .ctf_format import CTFError
from .ctf_forms import JoiningForm, LeavingForm
from .transfers import ctf_import, destination_ref, logged_as, write_leaving_ctf


@login_required
def ctf_leaving(request, urn):
    school = access.get_school_for(request.user, urn, "transfer_pupils")
    form = LeavingForm(request.POST or None, school=school)
    if request.method == "POST" and school.laestab and form.is_valid():
        pupils = list(form.cleaned_data["pupils"])
        destination = destination_ref(form.cleaned_data["to"])
        name, body = write_leaving_ctf(school, pupils, destination=destination)
        return download(
            request,
            body,
            filename=name,
            content_type="application/xml",
            what=logged_as(name),
            school=school,
            pupils=pupils,
        )
    return render(request, "census/ctf_leaving.html", {"school": school, "form": form})


@login_required
def ctf_joining(request, urn):
    school = access.get_school_for(request.user, urn, "transfer_pupils")
    initial = {"joined_on": timezone.localdate()}
    form = JoiningForm(request.POST or None, request.FILES or None, initial=initial)
    context = {"school": school, "form": form, "problems": [], "summary": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        check_only = form.cleaned_data["check_only"]
        try:
            summary = ctf_import(
                school=school,
                raw=upload.read(),
                name=upload.name,
                joined_on=form.cleaned_data["joined_on"],
                user=request.user,
                dry_run=check_only,
            )
        except CTFError as refused:
            context["problems"] = refused.problems
        else:
            context["summary"] = summary
            context["checked_only"] = check_only
    return render(request, "census/ctf_joining.html", context)
