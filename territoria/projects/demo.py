"""The demo territory's portfolio: local actors, twelve projects at every stage serving the
demo strategy's ambitions, with their communities, stage histories, plans (one late, one
slipping past its baseline), budgets and financing plans (one not covered), applications to
calls for projects (one due in ten days), risks, a signed framing with its mission letter,
three monthly reporting campaigns (one report at risk, one asking for a decision, one
missing), and one project born from an accepted proposal of the Agorapolis.

Run by ``territoria demo`` after the strategy and the Agorapolis; idempotent (nothing is
created when the territory already has projects). Titles, for the other demos and the tests:
"Maison de santé pluriprofessionnelle" (running), "Atelier vélo solidaire" (running),
"Halle de producteurs à Loriol" (running), "Transport à la demande du soir" (planned),
"Tiers-lieu de la gare" (framing), "Réhabilitation de logements vacants" (planned),
"Plan de partage de l'eau" (framing), "Chaufferie bois collective" (idea),
"Cinéma itinérant" (closed), "Zone commerciale de l'entrée de ville" (abandoned),
"Jardins partagés des bourgs" (idea), "Formation aux métiers du bâtiment durable" (running).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from territoria.accounts.models import User
from territoria.actors.models import Actor
from territoria.core.models import Territory
from territoria.projects import (
    services,
    services_community,
    services_funding,
    services_planning,
    services_reporting,
)
from territoria.projects.domain.stages import Authority
from territoria.projects.models import Project

ACTORS = [
    ("Communauté de communes du Val de Drôme", "local_authority", "242600252"),
    ("Atelier vélo du Val (association)", "association", ""),
    ("Coopérative des producteurs du Val", "company", ""),
    ("Maison de santé du Val (SISA)", "company", ""),
    ("Régie de territoire Biovallée", "association", ""),
    ("Syndicat mixte de la rivière Drôme", "public_body", ""),
    ("Cinéma itinérant Les Écrans", "association", ""),
    ("Bâtir durable Drôme (centre de formation)", "company", ""),
]

# (title, stage, carrier index, lead key, ambition words, summary)
PROJECTS = [
    ("Maison de santé pluriprofessionnelle", "running", 3, "project-lead", "",
     "Réunir médecins, infirmiers et kinésithérapeutes dans un lieu à Allex."),
    ("Atelier vélo solidaire", "running", 1, "local-actor", "transport",
     "Réparer, prêter et apprendre le vélo au quotidien."),
    ("Halle de producteurs à Loriol", "running", 2, "project-lead", "commerce",
     "Une halle couverte pour la vente directe des producteurs du Val."),
    ("Transport à la demande du soir", "planned", 0, "pmo", "transport",
     "Des navettes à réserver le soir vers les gares et Crest."),
    ("Tiers-lieu de la gare", "framing", 4, "project-lead", "emplois",
     "Un lieu de travail partagé et de services dans l'ancienne halle de la gare."),
    ("Réhabilitation de logements vacants", "planned", 0, "staff", "vacants",
     "Accompagner les propriétaires pour remettre en location 40 logements."),
    ("Plan de partage de l'eau", "framing", 5, "staff", "eau",
     "Un accord entre irrigants, communes et syndicat pour les étés secs."),
    ("Chaufferie bois collective", "idea", 0, None, "", "Chauffer l'école et la mairie au "
     "bois local."),
    ("Cinéma itinérant", "closed", 6, "local-actor", "commerces",
     "Des projections dans les villages, une fois par mois."),
    ("Zone commerciale de l'entrée de ville", "abandoned", None, None, "grande surface",
     "Une zone commerciale proposée, abandonnée après l'arbitrage du comité."),
    ("Jardins partagés des bourgs", "idea", None, None, "budget participatif",
     "Des parcelles cultivées ensemble au cœur des bourgs."),
    ("Formation aux métiers du bâtiment durable", "running", 7, "project-lead", "chômage",
     "Former vingt jeunes par an à la rénovation énergétique."),
]

PATH = {"framing": ["framing"], "planned": ["framing", "planned"],
        "running": ["framing", "planned", "running"],
        "closed": ["framing", "planned", "running", "closed"],
        "abandoned": ["framing", "abandoned"]}


def _people() -> dict[str, User]:
    return {u.email.split("@")[0]: u for u in User.objects.filter(
        email__endswith="@demo.territoria.example")}


def _ambitions(territory: Territory, words: str):
    from territoria.strategy.models import Ambition

    if not words:
        return []
    return list(Ambition.objects.filter(territory=territory, title__icontains=words,
                                        version__status="adopted")[:1])


@transaction.atomic
def demo_projects(territory: Territory) -> list[str]:
    """Give the demo territory its portfolio if it has none; what was created, in words."""
    if Project.objects.filter(territory=territory).exists():
        return []
    people = _people()
    pmo, elected = people.get("pmo"), people.get("elected")
    if pmo is None or elected is None:
        return []
    actors = [Actor.objects.get_or_create(territory=territory, name=name,
                                          defaults={"kind": kind, "siren": siren})[0]
              for name, kind, siren in ACTORS]
    communes = list(territory.communes.order_by("-population")[:6])
    projects = {}
    for index, (title, stage, carrier, lead, words, summary) in enumerate(PROJECTS):
        project = services.project_create(
            actor=pmo, territory=territory, title=title, summary=summary,
            carrier=actors[carrier] if carrier is not None else None,
            lead=people.get(lead) if lead else None,
            ambitions=_ambitions(territory, words),
            communes=[communes[index % len(communes)]] if communes else [])
        for step in PATH.get(stage, []):
            reason = {"framing": "Idée retenue par le comité de pilotage.",
                      "planned": "Cadrage validé, financement en cours.",
                      "running": "Feu vert du comité : travaux lancés.",
                      "closed": "Objectifs atteints, bilan présenté.",
                      "abandoned": "Arbitrage du comité : contraire à l'ambition "
                                   "de commerces dans les bourgs."}[step]
            services.project_stage_move(actor=elected, project=project, to_stage=step,
                                        reason=reason, authority=Authority.GOVERNANCE)
        projects[title] = project
    resident = people.get("resident")
    if resident is not None:
        services_community.project_join_request(
            actor=resident, project=projects["Atelier vélo solidaire"],
            message="Je peux tenir l'atelier le samedi matin.")
    _plans(projects)
    _money(projects)
    _framing_and_reports(territory, projects, pmo, elected)
    _from_proposal(territory, pmo)
    return [f"{len(actors)} local actors", f"{len(projects)} projects at every stage, with "
            "plans, budgets, funding, risks, a mission letter and three reporting campaigns"]


def _plans(projects: dict) -> None:
    today = timezone.localdate()
    plans = {
        "Maison de santé pluriprofessionnelle": (today - timedelta(days=200), [
            ("Études de programmation", 45, []), ("Permis de construire", 60, [0]),
            ("Travaux", 240, [1]), ("Installation des professionnels", 30, [2]),
            ("Ouverture", 0, [3])], True, {2: 300}),
        "Halle de producteurs à Loriol": (today - timedelta(days=120), [
            ("Concertation des producteurs", 30, []), ("Consultation des entreprises", 40, [0]),
            ("Construction de la halle", 120, [1]), ("Premier marché", 0, [2])], False, {}),
        "Transport à la demande du soir": (today + timedelta(days=20), [
            ("Marché de transport", 60, []), ("Communication", 20, []),
            ("Mise en service", 0, [0, 1])], True, {}),
        "Formation aux métiers du bâtiment durable": (today - timedelta(days=60), [
            ("Recrutement des stagiaires", 30, []), ("Première session", 90, [0]),
            ("Chantier-école", 60, [1]), ("Bilan de la promotion", 0, [2])], False, {}),
    }
    for title, (start, tasks, baseline, later) in plans.items():
        project = projects[title]
        services_planning.plan_update(actor=None, project=project, start=start)
        made = []
        for name, duration, after in tasks:
            made.append(services_planning.task_create(
                actor=None, project=project, title=name,
                kind="milestone" if duration == 0 else "task", duration=duration,
                after=[made[i] for i in after]))
        if baseline:
            services_planning.baseline_set(actor=None, project=project)
        for position, duration in later.items():  # slips past the baseline
            task = made[position]
            task.refresh_from_db()
            services_planning.task_update(actor=None, task=task, title=task.title,
                                          kind=task.kind, duration=duration, not_before=None,
                                          owner="", progress=35, done=False)
        first = made[0]
        first.refresh_from_db()
        if first.finish and first.finish < today:
            services_planning.task_update(actor=None, task=first, title=first.title,
                                          kind=first.kind, duration=first.duration,
                                          not_before=None, owner="", progress=100, done=True)


def _money(projects: dict) -> None:
    today = timezone.localdate()
    year = today.year
    D = Decimal
    budgets = {
        "Maison de santé pluriprofessionnelle": (
            [("investment", "Travaux", year, "1200000", "650000"),
             ("investment", "Études", year - 1, "80000", "80000")],
            [("state", "DETR", "400000", "secured"), ("region", "Région Auvergne-Rhône-Alpes",
                                                      "300000", "secured"),
             ("department", "Département de la Drôme", "200000", "expected"),
             ("own", "Communauté de communes", "380000", "secured")]),
        "Halle de producteurs à Loriol": (
            [("investment", "Construction", year, "450000", "120000"),
             ("operating", "Animation du marché", year, "25000", "5000")],
            [("eu", "LEADER", "180000", "secured"), ("own", "Commune de Loriol", "100000",
                                                      "secured")]),
        "Atelier vélo solidaire": (
            [("operating", "Animation", year, "38000", "30000")],
            [("local", "Communauté de communes", "20000", "secured"),
             ("private", "Fondation", "18000", "secured")]),
    }
    for title, (lines, shares) in budgets.items():
        project = projects[title]
        for nature, label, line_year, planned, actual in lines:
            services_funding.budget_line_save(actor=None, project=project, nature=nature,
                                              label=label, year=line_year, planned=D(planned),
                                              actual=D(actual))
        for kind, name, amount, status in shares:
            services_funding.financing_share_add(actor=None, project=project,
                                                 funder_kind=kind, funder_name=name,
                                                 amount=D(amount), status=status)
    halle = projects["Halle de producteurs à Loriol"]
    services_funding.application_save(actor=None, project=halle, funder="Région",
                                      programme="Appel à projets Alimentation locale",
                                      deadline=today + timedelta(days=10),
                                      requested=D("120000"))
    services_funding.application_save(actor=None, project=projects[
        "Maison de santé pluriprofessionnelle"], funder="État", programme="DETR 2026",
        deadline=today - timedelta(days=90), requested=D("400000"), granted=D("400000"),
        status="granted")
    services_funding.application_save(actor=None, project=projects[
        "Transport à la demande du soir"], funder="Région", programme="Mobilités rurales",
        deadline=today + timedelta(days=45), requested=D("90000"))
    services_funding.risk_save(actor=None, project=projects[
        "Maison de santé pluriprofessionnelle"], title="Départ d'un médecin avant l'ouverture",
        probability=3, impact=4, owner="Léa Roux",
        mitigation="Contrats d'engagement signés avant les travaux.")
    services_funding.risk_save(actor=None, project=halle, title="Hausse du prix de l'acier",
                               probability=2, impact=2, owner="Coopérative")


def _framing_and_reports(territory, projects, pmo, elected) -> None:
    today = timezone.localdate()
    tiers = projects["Tiers-lieu de la gare"]
    services_reporting.framing_save(
        actor=pmo, project=tiers,
        context="L'ancienne halle de la gare est vide depuis 2015 ; des indépendants cherchent "
                "un lieu de travail partagé.",
        objectives="Ouvrir un tiers-lieu de 400 m² avec 20 postes de travail et un café "
                   "associatif.",
        scope_in="Rénovation de la halle, aménagement, animation la première année.",
        scope_out="Le parking de la gare.",
        deliverables="Halle rénovée ; programme d'animation ; modèle économique.",
        team="Chef de projet : Léa Roux ; régie de territoire ; architecte.",
        budget_envelope=Decimal("350000"), start_on=today, end_on=today + timedelta(days=540),
        success_indicators="20 postes occupés au bout d'un an ; 5 emplois créés.")
    health = projects["Maison de santé pluriprofessionnelle"]
    signed = services_reporting.framing_save(
        actor=pmo, project=health,
        context="Trois médecins partent à la retraite d'ici 2027.",
        objectives="Maintenir l'accès aux soins : une maison de santé de 12 professionnels.",
        deliverables="Bâtiment ; projet de santé ; contrats d'engagement.",
        team="Cheffe de projet : Léa Roux ; SISA ; agence régionale de santé.",
        budget_envelope=Decimal("1280000"), start_on=today - timedelta(days=200),
        end_on=today + timedelta(days=300),
        success_indicators="12 professionnels installés ; 2 000 patients suivis.")
    services_reporting.framing_submit(actor=pmo, framing=signed)
    services_reporting.framing_sign(actor=elected, framing=signed,
                                    signatory_name="Jean Fabre",
                                    signatory_quality="président du comité de pilotage",
                                    signed_on=today - timedelta(days=190))
    for months_ago, title in ((2, "Campagne d'il y a deux mois"),
                              (1, "Campagne du mois dernier"), (0, "Campagne du mois")):
        end = today - timedelta(days=30 * months_ago)
        campaign = services_reporting.campaign_open(
            actor=pmo, territory=territory, title=title, period_start=end - timedelta(days=30),
            period_end=end, due_on=end + timedelta(days=5))
        for project in campaign.projects.order_by("title"):
            if project.title == "Halle de producteurs à Loriol" and months_ago == 1:
                continue  # a missing report
            if project.title == "Transport à la demande du soir":
                continue
            status, progress, decision = "on_track", 30 + 20 * (2 - months_ago), ""
            if project.title == "Maison de santé pluriprofessionnelle":
                status = "at_risk" if months_ago < 2 else "on_track"
                decision = ("Prolonger les travaux de deux mois" if months_ago == 0 else "")
            services_reporting.report_submit(
                actor=pmo, campaign=campaign, project=project, status=status,
                progress=min(progress, 95), highlights="Avancement conforme au planning."
                if status == "on_track" else "Retard du lot gros œuvre.",
                issues="" if status == "on_track" else "Entreprise de gros œuvre défaillante.",
                needs_decision=bool(decision), decision_needed=decision)
        if months_ago:
            services_reporting.campaign_close(actor=pmo, campaign=campaign)


def _from_proposal(territory, pmo) -> None:
    from territoria.agora.models import Proposal

    proposal = (Proposal.objects.filter(territory=territory, status="accepted")
                .order_by("pk").first())
    if proposal is not None and not Project.objects.filter(proposal=proposal).exists():
        services.project_create(actor=pmo, territory=territory, title=proposal.title[:200],
                                summary=proposal.body[:2000], proposal=proposal)
