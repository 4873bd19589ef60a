"""Where files that are not public are kept: outside MEDIA_ROOT, served only by views that
check permissions (uploaded import files, reports of private territories)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
