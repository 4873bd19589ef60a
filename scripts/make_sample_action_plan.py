"""Write the example action plan offered on the import page (projects/static/projects/
sample-action-plan.xlsx and .csv): 25 actions with French headers, as Territoires en
Transitions exports them and as local authorities write them. Run it again after changing
the rows: `.venv/bin/python scripts/make_sample_action_plan.py`."""

import csv
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parent.parent / "territoria" / "projects" / "static" / "projects"
HEADER = ["Intitulé", "Description", "Statut", "Structure pilote", "Personne pilote",
          "Communes", "Budget prévisionnel", "Date de début", "Date de fin"]
ACTIONS = [
    ("Rénovation énergétique de l'école", "Isolation et chauffage bois.", "En cours",
     "Commune", "", "", "380 000", "01/09/2025", "31/08/2026"),
    ("Plan vélo intercommunal", "Pistes cyclables entre les bourgs.", "À venir",
     "Communauté de communes", "", "", "1 200 000", "01/03/2026", "31/12/2028"),
    ("Cantine 100 % locale", "Approvisionnement auprès des producteurs du territoire.",
     "En cours", "Syndicat scolaire", "", "", "45 000", "01/01/2025", "31/12/2026"),
    ("Ombrières photovoltaïques", "Parkings publics équipés.", "Non commencé",
     "Régie d'énergie", "", "", "600 000", "", ""),
    ("Réseau de chaleur bois", "Chaufferie collective pour le centre-bourg.", "À venir",
     "Communauté de communes", "", "", "2 500 000", "01/01/2027", "31/12/2029"),
    ("Éclairage public LED", "Remplacement des luminaires et extinction nocturne.",
     "Réalisé", "Commune", "", "", "150 000", "01/01/2023", "31/12/2024"),
    ("Atlas de la biodiversité communale", "Inventaire participatif.", "En cours",
     "Association naturaliste", "", "", "30 000", "01/04/2025", "30/06/2026"),
    ("Covoiturage domicile-travail", "Aires et application de mise en relation.",
     "En pause", "Communauté de communes", "", "", "80 000", "01/06/2024", ""),
    ("Recyclerie", "Réemploi des objets et ateliers de réparation.", "À venir",
     "Association", "", "", "250 000", "", ""),
    ("Compostage partagé", "Composteurs de quartier.", "Réalisé", "Syndicat de déchets", "",
     "", "20 000", "01/01/2024", "31/12/2024"),
    ("Maison France Services", "Accueil pour les démarches administratives.", "En cours",
     "Communauté de communes", "", "", "120 000", "01/01/2025", "31/12/2025"),
    ("Jardins familiaux", "Parcelles pour les habitants sans jardin.", "Non commencé",
     "Commune", "", "", "35 000", "", ""),
    ("Récupération des eaux de pluie", "Cuves pour les bâtiments publics.", "À venir",
     "Commune", "", "", "60 000", "", ""),
    ("Haies bocagères", "Plantation de 10 km de haies avec les agriculteurs.", "En cours",
     "Chambre d'agriculture", "", "", "90 000", "01/11/2024", "31/03/2027"),
    ("Transport à la demande", "Navettes sur réservation.", "À venir", "Communauté de communes",
     "", "", "150 000", "", ""),
    ("Rénovation des logements communaux", "Six logements remis aux normes.", "En cours",
     "Commune", "", "", "420 000", "01/02/2025", "30/09/2026"),
    ("Tiers-lieu numérique", "Espace de travail partagé et médiation numérique.",
     "Non commencé", "Association", "", "", "200 000", "", ""),
    ("Marché de producteurs", "Marché hebdomadaire en soirée.", "Réalisé", "Commune", "", "",
     "5 000", "01/05/2023", "30/09/2023"),
    ("Désimperméabilisation de la cour d'école", "Cour végétalisée.", "À venir", "Commune",
     "", "", "180 000", "01/07/2026", "31/08/2026"),
    ("Schéma de randonnée", "Balisage et entretien des sentiers.", "En cours",
     "Office de tourisme", "", "", "40 000", "01/01/2025", "31/12/2026"),
    ("Conseiller France Rénov'", "Permanences de conseil en rénovation.", "En cours",
     "Communauté de communes", "", "", "70 000", "01/01/2024", "31/12/2026"),
    ("Économies d'eau des bâtiments publics", "Réducteurs de débit, détection de fuites.",
     "Abandonné", "Commune", "", "", "15 000", "", ""),
    ("Autopartage électrique", "Deux véhicules en libre-service.", "À venir",
     "Communauté de communes", "", "", "90 000", "", ""),
    ("Cinéma de plein air", "Projections l'été dans les villages.", "Réalisé",
     "Association", "", "", "12 000", "01/07/2024", "31/08/2024"),
    ("Accompagnement des commerces de centre-bourg", "Aides à l'installation et vitrines.",
     "En cours", "Communauté de communes", "", "", "100 000", "01/01/2025", "31/12/2027"),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan d'action"
    sheet.append(HEADER)
    for row in ACTIONS:
        sheet.append(list(row))
    book.save(OUT / "sample-action-plan.xlsx")
    with open(OUT / "sample-action-plan.csv", "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(ACTIONS)
    print(f"Wrote {len(ACTIONS)} actions to {OUT}")


if __name__ == "__main__":
    main()
