from .base import *  # noqa: F403

DEBUG = True
from .base import STATIC_ROOT  # noqa: E402
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# `territoria demo` and `territoria totp_code`: accounts with a published password and TOTP secret.
DEMO_COMMANDS = True
