import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from territoria.accounts.models import Role
from tests.factories import MembershipFactory, TerritoryFactory, UserFactory


def give_totp(user):
    """Administrators must have a second factor, or every page sends them to set one up."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def png_bytes(size=(40, 20), colour=(31, 95, 139)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(content: bytes, name: str = "logo.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Pays de Test", slug="pays-de-test")


def member(territory, role: str, **user_fields):
    user = UserFactory(**user_fields)
    MembershipFactory(territory=territory, user=user, role=role)
    if role == Role.ADMINISTRATOR:
        give_totp(user)
    return user


@pytest.fixture
def administrator(territory):
    return member(territory, Role.ADMINISTRATOR, display_name="Alice Admin")


@pytest.fixture
def operator(db):
    return give_totp(UserFactory(is_superuser=True, is_staff=True, display_name="Olga Operator"))
