from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES as BASE_STORAGES
from .base import SECRET_KEY, env_bool

DEBUG = False
# Never the demo here: its accounts have a published password and TOTP secret.
DEMO_COMMANDS = False
if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set TERRITORIA_SECRET_KEY in production.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": BASE_STORAGES["private"],
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
