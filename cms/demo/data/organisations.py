"""Sectors, the twenty founding members named in the announcement of 1 June 2023, and fictional
club partners.

Descriptions of real organisations stay general on purpose: the demo must not put words or
figures in their mouths. Websites are given only where the address is well known.
"""

import datetime
from dataclasses import dataclass

CHARTER_SIGNED_ON = datetime.date(2023, 6, 1)


@dataclass(frozen=True)
class SectorData:
    name: str
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class OrganisationData:
    name: str
    mark: str
    sector: str
    description: str
    website: str = ""
    charter_signed_on: datetime.date = CHARTER_SIGNED_ON


INSTITUTIONS = "Institutions"
INDUSTRY = "Industrie"
ENERGY = "Énergie et services"
HIGHER_EDUCATION = "Enseignement supérieur et recherche"
HEALTH = "Santé et bien vieillir"
TOURISM = "Tourisme et loisirs"
TRADE = "Commerce et artisanat"
AGRICULTURE = "Agriculture"
INNOVATION = "Innovation et technologies"
CERAMICS = "Céramique et arts du feu"
BUSINESS_NETWORKS = "Réseaux d'entreprises"
COMMUNICATION = "Communication et numérique"

SECTORS = (
    SectorData(INSTITUTIONS, (20, 46, 94)),
    SectorData(INDUSTRY, (62, 66, 78)),
    SectorData(ENERGY, (150, 70, 20)),
    SectorData(HIGHER_EDUCATION, (88, 40, 120)),
    SectorData(HEALTH, (0, 105, 110)),
    SectorData(TOURISM, (26, 100, 150)),
    SectorData(TRADE, (140, 40, 60)),
    SectorData(AGRICULTURE, (40, 100, 50)),
    SectorData(INNOVATION, (70, 50, 140)),
    SectorData(CERAMICS, (30, 80, 140)),
    SectorData(BUSINESS_NETWORKS, (110, 60, 40)),
    SectorData(COMMUNICATION, (160, 40, 100)),
)

# In the order of the announcement.
FOUNDING_MEMBERS = (
    OrganisationData(
        "Limoges Métropole",
        "LM",
        INSTITUTIONS,
        "Communauté urbaine qui réunit les communes de l'agglomération de Limoges. "
        "Co-initiatrice du réseau Limoges attractivité.",
        "https://www.limoges-metropole.fr/",
    ),
    OrganisationData(
        "Ville de Limoges",
        "VL",
        INSTITUTIONS,
        "Commune-centre de la métropole. Co-initiatrice du réseau Limoges attractivité.",
        "https://www.limoges.fr/",
    ),
    OrganisationData(
        "Chambre de commerce et d'industrie 87",
        "CCI",
        BUSINESS_NETWORKS,
        "Établissement public qui représente et accompagne les entreprises du commerce, "
        "de l'industrie et des services de la Haute-Vienne.",
    ),
    OrganisationData(
        "Chambre des métiers et de l'artisanat de la Haute-Vienne",
        "CMA",
        TRADE,
        "Établissement public qui représente et accompagne les entreprises artisanales "
        "du département.",
    ),
    OrganisationData(
        "Chambre d'agriculture de la Haute-Vienne",
        "CA",
        AGRICULTURE,
        "Établissement public qui représente et accompagne les exploitations agricoles "
        "du département.",
    ),
    OrganisationData(
        "Cpmc 87",
        "CPMC",
        BUSINESS_NETWORKS,
        "Organisation représentative des entreprises de la Haute-Vienne, "
        "membre fondateur du réseau.",
    ),
    OrganisationData(
        "Medef 87",
        "M87",
        BUSINESS_NETWORKS,
        "Organisation représentative des entreprises de la Haute-Vienne.",
    ),
    OrganisationData(
        "Legrand",
        "L",
        INDUSTRY,
        "Groupe industriel spécialiste des infrastructures électriques et numériques "
        "du bâtiment, dont le siège est à Limoges.",
        "https://www.legrand.fr/",
    ),
    OrganisationData(
        "Catalent",
        "C",
        INDUSTRY,
        "Groupe international de développement et de production pharmaceutique, "
        "implanté sur le territoire.",
        "https://www.catalent.com/",
    ),
    OrganisationData(
        "Picoty",
        "P",
        ENERGY,
        "Entreprise régionale de distribution d'énergie et de services.",
    ),
    OrganisationData(
        "Weston",
        "W",
        INDUSTRY,
        "Maison de souliers dont la manufacture est installée à Limoges.",
    ),
    OrganisationData(
        "Office de tourisme intercommunal de Limoges Métropole",
        "OT",
        TOURISM,
        "Accueille les visiteurs et fait connaître la destination Limoges.",
    ),
    OrganisationData(
        "Délégation d'ESTER Technopole",
        "ET",
        INNOVATION,
        "Technopole qui accompagne les entreprises innovantes et les projets de création.",
    ),
    OrganisationData(
        "Université de Limoges",
        "UL",
        HIGHER_EDUCATION,
        "Université pluridisciplinaire qui forme les étudiants et mène des activités de recherche.",
        "https://www.unilim.fr/",
    ),
    OrganisationData(
        "CHU de Limoges",
        "CHU",
        HEALTH,
        "Centre hospitalier universitaire : soins, enseignement et recherche.",
        "https://www.chu-limoges.fr/",
    ),
    OrganisationData(
        "Réseau com Limousin",
        "RC",
        COMMUNICATION,
        "Réseau qui rassemble des professionnels de la communication du Limousin.",
    ),
    OrganisationData(
        "Parc du Reynou",
        "PR",
        TOURISM,
        "Parc animalier et de loisirs situé aux portes de Limoges.",
    ),
    OrganisationData(
        "Pôle Alpha RLH",
        "ARLH",
        INNOVATION,
        "Pôle de compétitivité qui fédère entreprises et laboratoires autour des technologies "
        "de la photonique et des hyperfréquences.",
    ),
    OrganisationData(
        "Pôle céramique",
        "PC",
        CERAMICS,
        "Pôle qui rassemble entreprises, laboratoires et formations de la filière céramique.",
    ),
    OrganisationData(
        "Le Gérontopôle",
        "G",
        HEALTH,
        "Structure qui fédère les acteurs du bien vieillir et de la longévité.",
    ),
)

