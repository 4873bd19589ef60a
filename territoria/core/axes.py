"""The axes of life on a territory: every function a systemic diagnostic looks at.

One list serves the indicator catalogue, the diagnostic board, the strategy's orientations
and the citizen barometer, so that an item, an indicator and an ambition line up.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Axis(models.TextChoices):
    MOBILITY = "mobility", _("Mobility")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    ECONOMY = "economy", _("Economy and jobs")
    SAFETY = "safety", _("Safety")
    HOUSING = "housing", _("Housing")
    ENVIRONMENT = "environment", _("Environment")
    CULTURE = "culture", _("Culture and social life")
    PUBLIC_SERVICES = "public_services", _("Public services")
    PARTICIPATION = "participation", _("Participation")
    WELL_BEING = "well_being", _("Well-being")
