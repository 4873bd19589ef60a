"""The demo territory's governance: the governance committee of elected officials and the
steering committee of the programme, with their members; a meeting held (attendance,
minutes, decisions) and the next one, its agenda drawn from what waits for a decision; four
published decisions on the demo projects — a go, an arbitration that abandoned a project, a
confidential one, and one amending another.

Run by ``territoria demo`` after the portfolio's demo; idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from territoria.accounts.models import User
from territoria.core.agenda import agenda_items
from territoria.governance import services
from territoria.governance.models import Body


@transaction.atomic
def demo_governance(territory) -> list[str]:
    if Body.objects.filter(territory=territory).exists():
        return []
    people = {u.email.split("@")[0]: u for u in User.objects.filter(
        email__endswith="@demo.territoria.example")}
    elected, pmo = people.get("elected"), people.get("pmo")
    if elected is None or pmo is None:
        return []
    from territoria.projects.models import Project

    projects = {p.title: p for p in Project.objects.filter(territory=territory)}
    committee = services.body_create(
        actor=elected, territory=territory, kind="governance", name="Comité de gouvernance",
        description="Les élus du conseil communautaire : orientations, priorités, arbitrages.",
        chair=elected)
    for key, quality in (("administrator", "directrice générale des services"),):
        if people.get(key):
            services.body_member_add(actor=elected, body=committee, user=people[key],
                                     quality=quality)
    steering = services.body_create(
        actor=pmo, territory=territory, kind="steering", name="Comité de pilotage du programme",
        description="Suit l'avancement des projets, prépare les arbitrages.", chair=pmo)
    for key, quality in (("staff", "chargée de mission"), ("project-lead", "cheffe de projet"),
                         ("elected", "vice-président")):
        if people.get(key):
            services.body_member_add(actor=pmo, body=steering, user=people[key],
                                     quality=quality)
    now = timezone.now()
    held = services.meeting_create(actor=elected, body=committee,
                                   starts_at=now - timedelta(days=20), place="Salle du conseil")
    services.agenda_add(actor=elected, meeting=held, title="Zone commerciale de l'entrée de ville",
                        reason="Avis défavorable des communes du bourg.")
    services.attendance_record(actor=elected, meeting=held, statuses={
        member.user_id: "present" for member in committee.members.all()})
    services.minutes_save(actor=elected, meeting=held, publish=True, minutes=(
        "Le comité a examiné la zone commerciale proposée en entrée de ville et l'a "
        "abandonnée : elle va contre l'ambition de faire vivre les commerces des bourgs. "
        "Il a donné son feu vert aux travaux de la maison de santé."))
    day = (now - timedelta(days=20)).date()
    decisions = []
    if "Zone commerciale de l'entrée de ville" in projects:
        decisions.append(services.decision_create(
            actor=elected, body=committee, meeting=held, kind="arbitration",
            title="Abandon de la zone commerciale de l'entrée de ville",
            text="Le projet est abandonné : il contredit l'ambition « Plus de commerces et "
                 "d'artisans dans les bourgs ».", decided_on=day,
            projects=[projects["Zone commerciale de l'entrée de ville"]],
            stage_to="abandoned"))
    if "Maison de santé pluriprofessionnelle" in projects:
        go = services.decision_create(
            actor=elected, body=committee, meeting=held, kind="go_no_go",
            title="Feu vert aux travaux de la maison de santé",
            text="Les travaux sont lancés pour 1 200 000 € ; ouverture visée dans dix mois.",
            decided_on=day, projects=[projects["Maison de santé pluriprofessionnelle"]])
        decisions.append(go)
    decisions.append(services.decision_create(
        actor=elected, body=committee, meeting=held, kind="other",
        title="Acquisition d'une parcelle pour la chaufferie", confidential=True,
        confidential_reason="Négociation foncière en cours avec le propriétaire.",
        text="Le comité autorise une offre d'achat de la parcelle B 412.", decided_on=day))
    decisions = [services.decision_publish(actor=elected, decision=decision)
                 for decision in decisions]
    if "Maison de santé pluriprofessionnelle" in projects:
        amendment = services.decision_create(
            actor=elected, body=committee, kind="budget", amends=decisions[1],
            title="Feu vert aux travaux de la maison de santé : budget corrigé",
            text="Le budget des travaux est porté à 1 280 000 € (études comprises).",
            decided_on=day + timedelta(days=7),
            projects=[projects["Maison de santé pluriprofessionnelle"]])
        services.decision_publish(actor=elected, decision=amendment)
    upcoming = services.meeting_create(actor=pmo, body=steering,
                                       starts_at=now + timedelta(days=9),
                                       place="Maison des services, Allex")
    services.agenda_add_proposed(actor=pmo, meeting=upcoming,
                                 items=agenda_items(territory, today=timezone.localdate()))
    return ["2 governance bodies, 2 meetings and 4 published decisions"]
