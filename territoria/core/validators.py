from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

RASTER_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp",
                  "GIF": "image/gif"}
MAX_PIXELS = 4096 * 4096


def validate_logo(upload) -> None:
    """A logo is a PNG, JPEG, WebP or GIF image of limited size.

    SVG is refused outright: it is XML that can carry script, and a logo does not need it.
    The image is decoded completely so that a truncated or disguised file is caught here.
    """
    max_bytes = settings.TERRITORY_LOGO_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The logo weighs %(size)s; the limit is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    head = upload.read(512)
    upload.seek(0)
    if b"<svg" in head.lower() or upload.name.lower().endswith(".svg"):
        raise ValidationError(_("SVG logos are not accepted (they can carry scripts): "
                                "upload a PNG, JPEG or WebP image."), code="svg")
    try:
        with Image.open(upload) as image:
            fmt = image.format
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("The logo is too large in pixels (4096 × 4096 at most)."),
                                      code="too_many_pixels")
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(_("This file is not a readable image: upload a PNG, JPEG or "
                                "WebP image."), code="not_image") from exc
    finally:
        upload.seek(0)
    if fmt not in RASTER_FORMATS:
        raise ValidationError(_("Image format %(format)s is not accepted: upload a PNG, JPEG or "
                                "WebP image.") % {"format": fmt}, code="format")
