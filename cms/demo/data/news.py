"""News categories and news items of the demo, from the charter signature of 1 June 2023 on.

Only the first item reports the announcement itself; the others describe the life of the
network in general terms, and quote only the fictional people of the demo portraits.
"""

import datetime
from dataclasses import dataclass

NETWORK_LIFE = "Vie du réseau"
ECONOMY = "Économie"
TALENT = "Talents"
BUSINESS_TOURISM = "Tourisme d'affaires"
HIGHER_EDUCATION = "Enseignement supérieur"
INNOVATION = "Innovation"

NEWS_CATEGORIES = (
    (NETWORK_LIFE, "Les temps forts du réseau, de ses instances et de ses partenaires."),
    (ECONOMY, "Les entreprises et les filières qui font l'économie du territoire."),
    (TALENT, "Attirer, accueillir et retenir les talents à Limoges."),
    (BUSINESS_TOURISM, "Congrès, séminaires et événements professionnels."),
    (HIGHER_EDUCATION, "Étudier, enseigner et chercher à Limoges."),
    (INNOVATION, "Les technologies et les projets innovants du territoire."),
)


@dataclass(frozen=True)
class NewsData:
    slug: str
    title: str
    published_on: datetime.date
    category: str
    tags: tuple[str, ...]
    summary: str
    motif: str
    lead: str
    sections: tuple = ()
    quote: tuple[str, str, str] | None = None
    illustration: tuple[str, str] = ("network", "")


FOUNDERS_SENTENCE = (
    "Limoges Métropole, Ville de Limoges, Chambre de commerce et d'industrie 87, Chambre des "
    "métiers et de l'artisanat de la Haute-Vienne, Chambre d'agriculture de la Haute-Vienne, "
    "Cpmc 87, Medef 87, Legrand, Catalent, Picoty, Weston, Office de tourisme intercommunal "
    "de Limoges Métropole, Délégation d'ESTER Technopole, Université de Limoges, CHU de "
    "Limoges, Réseau com Limousin, Parc du Reynou, Pôle Alpha RLH, Pôle céramique et "
    "Le Gérontopôle."
)

