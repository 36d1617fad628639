"""What a document really is, read from its first bytes and never from its name: a PDF, a PNG
or JPEG image, or a Word document (.docx, or the older .doc). Anything else is refused."""

import io
import zipfile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = {
    "application/pdf": ("pdf", "PDF"),
    "image/png": ("png", "PNG image"),
    "image/jpeg": ("jpg", "JPEG image"),
    DOCX: ("docx", "Word document"),
    "application/msword": ("doc", "Word document"),
}
ACCEPTED_IN_WORDS = "a PDF, an image (PNG or JPEG) or a Word document"


def detect(content):
    """The content type of `content` (bytes), or None if it is none the register keeps."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/msword"
    if content.startswith(b"PK\x03\x04") and _is_docx(content):
        return DOCX
    return None


def _is_docx(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def extension(content_type):
    return KINDS[content_type][0]


def in_words(content_type):
    return KINDS[content_type][1]
