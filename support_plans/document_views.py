"""Documents kept with a pupil's record: the SENCO adds them; staff open any, parents those
shared with them. Every download goes through the access policy and is logged."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from pupils.access import get_pupil_for
from sen_register.core import access
from sen_register.core.downloads import download

from . import document_types
from .forms import date_inputs, not_future
from .models import PupilDocument


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(
        label="The file",
        help_text=f"{document_types.ACCEPTED_IN_WORDS.capitalize()}, at most "
        f"{settings.SEN_DOCUMENT_MAX_BYTES // (1024 * 1024)} MB.",
    )

    class Meta:
        model = PupilDocument
        fields = ["title", "dated", "shared_with_parents"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_inputs(self, "dated")

    def clean_dated(self):
        return not_future(self.cleaned_data["dated"], "The document's date")

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        limit = settings.SEN_DOCUMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size / 1024 / 1024:.1f} MB; the largest the register "
                f"keeps is {limit // (1024 * 1024)} MB."
            )
        content = upload.read()
        kind = document_types.detect(content)
        if kind is None:
            raise forms.ValidationError(
                f"{upload.name} is not {document_types.ACCEPTED_IN_WORDS} (read from what is "
                "inside it, not its name). Save it as a PDF and try again."
            )
        upload.seek(0)
        self.instance.content_type, self.instance.size = kind, upload.size
        return upload


@login_required
def document_add(request, pk):
    pupil = get_pupil_for(request.user, pk, "edit_sen_record")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.instance
        document.pupil, document.uploaded_by = pupil, request.user
        document.file.save("upload", form.cleaned_data["upload"], save=False)
        document.save()
        messages.success(request, f"{document.title} is kept with the record.")
        return redirect("pupil_record", pk=pupil.pk)
    return render(
        request,
        "support_plans/document_form.html",
        {"pupil": pupil, "form": form, "title": "Add a document"},
    )


@login_required
def document_download(request, pk, item):
    pupil = get_pupil_for(request.user, pk, "read_shared_documents")
    document = get_object_or_404(PupilDocument, pk=item, pupil=pupil)
    if not document.shared_with_parents and not access.can(
        request.user, "read_staff_documents", pupil
    ):
        raise Http404("No such document.")
    with document.file.open("rb") as stored:
        content = stored.read()
    return download(
        request,
        content,
        filename=document.download_name,
        content_type=document.content_type,
        what=f"document: {document.title}",
        school=pupil.school,
        pupil=pupil,
    )
