import pytest


@pytest.mark.french
@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/",
                                 "/accounts/password/reset/"])
def test_the_email_field_is_called_adresse_e_mail_as_everywhere_else(client, url):
    html = client.get(url).content.decode()
    assert "Adresse e-mail" in html
    assert "Courriel" not in html