NEWS = (
    NewsData(
        slug="signature-de-la-charte-d-attractivite",
        title="Signature de la charte d'attractivité de Limoges Métropole",
        published_on=datetime.date(2023, 6, 1),
        category=NETWORK_LIFE,
        tags=("charte de partenariat", "Conseil stratégique", "membres fondateurs"),
        summary=(
            "Limoges Métropole et la Ville de Limoges lancent le réseau « Limoges attractivité » "
            "et les membres fondateurs du Conseil stratégique d'attractivité signent la charte "
            "de partenariat."
        ),
        motif="arches",
        lead=(
            "Face à une concurrence grandissante entre les métropoles, Limoges Métropole et la "
            "Ville de Limoges initient une démarche partagée de marketing territorial afin de "
            "coconstruire l'attractivité du territoire et de favoriser le développement "
            "économique."
        ),
        sections=(
            (
                "Un réseau pour fédérer les partenaires publics et privés",
                (
                    "Le réseau « Limoges attractivité » a pour vocation de rassembler et de "
                    "fédérer les partenaires publics et privés pour la mise en place d'une "
                    "stratégie d'attractivité collective destinée à développer l'image et la "
                    "notoriété de Limoges. Il est composé de :",
                    [
                        "un COFIL : le Conseil stratégique d'attractivité de Limoges ;",
                        "un COTECH : des personnes ressources mises à disposition des membres "
                        "du Conseil stratégique ;",
                        "un club des partenaires : des acteurs privés et publics du territoire "
                        "qui s'associent à la démarche.",
                    ],
                ),
            ),
            (
                "Un Conseil stratégique d'une vingtaine de membres fondateurs",
                (
                    "Véritable comité de pilotage, le Conseil stratégique d'attractivité a pour "
                    "objectifs l'élaboration et le portage de la stratégie d'attractivité du "
                    "territoire, dans le but de le rendre plus attractif, de rayonner en France "
                    "et d'attirer différents publics. Ses membres fondateurs sont : "
                    + FOUNDERS_SENTENCE,
                    "Il aura pour mission, entre autres, d'alimenter le COTECH en ressources "
                    "humaines, d'animer des commissions thématiques, de valider le plan "
                    "d'actions et les choix stratégiques.",
                ),
            ),
            (
                "Un club des partenaires dès septembre",
                (
                    "Ce collectif a vocation à s'élargir à travers un « Club des "
                    "partenaires/influenceurs » fédérant l'ensemble des acteurs publics et "
                    "privés du territoire souhaitant participer à cette dynamique. Ce club sera "
                    "mis en place à partir du mois de septembre.",
                    "Les membres du Conseil stratégique d'attractivité s'engagent sur la mise "
                    "en œuvre et la philosophie de la démarche à travers la signature d'une "
                    "charte de partenariat.",
                ),
            ),
        ),
        quote=(
            "Coordonner un programme d'actions collectives dans lequel chacun pourra jouer la "
            "partition qui lui revient.",
            "Annonce du lancement du réseau",
            "1er juin 2023",
        ),
        illustration=("arches", "Les ponts de la Vienne, symboles d'un territoire qui relie."),
    ),
    NewsData(
        slug="le-cotech-se-met-en-ordre-de-marche",
        title="Le COTECH se met en ordre de marche",
        published_on=datetime.date(2023, 7, 6),
        category=NETWORK_LIFE,
        tags=("COTECH", "méthode"),
        summary=(
            "Les personnes ressources désignées par les membres fondateurs se sont réunies pour "
            "la première fois afin d'organiser le travail du comité technique."
        ),
        motif="network",
        lead=(
            "Un mois après la signature de la charte, le comité technique du réseau a tenu sa "
            "première réunion. Il rassemble les personnes ressources que les membres du "
            "Conseil stratégique d'attractivité mettent à disposition de la démarche."
        ),
        sections=(
            (
                "Un calendrier de travail partagé",
                (
                    "Les participants ont fixé un rythme de rencontres régulier et se sont "
                    "répartis les premiers dossiers : état des lieux des actions d'attractivité "
                    "déjà menées par chacun, recensement des atouts du territoire et "
                    "préparation de l'ouverture du club des partenaires.",
                ),
            ),
            (
                "Des commissions en préparation",
                (
                    "Le COTECH prépare également les commissions thématiques que le Conseil "
                    "stratégique animera à partir de l'automne.",
                ),
            ),
        ),
        quote=(
            "Chacun arrive avec ses projets et ses réseaux : notre rôle est de les faire "
            "converger.",
            "Camille Martin",
            "chargée de mission attractivité",
        ),
        illustration=("network", "Un réseau, des partenaires : le COTECH fait le lien."),
    ),
    NewsData(
        slug="le-club-des-partenaires-ouvre-ses-portes",
        title="Le club des partenaires ouvre ses portes",
        published_on=datetime.date(2023, 9, 14),
        category=NETWORK_LIFE,
        tags=("club des partenaires", "charte de partenariat"),
        summary=(
            "Comme annoncé lors du lancement du réseau, le club des partenaires accueille à "
            "partir de septembre les acteurs publics et privés qui souhaitent rejoindre la "
            "dynamique."
        ),
        motif="stripes",
        lead=(
            "Entreprises, associations, établissements publics : le club des partenaires est "
            "désormais ouvert à tous les acteurs du territoire qui souhaitent participer à la "
            "stratégie d'attractivité de Limoges."
        ),
        sections=(
            (
                "Signer la charte pour rejoindre le club",
                (
                    "Comme les membres fondateurs, chaque nouveau partenaire s'engage sur la mise "
                    "en œuvre et la philosophie de la démarche en signant la charte de "
                    "partenariat.",
                ),
            ),
            (
                "Une dynamique collective",
                (
                    "Les partenaires du club relaient l'image du territoire auprès de leurs "
                    "clients, de leurs collaborateurs et de leurs visiteurs, et participent aux "
                    "temps forts du réseau.",
                ),
            ),
        ),
        quote=(
            "Nous recevons chaque année des clients venus de loin : c'est l'occasion de leur "
            "faire découvrir Limoges.",
            "Julien Laurent",
            "directeur de l'Hôtel du Kaolin bleu",
        ),
        illustration=(
            "skyline",
            "Le club des partenaires s'adresse à tous les acteurs de la ville.",
        ),
    ),
    NewsData(
        slug="commissions-thematiques-premiers-chantiers",
        title="Commissions thématiques : les premiers chantiers du Conseil stratégique",
        published_on=datetime.date(2023, 10, 19),
        category=ECONOMY,
        tags=("Conseil stratégique", "commissions thématiques"),
        summary=(
            "Le Conseil stratégique d'attractivité lance ses commissions thématiques, chargées "
            "de nourrir le futur plan d'actions du réseau."
        ),
        motif="network",
        lead=(
            "Animer des commissions thématiques fait partie des missions confiées au Conseil "
            "stratégique d'attractivité. Les premières se réunissent cet automne."
        ),
        sections=(
            (
                "Quatre premières thématiques",
                (
                    "Les commissions s'organisent autour de sujets qui concernent l'ensemble des "
                    "partenaires :",
                    [
                        "l'attraction et l'accueil des talents ;",
                        "l'image et la notoriété du territoire ;",
                        "le tourisme d'affaires et l'accueil d'événements ;",
                        "les liens entre enseignement supérieur, recherche et entreprises.",
                    ],
                ),
            ),
            (
                "Vers un plan d'actions",
                (
                    "Les propositions des commissions seront soumises au Conseil stratégique, "
                    "qui valide le plan d'actions et les choix stratégiques du réseau.",
                ),
            ),
        ),
        illustration=("network", "Les commissions croisent les regards des partenaires."),
    ),
    NewsData(
        slug="attirer-et-retenir-les-talents",
        title="Attirer et retenir les talents : une commission dédiée",
        published_on=datetime.date(2023, 11, 23),
        category=TALENT,
        tags=("talents", "emploi", "recrutement"),
        summary=(
            "Recruter, accueillir les nouveaux arrivants, donner envie de rester : la commission "
            "Talents réunit employeurs et acteurs de l'emploi."
        ),
        motif="waves",
        lead=(
            "Pour de nombreux employeurs du territoire, le recrutement est devenu un enjeu "
            "central. La commission Talents veut faire de l'attractivité un levier au service "
            "de l'emploi."
        ),
        sections=(
            (
                "Mieux faire connaître le territoire aux candidats",
                (
                    "Cadre de vie, offre de formation, équipements culturels et sportifs : les "
                    "atouts de Limoges sont souvent mal connus des personnes qui envisagent de "
                    "s'y installer. La commission travaille à des outils communs que chaque "
                    "employeur pourra utiliser.",
                ),
            ),
            (
                "Penser à toute la famille",
                (
                    "L'installation d'un nouveau collaborateur concerne aussi son entourage : "
                    "logement, scolarité, emploi du conjoint. Le réseau veut faciliter ces "
                    "démarches en s'appuyant sur ses partenaires.",
                ),
            ),
        ),
        quote=(
            "Quand un candidat vient visiter l'entreprise, il découvre aussi la ville. Il faut "
            "que nous soyons tous prêts à la lui montrer.",
            "Nicolas Petit",
            "responsable des ressources humaines, Bocagix Logistique",
        ),
        illustration=("waves", "Donner envie de s'installer au bord de la Vienne."),
    ),
    NewsData(
        slug="voeux-2024-premier-bilan",
        title="Vœux 2024 : le réseau dresse un premier bilan",
        published_on=datetime.date(2024, 1, 18),
        category=NETWORK_LIFE,
        tags=("club des partenaires", "bilan"),
        summary=(
            "Membres fondateurs et partenaires du club se sont retrouvés pour échanger leurs "
            "vœux et revenir sur les premiers mois du réseau."
        ),
        motif="plates",
        lead=(
            "Sept mois après son lancement, le réseau Limoges attractivité a réuni ses membres "
            "pour une cérémonie des vœux placée sous le signe de la coopération."
        ),
        sections=(
            (
                "Des instances en place",
                (
                    "Le Conseil stratégique, le COTECH et les premières commissions thématiques "
                    "fonctionnent, et les premiers partenaires ont rejoint le club depuis "
                    "septembre.",
                ),
            ),
            (
                "Cap sur 2024",
                (
                    "L'année qui commence doit permettre de finaliser le plan d'actions et de "
                    "mener les premières actions collectives.",
                ),
            ),
        ),
        illustration=("plates", "Une soirée placée sous le signe des arts de la table."),
    ),
    NewsData(
        slug="etudier-a-limoges-un-atout",
        title="Étudier à Limoges : un atout à faire connaître",
        published_on=datetime.date(2024, 2, 22),
        category=HIGHER_EDUCATION,
        tags=("étudiants", "enseignement supérieur", "vie étudiante"),
        summary=(
            "Formations, recherche, qualité de vie : le réseau veut mieux faire connaître l'offre "
            "d'enseignement supérieur du territoire."
        ),
        motif="skyline",
        lead=(
            "Les étudiants d'aujourd'hui sont les talents de demain. Le réseau souhaite valoriser "
            "l'offre de formation du territoire auprès des lycéens et des étudiants d'autres "
            "régions."
        ),
        sections=(
            (
                "Des formations reconnues",
                (
                    "Santé, sciences, droit, lettres, ingénierie : l'université et les écoles du "
                    "territoire proposent un large éventail de formations, en lien avec les "
                    "filières économiques locales.",
                ),
            ),
            (
                "Une ville à taille humaine",
                (
                    "Logement accessible, déplacements faciles, vie culturelle : la qualité de vie "
                    "étudiante est un argument que les partenaires veulent mettre en avant.",
                ),
            ),
        ),
        quote=(
            "Je suis venu pour un master, je suis resté pour la thèse : ici, on trouve sa place "
            "rapidement.",
            "Thomas Bernard",
            "doctorant",
        ),
        illustration=("skyline", "Une ville étudiante à taille humaine."),
    ),
    NewsData(
        slug="congres-et-seminaires-a-limoges",
        title="Congrès et séminaires : Limoges veut accueillir davantage d'événements "
        "professionnels",
        published_on=datetime.date(2024, 3, 28),
        category=BUSINESS_TOURISM,
        tags=("tourisme d'affaires", "événementiel"),
        summary=(
            "Hôteliers, lieux de réception et acteurs du tourisme unissent leurs forces pour "
            "attirer congrès, séminaires et salons."
        ),
        motif="arches",
        lead=(
            "Le tourisme d'affaires fait vivre les hôtels, les restaurants et les commerces, et "
            "fait découvrir le territoire à des publics nouveaux. La commission dédiée s'est "
            "réunie pour la première fois."
        ),
        sections=(
            (
                "Recenser l'offre du territoire",
                (
                    "Salles de réunion, capacités d'hébergement, lieux atypiques : un premier "
                    "recensement permettra de répondre plus vite aux organisateurs.",
                ),
            ),
            (
                "Un accueil coordonné",
                (
                    "Les partenaires souhaitent proposer aux organisateurs un interlocuteur "
                    "unique et des services communs.",
                ),
            ),
        ),
        quote=(
            "Un séminaire réussi, c'est souvent une entreprise qui revient, et des "
            "participants qui reviennent en famille.",
            "Julien Laurent",
            "directeur de l'Hôtel du Kaolin bleu",
        ),
        illustration=("arches", "Accueillir des événements professionnels au cœur de la ville."),
    ),
    NewsData(
        slug="industrie-les-savoir-faire-du-territoire",
        title="Industrie : les savoir-faire du territoire mis en avant",
        published_on=datetime.date(2024, 4, 25),
        category=ECONOMY,
        tags=("industrie", "savoir-faire"),
        summary=(
            "Le réseau prépare une série de visites d'entreprises pour faire découvrir les "
            "métiers industriels du territoire."
        ),
        motif="stripes",
        lead=(
            "Le territoire compte des entreprises industrielles de toutes tailles, dont certaines "
            "sont connues dans le monde entier. Le réseau veut faire connaître leurs métiers au "
            "grand public."
        ),
        sections=(
            (
                "Ouvrir les portes des ateliers",
                (
                    "Des visites seront proposées aux collégiens, aux lycéens et aux demandeurs "
                    "d'emploi, en lien avec les partenaires de l'emploi et de la formation.",
                ),
            ),
            (
                "Des métiers qui recrutent",
                (
                    "Maintenance, production, qualité, logistique : les besoins des entreprises "
                    "sont nombreux et les parcours variés.",
                ),
            ),
        ),
        illustration=("stripes", "Les métiers de l'industrie, de l'atelier à la logistique."),
    ),
    NewsData(
        slug="un-an-apres-la-charte-le-reseau-s-elargit",
        title="Un an après la charte, le réseau s'élargit",
        published_on=datetime.date(2024, 5, 30),
        category=NETWORK_LIFE,
        tags=("charte de partenariat", "club des partenaires", "bilan"),
        summary=(
            "Depuis la signature de la charte le 1er juin 2023, de nouveaux partenaires ont "
            "rejoint le club et les premières actions collectives ont vu le jour."
        ),
        motif="network",
        lead=(
            "Il y a un an, les membres fondateurs du Conseil stratégique d'attractivité signaient "
            "la charte de partenariat. Le collectif s'est depuis élargi à de nouveaux partenaires."
        ),
        sections=(
            (
                "Des partenaires de tous les secteurs",
                (
                    "Artisans, commerçants, entreprises du numérique, hôteliers, producteurs : les "
                    "signataires de la charte reflètent la diversité de l'économie locale.",
                ),
            ),
            (
                "Un plan d'actions validé",
                (
                    "Le Conseil stratégique a validé les grandes orientations du plan d'actions, "
                    "préparées par le COTECH à partir des travaux des commissions.",
                ),
            ),
        ),
        quote=(
            "Rejoindre le club, c'était une évidence : notre atelier vit de l'image de Limoges.",
            "Léa Dubois",
            "fondatrice de l'Atelier Porcelune",
        ),
        illustration=("network", "Un an après, un réseau qui s'étend."),
    ),
    NewsData(
        slug="un-kit-d-accueil-pour-les-nouveaux-arrivants",
        title="Un kit d'accueil pour les nouveaux arrivants",
        published_on=datetime.date(2024, 6, 20),
        category=TALENT,
        tags=("talents", "accueil", "nouveaux arrivants"),
        summary=(
            "Les employeurs partenaires disposent désormais d'un kit pour accueillir leurs "
            "nouveaux collaborateurs et leur faire découvrir le territoire."
        ),
        motif="waves",
        lead=(
            "Issu des travaux de la commission Talents, le kit d'accueil rassemble les "
            "informations utiles aux personnes qui s'installent à Limoges."
        ),
        sections=(
            (
                "Ce que contient le kit",
                (
                    [
                        "une présentation du territoire et de ses quartiers ;",
                        "les contacts utiles pour le logement, la scolarité et la garde "
                        "d'enfants ;",
                        "une sélection de lieux culturels, sportifs et de loisirs ;",
                        "des idées de sorties pour les premiers week-ends.",
                    ],
                ),
            ),
            (
                "Disponible pour tous les partenaires",
                (
                    "Le kit est mis à disposition des partenaires du club, qui peuvent le "
                    "remettre à leurs nouvelles recrues.",
                ),
            ),
        ),
        illustration=("waves", "Bienvenue à Limoges : un kit pour bien s'installer."),
    ),
    NewsData(
        slug="rentree-universitaire-2024",
        title="Rentrée universitaire : bienvenue aux étudiants",
        published_on=datetime.date(2024, 9, 12),
        category=HIGHER_EDUCATION,
        tags=("étudiants", "rentrée", "vie étudiante"),
        summary=(
            "Les partenaires du réseau se mobilisent pour accueillir les étudiants qui "
            "découvrent Limoges à la rentrée."
        ),
        motif="skyline",
        lead=(
            "Chaque rentrée, des milliers d'étudiants découvrent la ville. Les partenaires du "
            "réseau veulent leur donner envie de rester après leurs études."
        ),
        sections=(
            (
                "Découvrir la ville dès les premiers jours",
                (
                    "Visites, rencontres avec des entreprises, bons plans des commerçants "
                    "partenaires : plusieurs rendez-vous sont proposés pendant le mois de "
                    "septembre.",
                ),
            ),
            (
                "Rencontrer les employeurs",
                (
                    "Stages, alternances et premiers emplois : les entreprises du club vont à la "
                    "rencontre des étudiants sur les campus.",
                ),
            ),
        ),
        illustration=("skyline", "La rentrée, premier contact avec la ville."),
    ),
    NewsData(
        slug="filieres-d-excellence-a-l-honneur",
        title="Photonique, céramique, numérique : les filières d'excellence à l'honneur",
        published_on=datetime.date(2024, 10, 17),
        category=INNOVATION,
        tags=("innovation", "céramique", "filières"),
        summary=(
            "Les pôles et réseaux d'innovation du territoire présentent leurs filières aux "
            "partenaires du club."
        ),
        motif="plates",
        lead=(
            "Le territoire s'appuie sur des filières de pointe, portées par des pôles, des "
            "laboratoires et des entreprises. Une rencontre du club leur a été consacrée."
        ),
        sections=(
            (
                "De la porcelaine aux céramiques techniques",
                (
                    "Héritière d'une longue tradition, la filière céramique associe aujourd'hui "
                    "arts de la table, industrie et recherche sur les matériaux.",
                ),
            ),
            (
                "Des technologies d'avenir",
                (
                    "Photonique, hyperfréquences, numérique : les entreprises et les laboratoires "
                    "du territoire développent des savoir-faire recherchés.",
                ),
            ),
        ),
        quote=(
            "Le four est le même qu'il y a cent ans dans son principe ; tout le reste a changé.",
            "Léa Dubois",
            "fondatrice de l'Atelier Porcelune",
        ),
        illustration=("plates", "La céramique, une filière entre tradition et innovation."),
    ),
    NewsData(
        slug="guide-des-lieux-de-reunion",
        title="Un guide des lieux de réunion pour les organisateurs d'événements",
        published_on=datetime.date(2024, 11, 21),
        category=BUSINESS_TOURISM,
        tags=("tourisme d'affaires", "événementiel", "guide"),
        summary=(
            "Salles, capacités, services : le réseau publie un guide pour aider les "
            "organisateurs à choisir leur lieu de réunion."
        ),
        motif="arches",
        lead=(
            "Issu du recensement mené par la commission Tourisme d'affaires, ce guide présente "
            "les lieux de réunion et de réception du territoire."
        ),
        sections=(
            (
                "Un outil pour les organisateurs",
                (
                    "Pour chaque lieu, le guide indique la capacité, les équipements et les "
                    "possibilités d'hébergement à proximité.",
                ),
            ),
            (
                "Des partenaires mobilisés",
                (
                    "Hôteliers, traiteurs et lieux de visite partenaires du club se sont "
                    "associés à la démarche.",
                ),
            ),
        ),
        illustration=("arches", "Des lieux de réunion au cœur du territoire."),
    ),
    NewsData(
        slug="porter-les-couleurs-de-limoges",
        title="Image du territoire : les partenaires invités à porter les couleurs de Limoges",
        published_on=datetime.date(2025, 1, 23),
        category=NETWORK_LIFE,
        tags=("image du territoire", "communication"),
        summary=(
            "Le réseau met à la disposition de ses partenaires des supports communs pour "
            "parler de Limoges d'une même voix."
        ),
        motif="stripes",
        lead=(
            "Développer l'image et la notoriété de Limoges est au cœur de la démarche. Le réseau "
            "propose désormais des supports que chaque partenaire peut utiliser."
        ),
        sections=(
            (
                "Des supports partagés",
                (
                    "Présentation du territoire, chiffres clés, photographies et éléments "
                    "graphiques : les partenaires disposent d'une boîte à outils commune.",
                ),
            ),
            (
                "Des ambassadeurs",
                (
                    "Chaque partenaire peut devenir ambassadeur du territoire, dans ses salons "
                    "professionnels comme dans ses recrutements.",
                ),
            ),
        ),
        quote=(
            "Une image forte se construit à plusieurs : chacun apporte sa voix, le message reste "
            "le même.",
            "Manon Girard",
            "cofondatrice de Numérivienne",
        ),
        illustration=("stripes", "Parler du territoire d'une même voix."),
    ),
    NewsData(
        slug="commerce-et-artisanat-centre-ville",
        title="Commerce et artisanat : le centre-ville au cœur de l'attractivité",
        published_on=datetime.date(2025, 3, 13),
        category=ECONOMY,
        tags=("commerce", "artisanat", "centre-ville"),
        summary=(
            "Commerçants et artisans partenaires du club font du centre-ville une vitrine du "
            "territoire."
        ),
        motif="skyline",
        lead=(
            "Un centre-ville vivant est l'une des premières choses que remarquent les visiteurs "
            "et les nouveaux habitants. Les commerçants et les artisans y jouent un rôle clé."
        ),
        sections=(
            (
                "Des commerces ambassadeurs",
                (
                    "Les commerces partenaires accueillent les visiteurs avec la documentation du "
                    "réseau et relaient ses temps forts.",
                ),
            ),
            (
                "Valoriser les métiers de l'artisanat",
                (
                    "Le réseau souhaite mieux faire connaître les métiers de l'artisanat, leurs "
                    "formations et leurs débouchés.",
                ),
            ),
        ),
        quote=(
            "Les artisans sont souvent les meilleurs ambassadeurs de leur ville : ils en "
            "connaissent chaque rue.",
            "Antoine Roux",
            "conseiller en création d'entreprise",
        ),
        illustration=("skyline", "Le centre-ville, vitrine du territoire."),
    ),
    NewsData(
        slug="emploi-des-conjoints",
        title="Emploi des conjoints : le réseau mobilise ses partenaires",
        published_on=datetime.date(2025, 4, 17),
        category=TALENT,
        tags=("talents", "emploi", "nouveaux arrivants"),
        summary=(
            "Pour faciliter l'installation des nouveaux arrivants, les employeurs partenaires "
            "partagent leurs offres avec les conjoints des personnes qu'ils recrutent."
        ),
        motif="network",
        lead=(
            "L'emploi du conjoint est souvent décisif dans le choix de s'installer. Le réseau "
            "met en relation les employeurs partenaires pour y répondre."
        ),
        sections=(
            (
                "Un réseau d'employeurs",
                (
                    "Les employeurs volontaires se signalent mutuellement les profils des "
                    "conjoints de leurs nouvelles recrues, dans le respect de leur accord.",
                ),
            ),
            (
                "Un accompagnement personnalisé",
                (
                    "Les personnes concernées sont orientées vers les partenaires de l'emploi "
                    "et de la formation du territoire.",
                ),
            ),
        ),
        illustration=("network", "Mettre en relation les employeurs du territoire."),
    ),
    NewsData(
        slug="deux-ans-du-reseau",
        title="Deux ans du réseau : les partenaires réunis",
        published_on=datetime.date(2025, 6, 5),
        category=NETWORK_LIFE,
        tags=("club des partenaires", "bilan", "Conseil stratégique"),
        summary=(
            "Pour le deuxième anniversaire de la charte, membres fondateurs et partenaires du "
            "club ont fait le point sur les actions menées."
        ),
        motif="plates",
        lead=(
            "Deux ans après la signature de la charte de partenariat, le réseau a réuni ses "
            "membres pour un moment d'échange et de bilan."
        ),
        sections=(
            (
                "Des actions concrètes",
                (
                    "Kit d'accueil des nouveaux arrivants, guide des lieux de réunion, supports "
                    "de communication partagés : les premières actions collectives sont à la "
                    "disposition de tous les partenaires.",
                ),
            ),
            (
                "De nouvelles ambitions",
                (
                    "Les participants ont proposé de nouvelles pistes de travail, qui seront "
                    "étudiées par les commissions thématiques.",
                ),
            ),
        ),
        illustration=("plates", "Deux ans de coopération entre partenaires."),
    ),
    NewsData(
        slug="l-ete-des-evenements",
        title="L'été des événements : le territoire en vitrine",
        published_on=datetime.date(2025, 7, 10),
        category=BUSINESS_TOURISM,
        tags=("tourisme d'affaires", "événementiel", "tourisme"),
        summary=(
            "Festivals, rencontres sportives et événements professionnels : l'été est l'occasion "
            "de faire découvrir le territoire à de nouveaux publics."
        ),
        motif="waves",
        lead=(
            "Chaque événement accueilli sur le territoire est une occasion de le faire connaître. "
            "Les partenaires du réseau se mobilisent pour soigner l'accueil des visiteurs."
        ),
        sections=(
            (
                "Accueillir les visiteurs",
                (
                    "Hôtels, restaurants et commerces partenaires proposent la documentation du "
                    "réseau et orientent les visiteurs vers les sites à découvrir.",
                ),
            ),
            (
                "Donner envie de revenir",
                (
                    "Les participants à un événement professionnel sont invités à prolonger leur "
                    "séjour pour découvrir la ville et ses environs.",
                ),
            ),
        ),
        illustration=("waves", "L'été au bord de l'eau."),
    ),
    NewsData(
        slug="recherche-et-entreprises-des-passerelles",
        title="Recherche et entreprises : des passerelles à renforcer",
        published_on=datetime.date(2025, 9, 18),
        category=HIGHER_EDUCATION,
        tags=("recherche", "enseignement supérieur", "innovation"),
        summary=(
            "La commission Enseignement supérieur réunit laboratoires et entreprises pour "
            "développer les projets communs."
        ),
        motif="network",
        lead=(
            "Thèses en entreprise, projets collaboratifs, plateformes techniques partagées : les "
            "liens entre recherche et entreprises sont un atout du territoire."
        ),
        sections=(
            (
                "Mieux se connaître",
                (
                    "Les rencontres organisées par la commission permettent aux entreprises de "
                    "découvrir les compétences des laboratoires, et aux chercheurs de mieux "
                    "connaître les besoins des entreprises.",
                ),
            ),
            (
                "Retenir les jeunes chercheurs",
                (
                    "Les docteurs formés sur le territoire sont des recrues précieuses pour les "
                    "entreprises innovantes.",
                ),
            ),
        ),
        quote=(
            "Mon sujet de thèse est né d'une question posée par une entreprise. C'est comme cela "
            "que la recherche devient utile.",
            "Thomas Bernard",
            "doctorant",
        ),
        illustration=("network", "Des passerelles entre laboratoires et entreprises."),
    ),
    NewsData(
        slug="sante-et-bien-vieillir",
        title="Santé et bien vieillir : le territoire fait valoir ses compétences",
        published_on=datetime.date(2025, 10, 16),
        category=INNOVATION,
        tags=("santé", "bien vieillir", "innovation"),
        summary=(
            "Soins, recherche, entreprises innovantes : les acteurs de la santé et du bien "
            "vieillir présentent leurs projets aux partenaires du réseau."
        ),
        motif="waves",
        lead=(
            "La santé et le bien vieillir rassemblent sur le territoire des établissements de "
            "soins, des laboratoires, des entreprises et des associations."
        ),
        sections=(
            (
                "Des compétences reconnues",
                (
                    "Les acteurs de la filière partagent leurs projets et cherchent à développer "
                    "les coopérations entre soin, recherche et entreprises.",
                ),
            ),
            (
                "Attirer les professionnels de santé",
                (
                    "L'accueil des professionnels de santé et de leurs familles fait partie des "
                    "priorités de la commission Talents.",
                ),
            ),
        ),
        quote=(
            "Nous concevons nos produits avec les soignants : être proches d'eux change tout.",
            "Hugo Lambert",
            "ingénieur recherche et développement, Biolumen Santé",
        ),
        illustration=("waves", "Prendre soin, à tous les âges de la vie."),
    ),
    NewsData(
        slug="bienvenue-aux-nouveaux-signataires",
        title="Club des partenaires : bienvenue aux nouveaux signataires de la charte",
        published_on=datetime.date(2025, 12, 11),
        category=NETWORK_LIFE,
        tags=("club des partenaires", "charte de partenariat"),
        summary=(
            "De nouveaux acteurs du territoire ont signé la charte de partenariat et rejoignent "
            "le club des partenaires."
        ),
        motif="stripes",
        lead=(
            "Le club des partenaires continue de s'agrandir. Les nouveaux signataires ont été "
            "accueillis lors de la dernière rencontre de l'année."
        ),
        sections=(
            (
                "Une diversité de profils",
                (
                    "Entreprises, associations, indépendants : les nouveaux partenaires "
                    "enrichissent le réseau de leurs compétences et de leurs réseaux.",
                ),
            ),
            (
                "Comment les rejoindre ?",
                (
                    "Tout acteur public ou privé du territoire peut rejoindre le club en signant "
                    "la charte de partenariat.",
                ),
            ),
        ),
        illustration=("stripes", "Le club accueille de nouveaux partenaires."),
    ),
    NewsData(
        slug="agriculture-et-circuits-courts",
        title="Agriculture et alimentation : les circuits courts, atout du territoire",
        published_on=datetime.date(2026, 2, 12),
        category=ECONOMY,
        tags=("agriculture", "circuits courts", "alimentation"),
        summary=(
            "Producteurs, restaurateurs et commerçants partenaires valorisent les produits du "
            "territoire."
        ),
        motif="waves",
        lead=(
            "La qualité des produits locaux fait partie de l'art de vivre que le réseau veut "
            "mettre en avant auprès des visiteurs et des nouveaux habitants."
        ),
        sections=(
            (
                "Du champ à l'assiette",
                (
                    "Marchés, magasins de producteurs et restaurants : les circuits courts "
                    "rapprochent les consommateurs des agriculteurs du territoire.",
                ),
            ),
            (
                "Des produits à faire découvrir",
                (
                    "Les partenaires du tourisme d'affaires proposent des menus et des "
                    "coffrets qui mettent en valeur les productions locales.",
                ),
            ),
        ),
        quote=(
            "Quand un restaurant de la ville sert nos légumes, c'est tout le territoire qui "
            "passe à table.",
            "Chloé Fournier",
            "maraîchère, Coopérative Les Prés de Brumeval",
        ),
        illustration=("waves", "Des prairies aux marchés de la ville."),
    ),
    NewsData(
        slug="alternance-et-apprentissage",
        title="Alternance et apprentissage : les entreprises du club s'engagent",
        published_on=datetime.date(2026, 3, 26),
        category=TALENT,
        tags=("talents", "alternance", "formation"),
        summary=(
            "Les entreprises partenaires proposent des contrats en alternance pour former les "
            "talents de demain sur le territoire."
        ),
        motif="skyline",
        lead=(
            "L'alternance permet aux jeunes de se former tout en découvrant l'entreprise, et aux "
            "employeurs de préparer leurs recrutements."
        ),
        sections=(
            (
                "Des offres rassemblées",
                (
                    "Les offres d'alternance des partenaires sont relayées auprès des "
                    "établissements de formation du territoire.",
                ),
            ),
            (
                "Accompagner les employeurs",
                (
                    "Les chambres consulaires et les partenaires de l'emploi accompagnent les "
                    "entreprises qui accueillent un alternant pour la première fois.",
                ),
            ),
        ),
        illustration=("skyline", "Se former en entreprise, au cœur du territoire."),
    ),
    NewsData(
        slug="accueillir-un-congres-a-limoges",
        title="Accueillir un congrès à Limoges : le réseau accompagne les organisateurs",
        published_on=datetime.date(2026, 5, 21),
        category=BUSINESS_TOURISM,
        tags=("tourisme d'affaires", "congrès"),
        summary=(
            "Un service d'accompagnement aide les associations professionnelles et les "
            "entreprises à organiser leur congrès sur le territoire."
        ),
        motif="arches",
        lead=(
            "Choisir un lieu, réserver les hébergements, organiser les visites : le réseau "
            "propose un accompagnement aux organisateurs de congrès."
        ),
        sections=(
            (
                "Un interlocuteur unique",
                (
                    "Les organisateurs disposent d'un contact qui coordonne les partenaires "
                    "concernés et les aide à construire leur programme.",
                ),
            ),
            (
                "Des ambassadeurs pour attirer les congrès",
                (
                    "Chercheurs, médecins, chefs d'entreprise : les membres du réseau peuvent "
                    "proposer la candidature de Limoges pour accueillir le congrès de leur "
                    "discipline.",
                ),
            ),
        ),
        illustration=("arches", "Le territoire se prépare à accueillir des congrès."),
    ),
    NewsData(
        slug="trois-ans-de-limoges-attractivite",
        title="Trois ans de Limoges attractivité",
        published_on=datetime.date(2026, 6, 4),
        category=NETWORK_LIFE,
        tags=("charte de partenariat", "bilan", "club des partenaires"),
        summary=(
            "Trois ans après la signature de la charte, le réseau réunit ses membres pour "
            "regarder le chemin parcouru et préparer la suite."
        ),
        motif="network",
        lead=(
            "Le 1er juin 2023, les membres fondateurs signaient la charte de partenariat. Trois "
            "ans plus tard, le réseau a réuni ses membres autour de ses réalisations."
        ),
        sections=(
            (
                "Un collectif qui s'est élargi",
                (
                    "Le club des partenaires rassemble aujourd'hui des acteurs de tous les "
                    "secteurs, qui portent ensemble l'image du territoire.",
                ),
            ),
            (
                "Des actions à poursuivre",
                (
                    "Accueil des talents, tourisme d'affaires, image du territoire : les chantiers "
                    "engagés se poursuivent, et de nouvelles commissions pourraient voir le jour.",
                ),
            ),
        ),
        quote=(
            "Trois ans, c'est le temps qu'il faut pour que travailler ensemble devienne un "
            "réflexe.",
            "Camille Martin",
            "chargée de mission attractivité",
        ),
        illustration=("network", "Trois ans de travail en réseau."),
    ),
    NewsData(
        slug="rentree-2026-ambassadeurs-etudiants",
        title="Rentrée 2026 : les ambassadeurs étudiants entrent en scène",
        published_on=datetime.date(2026, 9, 17),
        category=HIGHER_EDUCATION,
        tags=("étudiants", "rentrée", "ambassadeurs"),
        summary=(
            "Des étudiants volontaires racontent leur vie à Limoges pour donner envie à d'autres "
            "de les rejoindre."
        ),
        motif="skyline",
        lead=(
            "Qui mieux que les étudiants pour parler de la vie étudiante ? Cette rentrée, des "
            "volontaires deviennent ambassadeurs du territoire."
        ),
        sections=(
            (
                "Raconter son quotidien",
                (
                    "Les ambassadeurs partagent leur expérience lors des salons d'orientation et "
                    "sur les réseaux sociaux du réseau.",
                ),
            ),
            (
                "Un lien avec les entreprises",
                (
                    "Les ambassadeurs rencontrent aussi les entreprises partenaires, qui leur "
                    "présentent leurs métiers.",
                ),
            ),
        ),
        illustration=("skyline", "Les étudiants, ambassadeurs de la ville."),
    ),
    NewsData(
        slug="feuille-de-route-2027",
        title="Feuille de route 2027 : le Conseil stratégique valide les priorités",
        published_on=datetime.date(2026, 11, 19),
        category=NETWORK_LIFE,
        tags=("Conseil stratégique", "plan d'actions", "commissions thématiques"),
        summary=(
            "Réuni en séance plénière, le Conseil stratégique d'attractivité a validé les "
            "priorités du plan d'actions pour l'année à venir."
        ),
        motif="plates",
        lead=(
            "Valider le plan d'actions et les choix stratégiques fait partie des missions du "
            "Conseil stratégique d'attractivité. Les membres fondateurs ont arrêté les priorités "
            "de l'année prochaine."
        ),
        sections=(
            (
                "Trois priorités",
                (
                    [
                        "poursuivre l'accueil des talents et de leurs familles ;",
                        "renforcer l'accueil d'événements professionnels ;",
                        "associer plus largement les partenaires du club aux actions collectives.",
                    ],
                ),
            ),
            (
                "Une mise en œuvre partagée",
                (
                    "Le COTECH déclinera ces priorités en actions, avec l'appui des commissions "
                    "thématiques et des partenaires du club.",
                ),
            ),
        ),
        illustration=("plates", "Le Conseil stratégique prépare l'année à venir."),
    ),
)
