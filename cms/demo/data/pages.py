"""The home page, the pages about the network, the indexes and the legal pages.

Bodies are built by functions that receive `links`, the demo pages by slug, so that calls to
action can point at pages created in the same run.
"""

from django.utils.html import format_html

from cms.demo.data.organisations import FOUNDING_MEMBERS
from cms.demo.streams import call_to_action, heading, paragraph, quote, rich_text, sections

CONTACT_EMAIL = "contact@limoges-attractivite.example"
DPO_EMAIL = "dpo@limoges-attractivite.example"
POSTAL_ADDRESS = "Limoges Métropole, 19 rue Bernard Palissy, 87031 Limoges Cedex 1"

HOME_SLUG = "accueil"
NETWORK_SLUG = "le-reseau"
COUNCIL_SLUG = "conseil-strategique-attractivite"
COTECH_SLUG = "cotech"
CLUB_SLUG = "club-des-partenaires"
CHARTER_SLUG = "charte-de-partenariat"
NEWS_SLUG = "actualites"
STORIES_SLUG = "portraits"
DIRECTORY_SLUG = "partenaires"
LEGAL_NOTICE_SLUG = "mentions-legales"
PRIVACY_SLUG = "donnees-personnelles"
ACCESSIBILITY_SLUG = "declaration-accessibilite"
ACCESSIBILITY_PLAN_SLUG = "schema-pluriannuel-accessibilite"
ECO_DESIGN_SLUG = "ecoconception"
OPEN_DATA_SLUG = "donnees-ouvertes"

HOME = {
    "title": "Accueil",
    "slug": HOME_SLUG,
    "hero_title": "Ensemble, faisons rayonner Limoges",
    "hero_text": (
        "Limoges attractivité rassemble les partenaires publics et privés du territoire autour "
        "d'une stratégie d'attractivité collective, pour développer l'image et la notoriété "
        "de Limoges."
    ),
    "summary": (
        "Le réseau des partenaires publics et privés qui portent ensemble l'attractivité de "
        "Limoges."
    ),
    "body": rich_text(
        "Face à une concurrence grandissante entre les métropoles, Limoges Métropole et la Ville "
        "de Limoges ont lancé le 1er juin 2023 une démarche partagée de marketing territorial, "
        "afin de coconstruire l'attractivité du territoire et de favoriser le développement "
        "économique.",
        "Le réseau s'organise autour du Conseil stratégique d'attractivité, qui réunit une "
        "vingtaine de membres fondateurs, d'un comité technique, le COTECH, et d'un club des "
        "partenaires ouvert à tous les acteurs qui souhaitent participer à la dynamique.",
    ),
    "join_title": "Rejoignez le club des partenaires",
    "join_text": (
        "Entreprises, associations, établissements publics : signez la charte de partenariat et "
        "participez à la stratégie d'attractivité du territoire."
    ),
}


def network_body(links):
    return [
        *sections(
            (
                "Une démarche partagée de marketing territorial",
                (
                    "Face à une concurrence grandissante entre les métropoles, Limoges Métropole "
                    "et la Ville de Limoges ont initié, le 1er juin 2023, une démarche partagée "
                    "de marketing territorial afin de coconstruire l'attractivité du territoire "
                    "et de favoriser le développement économique.",
                    "Le réseau « Limoges attractivité » a pour vocation de rassembler et de "
                    "fédérer les partenaires publics et privés pour mettre en place une "
                    "stratégie d'attractivité collective, destinée à développer l'image et la "
                    "notoriété de Limoges.",
                ),
            ),
            (
                "Trois cercles pour agir ensemble",
                (
                    [
                        "le Conseil stratégique d'attractivité (COFIL), véritable comité de "
                        "pilotage composé d'une vingtaine de membres fondateurs ;",
                        "le COTECH, qui réunit les personnes ressources mises à disposition par "
                        "les membres du Conseil stratégique ;",
                        "le club des partenaires, qui associe à la démarche les acteurs privés et "
                        "publics du territoire.",
                    ],
                ),
            ),
        ),
        quote(
            "Un programme d'actions collectives dans lequel chacun pourra jouer la partition qui "
            "lui revient.",
            "Annonce du lancement du réseau",
            "1er juin 2023",
        ),
        call_to_action(
            "Rejoignez le club des partenaires",
            "Signez la charte de partenariat et participez à la dynamique.",
            "Découvrir le club",
            links[CLUB_SLUG],
        ),
    ]


