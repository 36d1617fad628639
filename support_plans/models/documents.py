"""Documents kept with a pupil's SEN record: reports, letters, advice (PDF, images, Word),
stored through Django's storage API (the filesystem by default, an S3-compatible store when
configured), each staff-only or shared with the pupil's parents."""

import uuid

from django.conf import settings
from django.db import models

from pupils.models import Pupil

from .. import document_types


def stored_name(document, filename):
    # A random name: the store never holds a pupil's name, nor a name someone typed.
    return (
        f"documents/{document.pupil.school_id}/{uuid.uuid4().hex}."
        f"{document_types.extension(document.content_type)}"
    )


class PupilDocument(models.Model):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200, help_text="For example: Educational psychology report")
    dated = models.DateField("Date of the document")
    file = models.FileField(upload_to=stored_name)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    shared_with_parents = models.BooleanField(
        "Share with the pupil's parents", default=False, help_text="They can then open it."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dated", "-id"]

    def __str__(self):
        return self.title

    @property
    def kind_in_words(self):
        return document_types.in_words(self.content_type)

    @property
    def download_name(self):
        words = "-".join(self.title.split()).lower()
        return f"{words}.{document_types.extension(self.content_type)}"
