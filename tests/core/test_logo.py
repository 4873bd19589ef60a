"""Territory logos: raster images of limited size, nothing else."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from territoria.core.validators import validate_logo
from tests.core.conftest import png_bytes, upload

SVG_WITH_SCRIPT = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
                   b'height="10"><script>alert(document.cookie)</script></svg>')


def noisy_png(side: int) -> bytes:
    """A real PNG that does not compress: random pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def refusal(file) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        validate_logo(file)
    return error.value


def test_a_valid_png_is_accepted():
    validate_logo(upload(png_bytes()))


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_jpeg_and_webp_logos_are_accepted(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (200, 30, 30)).save(buffer, format=fmt)
    validate_logo(upload(buffer.getvalue(), name=f"logo.{fmt.lower()}"))


def test_an_oversized_logo_is_refused_with_its_weight_and_the_limit():
    content = noisy_png(500)
    assert len(content) > 512 * 1024
    error = refusal(upload(content))
    assert error.code == "too_large"
    assert "the limit is 512" in error.messages[0]


def test_a_file_that_is_not_an_image_is_refused():
    error = refusal(upload(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", name="logo.png"))
    assert error.code == "not_image"
    assert error.messages == ["This file is not a readable image: upload a PNG, JPEG or WebP "
                              "image."]


def test_a_truncated_png_is_refused():
    content = noisy_png(60)
    error = refusal(upload(content[: len(content) // 2]))
    assert error.code == "not_image"


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_an_svg_carrying_a_script_is_refused_even_under_another_name(name):
    error = refusal(upload(SVG_WITH_SCRIPT, name=name, content_type="image/svg+xml"))
    assert error.code == "svg"
    assert "SVG logos are not accepted" in error.messages[0]


def test_an_image_of_too_many_pixels_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (5000, 4000)).save(buffer, format="PNG")  # tiny file, 20 Mpixels
    error = refusal(upload(buffer.getvalue()))
    assert error.code == "too_many_pixels"


def test_a_gif_is_accepted_but_a_bmp_is_not():
    gif, bmp = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    Image.new("RGB", (10, 10)).save(bmp, format="BMP")
    validate_logo(upload(gif.getvalue(), name="logo.gif"))
    assert refusal(upload(bmp.getvalue(), name="logo.bmp")).code == "format"


def test_the_file_can_be_read_again_after_validation():
    file = upload(png_bytes())
    validate_logo(file)
    assert file.read(8) == b"\x89PNG\r\n\x1a\n"


# Through the settings page: the message is shown and nothing is changed.

@pytest.mark.django_db
@pytest.mark.parametrize(("content", "name", "message"), [
    (SVG_WITH_SCRIPT, "logo.svg", "SVG logos are not accepted"),
    (b"GIF89a but not really", "logo.gif", "This file is not a readable image"),
    (None, "logo.png", "the limit is 512"),
])
def test_a_refused_logo_leaves_the_territory_unchanged(client, territory, administrator,
                                                        content, name, message):
    client.force_login(administrator)
    content = content if content is not None else noisy_png(500)
    before = territory.history.count()
    response = client.post(reverse("core:territory-settings", args=[territory.slug]), {
        "name": "Nom changé", "main_colour": "#aa0000", "is_public": "on",
        "logo": upload(content, name=name)})
    assert response.status_code == 200
    assert message in response.content.decode()
    territory.refresh_from_db()
    assert (territory.name, territory.main_colour, territory.logo.name) == (
        "Pays de Test", "#1f5f8b", "")
    assert territory.history.count() == before


@pytest.mark.django_db
def test_a_valid_logo_is_saved_and_shown(client, territory, administrator):
    client.force_login(administrator)
    response = client.post(reverse("core:territory-settings", args=[territory.slug]), {
        "name": territory.name, "main_colour": territory.main_colour, "is_public": "on",
        "logo": upload(png_bytes())}, follow=True)
    territory.refresh_from_db()
    assert territory.logo.name.startswith("logos/")
    assert territory.logo.url in response.content.decode()
