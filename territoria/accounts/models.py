"""Users, their roles in each territory, and invitations."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from territoria.core.models import TerritoryScopedModel


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("administrator")
    ELECTED = "elected", _("elected official")
    STAFF = "staff", _("staff")
    PMO = "pmo", _("PMO")
    PROJECT_LEAD = "project_lead", _("project lead")
    LOCAL_ACTOR = "local_actor", _("local actor")
    RESIDENT = "resident", _("resident")


class EmailUserManager(UserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.password = ""
        if password is not None:
            user.set_password(password)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        user = self._create_user_object(None, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self.create_user(email, password, **extra_fields)


# Deleted accounts keep their row (contributions and audit history point to it) under an
# address of this reserved domain (RFC 2606), which can receive no mail.
DELETED_EMAIL_DOMAIN = "deleted.invalid"


class User(AbstractUser):
    """A person with an account; identified by e-mail address, no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        if self.is_deleted:
            return str(_("deleted account"))
        return self.display_name or self.email

    @property
    def is_deleted(self) -> bool:
        return self.email.endswith("@" + DELETED_EMAIL_DOMAIN)

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return str(self)


class Membership(TerritoryScopedModel):
    """A user's role in one territory (one role per user and territory)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True,
                                    help_text=_("For a local actor: the company, association "
                                                "or service they belong to."))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["territory", "user"], name="accounts_one_role"),
        ]
        ordering = ["territory", "role", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.territory})"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TerritoryScopedModel):
    """An invitation to join a territory with a role; accepted by following a link."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.get_role_display()}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return not self.is_accepted and self.expires_at <= timezone.now()


class ResidentVerification(TerritoryScopedModel):
    """A member of a territory checked as a resident: by hand by the team, or because their
    e-mail address is on the census the territory uploaded (as Decidim's ``csv_census``).

    Votes and consultations that require it accept only verified residents
    (``permissions.is_verified_resident``).
    """

    class Method(models.TextChoices):
        MANUAL = "manual", _("checked by the team")
        CENSUS = "census", _("on the census")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="resident_verifications")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    verified_at = models.DateTimeField(_("verified on"))
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["territory", "user"],
                                               name="accounts_one_verification")]
        verbose_name = _("resident verification")
        verbose_name_plural = _("resident verifications")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_method_display()}"


class CensusEntry(TerritoryScopedModel):
    """An e-mail address on a territory's census (lower case). A member with this address,
    now or when they join later, is a verified resident."""

    email = models.EmailField(_("e-mail address"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["territory", "email"],
                                               name="accounts_one_census_entry")]
        verbose_name = _("census entry")
        verbose_name_plural = _("census entries")
