"""The Agorapolis in a browser: a resident reads a consultation whose proposals include
hostile titles (no injected script runs), makes a proposal and supports another with a
double click (one support); the team answers; a visitor registers to a workshop and
downloads its calendar file."""

from datetime import timedelta

from playwright.sync_api import expect

from territoria.accounts.models import Role
from tests.e2e.people import sign_in_directly
from tests.e2e.text import fr, label
from tests.factories import (
    ConsultationFactory,
    MembershipFactory,
    ProposalFactory,
    TerritoryFactory,
)

HOSTILE = ['<script>window.injected = "script"</script>',
           '<img src=x onerror="window.injected = \'img\'">']


def test_a_resident_proposes_and_supports_and_the_team_answers(page, live_server):
    from territoria.agora.models import Proposal, Support

    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    consultation = ConsultationFactory(territory=territory,
                                       title="Comment redonner vie au centre-bourg ?")
    for title in HOSTILE:
        ProposalFactory(consultation=consultation, title=title, body=title)
    market = ProposalFactory(consultation=consultation, title="Un marché le mercredi soir",
                             support_count=0)
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError(dialog.message)))

    # A visitor reads the consultation: the hostile titles show as text.
    page.goto(territory.get_absolute_url())
    page.get_by_role("navigation", name=fr("Territory")).get_by_role(
        "link", name=fr("Agorapolis")).click()
    page.get_by_role("link", name="Comment redonner vie au centre-bourg ?").click()
    main = page.get_by_role("main")
    for title in HOSTILE:
        expect(main.get_by_role("link", name=title)).to_be_visible()
    assert page.evaluate("window.injected") is None
    page.get_by_role("link", name=HOSTILE[1]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE[1])
    assert page.evaluate("window.injected") is None

    # A resident makes a proposal.
    sign_in_directly(page, resident, live_server.url)
    page.goto(f"/t/{territory.slug}/agora/consultations/{consultation.pk}/")
    page.get_by_role("link", name=fr("Make a proposal")).click()
    page.get_by_label(label("Title")).fill("Des bancs à l'ombre place du Champ-de-Mars")
    page.get_by_label(label("Your proposal")).fill("Pour les anciens et les familles.")
    page.get_by_label(label("Axis of life")).select_option("well_being")
    page.get_by_role("button", name=fr("Publish")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("Your proposal is published."))

    # … and supports another with a double click: the button disables, one support counts.
    page.goto(f"/t/{territory.slug}/agora/proposals/{market.pk}/")
    page.get_by_role("button", name=fr("Support") + " — Un marché le mercredi soir").dblclick()
    expect(page.get_by_role("main")).to_contain_text(fr("You support this proposal."))
    assert Support.objects.filter(proposal=market).count() == 1
    assert Proposal.objects.get(pk=market.pk).support_count == 1
    page.reload()
    expect(page.get_by_text(fr("You support this proposal."))).to_be_visible()

    # … comments on it, in place (htmx; axe-core checks the page after the swap) …
    page.get_by_label(label("Your comment")).fill("Et avec les producteurs du canton !")
    page.get_by_role("button", name=fr("Publish the comment")).click()
    thread = page.locator(f"#comments-agora-proposal-{market.pk}")
    expect(thread.get_by_role("status")).to_have_text(fr("Your comment is published."),
                                                      use_inner_text=True)
    expect(thread).to_contain_text("Et avec les producteurs du canton !")
    # … and follows the consultation, whose list counts the comment.
    page.goto(f"/t/{territory.slug}/agora/consultations/{consultation.pk}/")
    page.get_by_role("button", name=fr("Follow")).first.click()
    expect(page.get_by_role("main")).to_contain_text("1 " + fr("comment"))

    # The team answers; the resident reads the answer.
    page.context.clear_cookies()
    sign_in_directly(page, staff, live_server.url)
    page.goto(f"/t/{territory.slug}/agora/proposals/{market.pk}/")
    page.get_by_label(label("Official answer")).fill("Retenue : essai en juin.")
    page.get_by_label(label("Estimated cost (€)")).fill("4500")
    page.get_by_role("button", name=fr("Save the answer")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The official answer is published."))
    page.context.clear_cookies()
    page.goto(f"/t/{territory.slug}/agora/proposals/{market.pk}/")
    answer = page.get_by_role("region", name=fr("Official answer"))
    expect(answer).to_contain_text("Retenue : essai en juin.")


def test_a_visitor_registers_to_a_workshop_and_downloads_its_calendar(page, live_server):
    from django.utils import timezone

    from territoria.agora import services

    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    resident = MembershipFactory(territory=territory, role=Role.RESIDENT).user
    start = timezone.now() + timedelta(days=5)
    event = services.event_save(actor=staff, territory=territory,
                                title="Atelier : la Grand-Rue de demain", starts_at=start,
                                ends_at=start + timedelta(hours=2), place="Salle des fêtes",
                                capacity=1)
    services.registration_create(user=staff, event=event)

    page.goto(f"/t/{territory.slug}/agora/")
    page.get_by_role("link", name="Atelier : la Grand-Rue de demain").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=fr("Add to my calendar (iCal)")).click()
    with open(download.value.path(), encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Atelier : la Grand-Rue de" in text

    page.get_by_role("link", name=fr("Log in to register")).click()
    page.context.clear_cookies()
    sign_in_directly(page, resident, live_server.url)
    page.goto(f"/t/{territory.slug}/agora/events/{event.pk}/")
    page.get_by_role("button", name=fr("Join the waiting list")).click()
    expect(page.get_by_role("main")).to_contain_text(fr(
        "You are on the waiting list (position %(n)s).") % {"n": 1})


def test_the_team_sets_up_a_consultation_a_debate_a_page_and_an_event(page, live_server):
    from territoria.indicators.models import Indicator, IndicatorValue, Level
    from territoria.indicators.services import catalogue_load

    catalogue_load()
    territory = TerritoryFactory(name="Val de Test", slug="val-de-test")
    commune = territory.communes.get()
    IndicatorValue.objects.create(indicator=Indicator.objects.get(code="population"),
                                  level=Level.COMMUNE, area_code=commune.insee_code,
                                  period="2021", value=4321)
    staff = MembershipFactory(territory=territory, role=Role.STAFF).user
    sign_in_directly(page, staff, live_server.url)
    page.goto(f"/t/{territory.slug}/agora/")

    # A consultation with the five usual phases, starting today.
    page.get_by_role("link", name=fr("Open a consultation")).click()
    page.get_by_label(label("Title")).fill("Quelles mobilités pour la vallée ?")
    page.get_by_label(label("Published (visible to everyone)")).check()
    page.get_by_label(label("Create the five usual phases from")).fill("2026-01-05T09:00")
    page.get_by_role("button", name=fr("Save")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The consultation is created. Set "
                                                        "its phases."))
    expect(page.get_by_role("table")).to_contain_text(fr("Deliberation"))
    page.get_by_role("link", name="Quelles mobilités pour la vallée ?").click()

    # A debate, and an argument refused outside its phase would show a message.
    page.get_by_role("link", name=fr("Open a debate")).click()
    page.get_by_label(label("Question")).fill("Faut-il une voie verte le long de la Drôme ?")
    page.get_by_role("button", name=fr("Open the debate")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The debate is open."))
    page.get_by_label(label("Conclusion")).fill("Une étude sera lancée.")
    page.get_by_role("button", name=fr("Save the conclusion")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The debate is closed with its "
                                                        "conclusion."))

    # An "understand" page with a live chart of the territory.
    page.goto(f"/t/{territory.slug}/agora/understand/")
    page.get_by_role("link", name=fr("Write a page")).click()
    page.get_by_label(label("Title")).fill("Qui habite ici ?")
    page.get_by_label(label("Body")).fill("La population du territoire :\n[[chart:population]]")
    page.get_by_label(label("Published")).check()
    page.get_by_role("button", name=fr("Save")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The page is saved."))
    expect(page.get_by_role("table")).to_contain_text("4")

    # An event with a capacity.
    page.goto(f"/t/{territory.slug}/agora/events/")
    page.get_by_role("link", name=fr("Plan an event")).click()
    page.get_by_label(label("Title")).fill("Atelier vélo")
    page.get_by_label(fr("in person")).check()
    page.get_by_label(label("Start")).fill("2030-03-12T18:30")
    page.get_by_label(label("End")).fill("2030-03-12T20:30")
    page.get_by_label(label("Place")).fill("Gare de Crest")
    page.get_by_label(label("Capacity")).fill("10")
    page.get_by_role("button", name=fr("Save")).click()
    expect(page.get_by_role("main")).to_contain_text(fr("The event is saved."))
    expect(page.get_by_role("main")).to_contain_text("Gare de Crest")
