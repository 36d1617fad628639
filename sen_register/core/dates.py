"""Dates in words for sentences written in Python: messages, the census basis, findings. The
format itself is kept once, in sen_register/formats/en_GB/formats.py, and templates use it
through `|date`."""

from django.utils import dateformat

from sen_register.formats.en_GB.formats import DATE_FORMAT


def in_words(day):
    """`date(2024, 3, 1)` -> "1 March 2024"."""
    return dateformat.format(day, DATE_FORMAT)