def council_body(links):
    return [
        *sections(
            (
                "Son rôle",
                (
                    "Composé d'une vingtaine de membres fondateurs, le Conseil stratégique "
                    "d'attractivité a pour objectifs l'élaboration et le portage de la stratégie "
                    "d'attractivité du territoire de Limoges, dans le but de le rendre plus "
                    "attractif, de rayonner en France et d'attirer différents publics.",
                ),
            ),
            (
                "Ses missions",
                (
                    [
                        "alimenter le COTECH en ressources humaines ;",
                        "animer des commissions thématiques ;",
                        "valider le plan d'actions et les choix stratégiques ;",
                        "mobiliser et impliquer en continu les forces vives du territoire ;",
                        "animer les parties prenantes et mettre en cohérence les stratégies des "
                        "différents opérateurs ;",
                        "coordonner un programme d'actions collectives dans lequel chacun joue "
                        "la partition qui lui revient.",
                    ],
                ),
            ),
            (
                "Les membres fondateurs",
                (
                    "Les vingt membres fondateurs ont signé la charte de partenariat le "
                    "1er juin 2023 :",
                    [member.name for member in FOUNDING_MEMBERS],
                ),
            ),
        ),
        call_to_action(
            "L'annuaire des partenaires",
            "Retrouvez la présentation de chaque membre du réseau.",
            "Voir les partenaires",
            links[DIRECTORY_SLUG],
        ),
    ]


def cotech_body(links):
    return [
        *sections(
            (
                "Des personnes ressources au service de la stratégie",
                (
                    "Le COTECH est composé de personnes ressources mises à disposition par les "
                    "membres du Conseil stratégique d'attractivité, qui l'alimente en ressources "
                    "humaines.",
                ),
            ),
            (
                "Son fonctionnement",
                (
                    "Le COTECH prépare les travaux du Conseil stratégique, instruit les projets "
                    "du plan d'actions et suit leur mise en œuvre. Il fait le lien avec les "
                    "commissions thématiques et avec le club des partenaires.",
                ),
            ),
        ),
        call_to_action(
            "Le Conseil stratégique d'attractivité",
            "Découvrez le comité de pilotage du réseau et ses membres fondateurs.",
            "Découvrir le Conseil stratégique",
            links[COUNCIL_SLUG],
        ),
    ]


def club_body(links):
    return [
        *sections(
            (
                "Un collectif ouvert",
                (
                    "Mis en place à partir de septembre 2023, le club des partenaires élargit le "
                    "collectif formé par les membres fondateurs du Conseil stratégique "
                    "d'attractivité. Il est ouvert à tous les acteurs publics et privés du "
                    "territoire : entreprises, associations, établissements d'enseignement, "
                    "acteurs de la culture et du tourisme.",
                ),
            ),
            (
                "Comment rejoindre le club ?",
                (
                    "L'adhésion au club passe par la signature de la charte de partenariat, qui "
                    "engage chaque partenaire sur la mise en œuvre et la philosophie de la "
                    "démarche.",
                    [
                        "prenez contact avec l'équipe du réseau ;",
                        "échangez avec elle sur vos attentes et votre contribution ;",
                        "signez la charte de partenariat.",
                    ],
                ),
            ),
            (
                "Ce que le club vous apporte",
                (
                    [
                        "participer à la stratégie d'attractivité du territoire ;",
                        "porter l'image de Limoges auprès de vos clients, de vos collaborateurs "
                        "et de vos visiteurs ;",
                        "rencontrer les autres partenaires lors des temps forts du réseau ;",
                        "accéder aux ressources partagées par le réseau.",
                    ],
                ),
            ),
        ),
        call_to_action(
            "La charte de partenariat",
            "Découvrez les engagements que prennent les signataires.",
            "Lire la charte",
            links[CHARTER_SLUG],
        ),
    ]


