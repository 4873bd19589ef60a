"""Forms of accounts and roles: allauth's forms adapted to our field component, invitations,
member roles, account deletion."""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from territoria.accounts.models import Role


def password_help_text() -> str:
    """The password rules as one plain sentence per validator.

    Django gives them as an HTML list, which cannot sit in our field component's help
    paragraph (``ui/field.html``) and would leave ``aria-describedby`` pointing at nothing.
    """
    return " ".join(password_validation.password_validators_help_texts())


class PlainPasswordHelpMixin:
    """Replace the HTML list of password rules on the new-password field by plain text."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = password_help_text()


class EmailLabelMixin:
    """Call the e-mail field what the rest of the site calls it.

    allauth labels it "Email", which Django's own catalog, loaded first, translates as
    "Courriel"; our pages say "Adresse e-mail" everywhere else.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("email", "login"):
            if name in self.fields:
                self.fields[name].label = _("E-mail address")


class SignupForm(EmailLabelMixin, PlainPasswordHelpMixin, allauth_forms.SignupForm):
    pass


class LoginForm(EmailLabelMixin, allauth_forms.LoginForm):
    pass


class ResetPasswordForm(EmailLabelMixin, allauth_forms.ResetPasswordForm):
    pass


class AddEmailForm(EmailLabelMixin, allauth_forms.AddEmailForm):
    pass


class ChangePasswordForm(PlainPasswordHelpMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(PlainPasswordHelpMixin, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordKeyForm(PlainPasswordHelpMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False,
        help_text=_("For a local actor only: the company, association or service they "
                    "belong to."))


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False,
        help_text=_("For a local actor only: the company, association or service they "
                    "belong to."))


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that you are the owner of this account."))

    def __init__(self, *args, user, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password


class CensusForm(forms.Form):
    file = forms.FileField(
        label=_("Census file (CSV)"),
        help_text=_("One e-mail address per line under a column headed “email”; other "
                    "columns are ignored. Separated by commas or semicolons."))
