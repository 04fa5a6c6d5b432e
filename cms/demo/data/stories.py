"""Portraits of fictional people who work at member organisations of the network.

The names are deliberately common; nothing here describes a real person.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class StoryData:
    slug: str
    title: str
    person_name: str
    person_role: str
    organisation: str
    published_on: datetime.date
    pull_quote: str
    summary: str
    lead: str
    sections: tuple


STORIES = (
    StoryData(
        slug="camille-martin",
        title="Camille Martin, la passion du collectif",
        person_name="Camille Martin",
        person_role="Chargée de mission attractivité",
        organisation="Limoges Métropole",
        published_on=datetime.date(2023, 10, 5),
        pull_quote="Mon métier, c'est de faire travailler ensemble des gens qui ne se "
        "connaissaient pas encore.",
        summary="Au sein du COTECH, Camille Martin fait le lien entre les membres du réseau et "
        "les projets du plan d'actions.",
        lead="Camille Martin suit au quotidien les travaux du réseau Limoges attractivité. "
        "Personne ressource du COTECH, elle prépare les réunions, suit les projets et "
        "fait circuler l'information entre les partenaires.",
        sections=(
            (
                "Un parcours au service des territoires",
                (
                    "Après des études d'aménagement du territoire, elle a travaillé dans "
                    "plusieurs collectivités avant de rejoindre la métropole. Elle y a trouvé "
                    "un terrain de jeu à sa mesure : un territoire qui a beaucoup d'atouts et "
                    "l'envie de les faire connaître.",
                ),
            ),
            (
                "Ce qu'elle aime à Limoges",
                (
                    "Les bords de Vienne au petit matin, les marchés du samedi et la facilité "
                    "avec laquelle on rencontre les gens : « ici, un projet peut naître d'une "
                    "conversation au café ».",
                ),
            ),
        ),
    ),
    StoryData(
        slug="lea-dubois",
        title="Léa Dubois, la porcelaine au présent",
        person_name="Léa Dubois",
        person_role="Fondatrice",
        organisation="Atelier Porcelune",
        published_on=datetime.date(2024, 1, 11),
        pull_quote="La porcelaine de Limoges n'est pas un souvenir : c'est un savoir-faire "
        "vivant, qui s'invente tous les jours.",
        summary="À la tête d'un atelier de porcelaine contemporaine, Léa Dubois a été parmi les "
        "premières à rejoindre le club des partenaires.",
        lead="Formée aux arts du feu, Léa Dubois a créé son atelier pour proposer des pièces "
        "contemporaines, des arts de la table aux commandes sur mesure.",
        sections=(
            (
                "Un atelier, une équipe",
                (
                    "Dans son atelier, chaque pièce passe entre plusieurs mains, du moulage à "
                    "la décoration. Elle accueille régulièrement des stagiaires et des "
                    "apprentis.",
                ),
            ),
            (
                "Pourquoi elle a rejoint le club",
                (
                    "« Notre activité vit de l'image de Limoges. Rejoindre le club, c'était une "
                    "façon de rendre au territoire ce qu'il nous apporte. »",
                ),
            ),
        ),
    ),
    StoryData(
        slug="thomas-bernard",
        title="Thomas Bernard, chercheur en céramiques techniques",
        person_name="Thomas Bernard",
        person_role="Doctorant en science des matériaux",
        organisation="Université de Limoges",
        published_on=datetime.date(2024, 3, 7),
        pull_quote="Je suis venu pour un master, je suis resté pour la thèse : ici, on trouve sa "
        "place rapidement.",
        summary="Venu d'une autre région pour ses études, Thomas Bernard prépare une thèse sur "
        "les matériaux céramiques.",
        lead="Arrivé à Limoges pour un master, Thomas Bernard y prépare aujourd'hui une thèse, "
        "en lien avec une entreprise du territoire.",
        sections=(
            (
                "Une thèse entre laboratoire et entreprise",
                (
                    "Ses travaux portent sur les propriétés des céramiques utilisées dans "
                    "l'industrie. Il partage son temps entre le laboratoire et les ateliers de "
                    "l'entreprise qui l'accueille.",
                ),
            ),
            (
                "Ambassadeur de la vie étudiante",
                (
                    "Il participe volontiers aux salons d'orientation pour raconter son "
                    "parcours : « beaucoup d'étudiants ne connaissent pas Limoges ; ceux qui "
                    "viennent sont souvent surpris ».",
                ),
            ),
        ),
    ),
    StoryData(
        slug="nicolas-petit",
        title="Nicolas Petit, recruter en faisant aimer le territoire",
        person_name="Nicolas Petit",
        person_role="Responsable des ressources humaines",
        organisation="Bocagix Logistique",
        published_on=datetime.date(2024, 6, 27),
        pull_quote="Quand un candidat vient visiter l'entreprise, il découvre aussi la ville. "
        "Il faut que nous soyons tous prêts à la lui montrer.",
        summary="Nicolas Petit participe à la commission Talents et utilise le kit d'accueil du "
        "réseau pour chaque nouvelle recrue.",
        lead="Responsable des ressources humaines d'une entreprise de logistique, Nicolas Petit "
        "recrute chaque année des profils variés, dont beaucoup viennent d'ailleurs.",
        sections=(
            (
                "L'attractivité, un argument de recrutement",
                (
                    "Pour lui, présenter le territoire fait partie de l'entretien d'embauche : "
                    "cadre de vie, logement, écoles, loisirs. Le kit d'accueil du réseau l'y "
                    "aide.",
                ),
            ),
            (
                "Son engagement dans le réseau",
                (
                    "Membre de la commission Talents, il partage son expérience avec d'autres "
                    "employeurs et participe aux actions pour l'emploi des conjoints.",
                ),
            ),
        ),
    ),
    StoryData(
        slug="sarah-moreau",
        title="Sarah Moreau, soigner et accueillir",
        person_name="Sarah Moreau",
        person_role="Cadre de santé",
        organisation="CHU de Limoges",
        published_on=datetime.date(2024, 11, 7),
        pull_quote="Accueillir un nouveau collègue, c'est aussi l'aider à trouver sa place dans "
        "la ville.",
        summary="Cadre de santé, Sarah Moreau accompagne l'arrivée des nouveaux professionnels "
        "dans son service.",
        lead="Sarah Moreau encadre une équipe soignante. Elle accorde une attention particulière "
        "à l'accueil des professionnels qui arrivent d'autres régions.",
        sections=(
            (
                "Un accueil qui dépasse le service",
                (
                    "Logement, garde d'enfants, emploi du conjoint : les questions des nouveaux "
                    "arrivants dépassent souvent le cadre professionnel. Elle les oriente vers "
                    "les ressources du réseau.",
                ),
            ),
            (
                "Ce qu'elle aime à Limoges",
                (
                    "La proximité de la campagne, les concerts et la vie de quartier : « on a "
                    "le temps de vivre ».",
                ),
            ),
        ),
    ),
    StoryData(
        slug="julien-laurent",
        title="Julien Laurent, l'hospitalité comme métier",
        person_name="Julien Laurent",
        person_role="Directeur",
        organisation="Hôtel du Kaolin bleu",
        published_on=datetime.date(2025, 2, 20),
        pull_quote="Un séminaire réussi, c'est souvent une entreprise qui revient, et des "
        "participants qui reviennent en famille.",
        summary="Directeur d'hôtel, Julien Laurent s'investit dans la commission Tourisme "
        "d'affaires du réseau.",
        lead="Julien Laurent dirige un hôtel de centre-ville qui accueille une clientèle de "
        "voyageurs d'affaires et de touristes.",
        sections=(
            (
                "Le tourisme d'affaires, un levier",
                (
                    "Séminaires, congrès, réunions d'entreprise : il voit dans chaque événement "
                    "professionnel une occasion de faire découvrir la ville.",
                ),
            ),
            (
                "Travailler avec les autres partenaires",
                (
                    "Il a contribué au guide des lieux de réunion et travaille avec les autres "
                    "partenaires pour proposer des séjours complets aux organisateurs.",
                ),
            ),
        ),
    ),
    StoryData(
        slug="manon-girard",
        title="Manon Girard, le numérique au service du territoire",
        person_name="Manon Girard",
        person_role="Cofondatrice",
        organisation="Numérivienne",
        published_on=datetime.date(2025, 5, 15),
        pull_quote="Une image forte se construit à plusieurs : chacun apporte sa voix, le "
        "message reste le même.",
        summary="Cofondatrice d'une agence numérique, Manon Girard a choisi de créer son "
        "entreprise à Limoges.",
        lead="Après plusieurs années dans une grande ville, Manon Girard est revenue à Limoges "
        "pour y fonder une agence de création de sites et de services numériques.",
        sections=(
            (
                "Entreprendre à Limoges",
                (
                    "Elle a trouvé sur le territoire un accompagnement attentif et des clients "
                    "fidèles. Son équipe compte aujourd'hui plusieurs développeurs et "
                    "graphistes.",
                ),
            ),
            (
                "Une partenaire engagée",
                (
                    "Membre du club, elle contribue aux réflexions sur l'image du territoire et "
                    "sur les supports de communication partagés.",
                ),
            ),
        ),
    ),
    StoryData(
        slug="antoine-roux",
        title="Antoine Roux, aux côtés des créateurs d'entreprise",
        person_name="Antoine Roux",
        person_role="Conseiller en création d'entreprise",
        organisation="Chambre des métiers et de l'artisanat de la Haute-Vienne",
        published_on=datetime.date(2025, 9, 4),
        pull_quote="Les artisans sont souvent les meilleurs ambassadeurs de leur ville : ils en "
        "connaissent chaque rue.",
        summary="Antoine Roux accompagne les porteurs de projet qui veulent s'installer comme "
        "artisans sur le territoire.",
        lead="Chaque semaine, Antoine Roux reçoit des porteurs de projet : reconversion, "
        "reprise d'entreprise, installation après un déménagement.",
        sections=(
            (
                "Accompagner chaque projet",
                (
                    "Étude de marché, financement, formalités : il accompagne les créateurs à "
                    "chaque étape, jusqu'à l'ouverture.",
                ),
            ),
            (
                "Attirer de nouveaux artisans",
                (
                    "Il voit arriver de plus en plus de personnes venues d'autres régions, "
                    "attirées par le cadre de vie et le coût de l'installation.",
                ),
            ),
        ),
    ),
    StoryData(
        slug="chloe-fournier",
        title="Chloé Fournier, cultiver le lien entre ville et campagne",
        person_name="Chloé Fournier",
        person_role="Maraîchère",
        organisation="Coopérative Les Prés de Brumeval",
        published_on=datetime.date(2026, 2, 26),
        pull_quote="Quand un restaurant de la ville sert nos légumes, c'est tout le territoire "
        "qui passe à table.",
        summary="Installée en maraîchage, Chloé Fournier vend sa production en circuits courts "
        "au sein d'une coopérative.",
        lead="Chloé Fournier cultive des légumes de saison à quelques kilomètres de la ville. "
        "Avec la coopérative, elle approvisionne marchés, magasins et restaurants.",
        sections=(
            (
                "Une installation réussie",
                (
                    "Après une reconversion, elle a été accompagnée pour trouver des terres et "
                    "s'installer. La coopérative lui a permis de mutualiser la vente et la "
                    "livraison.",
                ),
            ),
            (
                "Faire découvrir les produits locaux",
                (
                    "Avec les partenaires du réseau, elle participe aux actions qui valorisent "
                    "les produits du territoire auprès des visiteurs.",
                ),
            ),
        ),
    ),
    StoryData(
        slug="hugo-lambert",
        title="Hugo Lambert, innover avec les soignants",
        person_name="Hugo Lambert",
        person_role="Ingénieur recherche et développement",
        organisation="Biolumen Santé",
        published_on=datetime.date(2026, 10, 8),
        pull_quote="Nous concevons nos produits avec les soignants : être proches d'eux change "
        "tout.",
        summary="Ingénieur dans une jeune entreprise de la santé, Hugo Lambert conçoit des "
        "dispositifs avec les équipes soignantes.",
        lead="Hugo Lambert a rejoint une jeune entreprise innovante du territoire, qui conçoit "
        "des dispositifs d'éclairage pour les soins.",
        sections=(
            (
                "Concevoir au plus près du terrain",
                (
                    "Chaque prototype est testé avec des soignants, dont les retours guident "
                    "les évolutions du produit.",
                ),
            ),
            (
                "Un écosystème favorable",
                (
                    "Laboratoires, établissements de santé, structures d'accompagnement : il "
                    "apprécie de trouver tous ces interlocuteurs à proximité.",
                ),
            ),
        ),
    ),
)

# The portraits the home page features, by slug.
FEATURED_STORY_SLUGS = ("hugo-lambert", "chloe-fournier", "lea-dubois")