def charter_body(links):
    return [
        *sections(
            (
                "Une signature fondatrice",
                (
                    "Le 1er juin 2023, les membres fondateurs du Conseil stratégique "
                    "d'attractivité ont signé la charte de partenariat qui marque le lancement "
                    "du réseau « Limoges attractivité ».",
                ),
            ),
            (
                "Les engagements des signataires",
                (
                    "En signant la charte, chaque membre s'engage sur la mise en œuvre et la "
                    "philosophie de la démarche :",
                    [
                        "partager l'ambition d'une stratégie d'attractivité collective pour "
                        "Limoges ;",
                        "contribuer à développer l'image et la notoriété du territoire ;",
                        "mettre en cohérence ses actions avec la stratégie commune ;",
                        "participer à l'animation du réseau et aux actions collectives.",
                    ],
                ),
            ),
            (
                "Qui signe la charte ?",
                (
                    "La charte est signée par les membres fondateurs du Conseil stratégique et "
                    "par chaque acteur qui rejoint le club des partenaires.",
                ),
            ),
        ),
        call_to_action(
            "Rejoignez le club des partenaires",
            "Signez la charte et participez à la dynamique.",
            "Découvrir le club",
            links[CLUB_SLUG],
        ),
    ]


def statement(kind):
    """A block that shows a legal statement from the site settings or the code."""
    return {"type": kind, "value": None}


def legal_notice_body(links):
    # Publisher, publication director, host and credits come from the site settings.
    return [
        statement("legal_notice"),
        *sections(
            (
                "Propriété intellectuelle",
                (
                    "Les textes, illustrations et logos publiés sur ce site sont protégés par le "
                    "droit d'auteur. Toute reproduction, même partielle, nécessite l'autorisation "
                    "préalable de l'éditeur ou des ayants droit.",
                ),
            ),
            (
                "Liens vers d'autres sites",
                (
                    "Les liens vers d'autres sites sont proposés à titre d'information. L'éditeur "
                    "n'est pas responsable du contenu de ces sites.",
                ),
            ),
        ),
    ]


def privacy_body(links):
    return [
        *sections(
            (
                "Responsable de traitement",
                (
                    "Limoges Métropole est responsable des traitements de données personnelles "
                    f"mis en œuvre sur ce site. Adresse : {POSTAL_ADDRESS}.",
                ),
            ),
        ),
        # Purposes, legal bases, data, recipients and retention: the register the code keeps.
        statement("processing_register"),
        *sections(
            (
                "Cookies et mesure d'audience",
                (
                    "Le site n'utilise que les cookies strictement nécessaires à son "
                    "fonctionnement (session et protection des formulaires). Son audience est "
                    "mesurée sans cookie ni adresse IP, par le site lui-même : aucun consentement "
                    "n'est donc demandé. Une vidéo d'un service externe ne se charge qu'après un "
                    "clic sur « Lire la vidéo ».",
                ),
            ),
            (
                "Contacter le délégué à la protection des données",
                (
                    format_html(
                        "Pour exercer vos droits ou pour toute question, écrivez au délégué à la "
                        'protection des données (DPO) : <a href="mailto:{}">{}</a>, ou par '
                        "courrier à l'adresse : {}.",
                        DPO_EMAIL,
                        DPO_EMAIL,
                        POSTAL_ADDRESS,
                    ),
                ),
            ),
        ),
    ]


