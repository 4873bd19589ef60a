"""Where files that are not public are kept: outside MEDIA_ROOT, served only by views that
check permissions (uploaded import files, reports of private territories)."""

from django.core.files.storage import storages


def private_storage():
    """The ``private`` storage of ``STORAGES`` (a callable, so that tests may change it)."""
    return storages["private"]
