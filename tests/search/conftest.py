import pytest

from territoria.accounts.models import Role
from tests.factories import MembershipFactory, TerritoryFactory


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Val de Loire", slug="val-de-loire")


@pytest.fixture
def staff(territory):
    return MembershipFactory(territory=territory, role=Role.STAFF).user


@pytest.fixture
def resident(territory):
    return MembershipFactory(territory=territory, role=Role.RESIDENT).user


@pytest.fixture
def board(territory, staff, resident, django_capture_on_commit_callbacks):
    """A few contributions and an opinion map, written through the services (which index
    them on commit)."""
    from territoria.diagnostic.services import item_contribute
    from territoria.opinion.services import conversation_create, statement_submit

    with django_capture_on_commit_callbacks(execute=True):
        school = item_contribute(
            author=resident, territory=territory, kind="weakness", axis="education",
            title="L'école du bourg va fermer",
            explanation="Les familles partent: le développement du bourg est en panne.")
        shops = item_contribute(
            author=resident, territory=territory, kind="strength", axis="economy",
            title="Des commerces vivants",
            explanation="Les communes voisines viennent au marché du samedi.")
        conversation = conversation_create(
            actor=staff, territory=territory, title="Comment revitaliser le centre-bourg ?",
            description="Une consultation sur les commerces et les écoles.",
            seed_statements=["Il faut une maison de santé", "Les loyers sont trop chers"])
        statement = statement_submit(conversation=conversation, author=resident,
                                     text="Le développement durable passe par le vélo")
    return {"school": school, "shops": shops, "conversation": conversation,
            "statement": statement}