def accessibility_body(links):
    return [
        paragraph(
            "Limoges Métropole s'engage à rendre son site internet accessible conformément à "
            "l'article 47 de la loi n° 2005-102 du 11 février 2005.",
            "Cette déclaration d'accessibilité s'applique au site du réseau Limoges attractivité.",
        ),
        # Conformance, audit, rate, contact and recourse: from the site settings.
        statement("accessibility_statement"),
        heading("Contenus non accessibles"),
        heading("Non-conformités", "h3"),
        paragraph(
            [
                "certaines images d'illustration contiennent du texte restitué uniquement par "
                "leur texte alternatif ;",
                "certaines vidéos intégrées ne disposent pas encore de transcription ;",
                "certains documents téléchargeables au format PDF ne sont pas balisés.",
            ],
        ),
        heading("Dérogations pour charge disproportionnée", "h3"),
        paragraph("Aucune."),
        heading("Contenus non soumis à l'obligation d'accessibilité", "h3"),
        paragraph(
            [
                "les contenus de tiers qui ne sont ni financés ni développés par Limoges "
                "Métropole ;",
                "les documents bureautiques publiés avant le 23 septembre 2018.",
            ],
        ),
        heading("Établissement de cette déclaration d'accessibilité"),
        paragraph("Cette déclaration a été établie le 3 novembre 2026."),
        heading("Technologies utilisées pour la réalisation du site", "h3"),
        paragraph(["HTML5", "CSS", "JavaScript"]),
        heading("Environnement de test", "h3"),
        paragraph(
            "Les vérifications de restitution de contenus ont été réalisées avec :",
            ["NVDA avec Firefox ;", "VoiceOver avec Safari."],
        ),
        heading("Outils pour évaluer l'accessibilité", "h3"),
        paragraph(["axe-core ;", "validateur HTML du W3C ;", "vérifications manuelles."]),
        heading("Pages du site ayant fait l'objet de la vérification de conformité", "h3"),
        paragraph(
            [
                "Accueil",
                "Le réseau",
                "Actualités et une actualité",
                "Portraits et un portrait",
                "Partenaires",
                "Mentions légales",
                "Déclaration d'accessibilité",
            ],
        ),
    ]


def accessibility_plan_body(links):
    return [
        paragraph(
            "Ce schéma, prévu par l'article 47 de la loi n° 2005-102 du 11 février 2005, "
            "présente la politique d'accessibilité du réseau et son plan d'actions sur trois ans. "
            "Il est mis à jour chaque année avec le bilan des actions menées."
        ),
        *sections(
            (
                "Organisation",
                (
                    "Un référent accessibilité au sein de l'équipe de communication suit le plan, "
                    "forme les rédacteurs et traite les demandes des personnes.",
                ),
            ),
            (
                "2026",
                (
                    [
                        "audit de conformité RGAA sur l'échantillon de pages de la déclaration ;",
                        "vérification automatique (axe-core) de chaque page à chaque livraison ;",
                        "formation des rédacteurs aux textes alternatifs et aux documents PDF.",
                    ],
                ),
            ),
            (
                "2027",
                (
                    [
                        "correction des non-conformités relevées par l'audit ;",
                        "transcription de toutes les vidéos publiées ;",
                        "documents PDF balisés ou remplacés par des pages.",
                    ],
                ),
            ),
            (
                "2028",
                (
                    [
                        "nouvel audit et mise à jour de la déclaration d'accessibilité ;",
                        "tests avec des personnes utilisant un lecteur d'écran.",
                    ],
                ),
            ),
        ),
    ]


def eco_design_body(links):
    # The budget's figures come from the code that enforces them (core.budget).
    return [statement("eco_design")]


