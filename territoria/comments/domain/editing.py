"""When a comment may still be edited: within a window after it was written (15 minutes
by default, ``COMMENTS_EDIT_WINDOW_MINUTES``), so that a typo can be fixed but a reply
cannot be made to say something else long after others have answered it."""

from datetime import datetime, timedelta


def edit_deadline(created_at: datetime, window: timedelta) -> datetime:
    return created_at + window


def can_still_edit(*, created_at: datetime, now: datetime, window: timedelta) -> bool:
    return now < edit_deadline(created_at, window)