FICTIONAL = "Organisation fictive, présente uniquement dans le contenu de démonstration."

CLUB_PARTNERS = (
    OrganisationData(
        "Atelier Porcelune",
        "AP",
        CERAMICS,
        f"Atelier de porcelaine contemporaine : arts de la table et pièces sur mesure. {FICTIONAL}",
        "https://porcelune.example/",
        datetime.date(2023, 9, 21),
    ),
    OrganisationData(
        "Numérivienne",
        "NV",
        COMMUNICATION,
        f"Agence de création de sites et de services numériques. {FICTIONAL}",
        "https://numerivienne.example/",
        datetime.date(2023, 10, 12),
    ),
    OrganisationData(
        "Bocagix Logistique",
        "BX",
        INDUSTRY,
        f"Entreprise de transport et de logistique régionale. {FICTIONAL}",
        "https://bocagix.example/",
        datetime.date(2023, 11, 16),
    ),
    OrganisationData(
        "Hôtel du Kaolin bleu",
        "KB",
        TOURISM,
        f"Hôtel de centre-ville avec salles de séminaire. {FICTIONAL}",
        "https://kaolin-bleu.example/",
        datetime.date(2024, 1, 25),
    ),
    OrganisationData(
        "Coopérative Les Prés de Brumeval",
        "PB",
        AGRICULTURE,
        f"Coopérative de producteurs en circuits courts. {FICTIONAL}",
        "https://brumeval.example/",
        datetime.date(2024, 3, 14),
    ),
    OrganisationData(
        "Cabinet Ardoise et Vermillon",
        "AV",
        BUSINESS_NETWORKS,
        f"Cabinet de conseil en ressources humaines et en stratégie. {FICTIONAL}",
        "https://ardoise-vermillon.example/",
        datetime.date(2024, 5, 23),
    ),
    OrganisationData(
        "Biolumen Santé",
        "BS",
        HEALTH,
        f"Jeune entreprise qui conçoit des dispositifs d'éclairage pour les soins. {FICTIONAL}",
        "https://biolumen.example/",
        datetime.date(2024, 9, 19),
    ),
    OrganisationData(
        "Librairie La Page imaginaire",
        "PI",
        TRADE,
        f"Librairie indépendante du centre-ville. {FICTIONAL}",
        "https://page-imaginaire.example/",
        datetime.date(2025, 2, 6),
    ),
)