# Fields of the pages under the home page. Body builders are paired with the fields of the pages
# that have a body; the loader creates them in this order, which is also the menu order.
NEWS_INDEX = {
    "title": "Actualités",
    "slug": NEWS_SLUG,
    "introduction": "Les nouvelles du réseau Limoges attractivité et de ses partenaires.",
    "summary": "Les nouvelles du réseau Limoges attractivité et de ses partenaires.",
}
STORY_INDEX = {
    "title": "Portraits",
    "slug": STORIES_SLUG,
    "introduction": (
        "Ils font le territoire : rencontres avec celles et ceux qui font vivre Limoges."
    ),
    "summary": "Rencontres avec celles et ceux qui font vivre Limoges.",
}
DIRECTORY = {
    "title": "Partenaires",
    "slug": DIRECTORY_SLUG,
    "introduction": (
        "Les membres fondateurs du Conseil stratégique d'attractivité et les partenaires du "
        "club, tous signataires de la charte de partenariat."
    ),
    "summary": "Les membres fondateurs et les partenaires du club des partenaires.",
}

NETWORK_PAGES = (
    (
        {
            "title": "Le Conseil stratégique d'attractivité",
            "slug": COUNCIL_SLUG,
            "introduction": (
                "Véritable comité de pilotage, le Conseil stratégique d'attractivité de Limoges "
                "(COFIL) élabore et porte la stratégie d'attractivité du territoire."
            ),
        },
        council_body,
    ),
    (
        {
            "title": "Le COTECH",
            "slug": COTECH_SLUG,
            "introduction": (
                "Le comité technique réunit les personnes ressources que les membres du Conseil "
                "stratégique mettent à disposition du réseau."
            ),
        },
        cotech_body,
    ),
    (
        {
            "title": "Le club des partenaires",
            "slug": CLUB_SLUG,
            "introduction": (
                "Le club des partenaires/influenceurs fédère les acteurs publics et privés du "
                "territoire qui souhaitent participer à la dynamique d'attractivité."
            ),
        },
        club_body,
    ),
    (
        {
            "title": "La charte de partenariat",
            "slug": CHARTER_SLUG,
            "introduction": (
                "Par la signature de la charte de partenariat, les membres du réseau s'engagent "
                "sur la mise en œuvre et la philosophie de la démarche d'attractivité."
            ),
        },
        charter_body,
    ),
)

NETWORK_PAGE = (
    {
        "title": "Le réseau",
        "slug": NETWORK_SLUG,
        "introduction": (
            "Limoges attractivité fédère les partenaires publics et privés du territoire autour "
            "d'une stratégie d'attractivité collective."
        ),
    },
    network_body,
)

LEGAL_PAGES = (
    (
        {
            "title": "Mentions légales",
            "slug": LEGAL_NOTICE_SLUG,
            "introduction": "Les informations légales relatives à l'édition de ce site.",
        },
        legal_notice_body,
    ),
    (
        {
            "title": "Données personnelles",
            "slug": PRIVACY_SLUG,
            "introduction": (
                "Comment le réseau Limoges attractivité traite vos données personnelles, "
                "conformément au règlement général sur la protection des données (RGPD) et à la "
                "loi Informatique et libertés."
            ),
        },
        privacy_body,
    ),
    (
        {
            "title": "Déclaration d'accessibilité",
            "slug": ACCESSIBILITY_SLUG,
            "introduction": "L'état de conformité du site au RGAA 4.1 et les moyens de recours.",
        },
        accessibility_body,
    ),
    (
        {
            "title": "Schéma pluriannuel d'accessibilité",
            "slug": ACCESSIBILITY_PLAN_SLUG,
            "introduction": (
                "Les actions que Limoges attractivité s'engage à mener de 2026 à 2028 pour "
                "rendre son site, espace membres compris, accessible à tous."
            ),
        },
        accessibility_plan_body,
    ),
    (
        {
            "title": "Écoconception",
            "slug": ECO_DESIGN_SLUG,
            "introduction": (
                "Comment le site limite son poids et ses échanges, selon le référentiel général "
                "d'écoconception de services numériques (RGESN)."
            ),
        },
        eco_design_body,
    ),
)
