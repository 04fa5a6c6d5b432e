"""Demo content of the member area: accounts of each kind, commissions, minutes and drafts."""

import datetime
import os

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.roles import ensure_staff_groups
from core.models import SiteDocument
from core.roles import COMMS_MANAGERS
from home.models import HomePage, StandardPage
from members.models import (
    CommissionIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    JoinClubPage,
    MemberAreaPage,
    MinutesActionItem,
    MinutesAttachment,
    Organisation,
    StrategyDraftIndexPage,
    StrategyDraftPage,
    StrategyFeedback,
    User,
)
from members.pdf import simple_pdf
from members.roles import CLUB, COTECH, COUNCIL, MEMBER_GROUPS
from members.signals import notifications_muted

DEFAULT_DEMO_PASSWORD = "limoges-demo-2023"  # noqa: S105 - documented dev-only password

DEMO_ACCOUNTS = [
    # email, first name, last name, group, organisation name, role
    ("partenaire@example.org", "Camille", "Partenaire", CLUB, None, "Partenaire du club"),
    ("conseil@example.org", "Dominique", "Conseil", COUNCIL, "Limoges Métropole", "Membre"),
    ("cotech@example.org", "Claude", "Technique", COTECH, "Université de Limoges", "Référent"),
    ("editeur@example.org", "Sacha", "Éditeur", COMMS_MANAGERS, None, "Communication"),
    ("admin@example.org", "Alex", "Administrateur", None, None, "Administration"),
]

COMMISSIONS = [
    (
        "Marque territoriale",
        "marque-territoriale",
        "Construire et faire vivre une marque commune pour Limoges.",
        "Limoges Métropole",
        [
            "Ville de Limoges",
            "Réseau com Limousin",
            "Office de tourisme intercommunal de Limoges Métropole",
        ],
    ),
    (
        "Accueil des talents",
        "accueil-des-talents",
        "Attirer, accueillir et retenir les salariés, les étudiants et leurs familles.",
        "Medef 87",
        [
            "CHU de Limoges",
            "Legrand",
            "Université de Limoges",
            "Chambre de commerce et d'industrie 87",
        ],
    ),
    (
        "Tourisme d'affaires",
        "tourisme-d-affaires",
        "Faire de Limoges une destination de congrès, de séminaires et de salons.",
        "Office de tourisme intercommunal de Limoges Métropole",
        ["Chambre de commerce et d'industrie 87", "Pôle céramique", "Weston"],
    ),
    (
        "Enseignement supérieur et recherche",
        "enseignement-superieur-et-recherche",
        "Valoriser l'université, ses laboratoires et ses liens avec les entreprises.",
        "Université de Limoges",
        ["Délégation d'ESTER Technopole", "Pôle Alpha RLH", "Le Gérontopôle", "CHU de Limoges"],
    ),
]

STRATEGY_PARAGRAPHS = [
    "Limoges dispose d'atouts reconnus : un savoir-faire industriel, une université "
    "pluridisciplinaire, un centre hospitalier universitaire et un patrimoine des arts du feu.",
    "La stratégie d'attractivité vise trois publics : les talents, les entreprises "
    "et les visiteurs.",
    "Axe 1 : affirmer une marque territoriale partagée par tous les partenaires du réseau.",
    "Axe 2 : accueillir les nouveaux arrivants et leurs familles, de la recherche d'emploi "
    "au logement.",
    "Axe 3 : développer le tourisme d'affaires autour des filières d'excellence.",
]


def demo_password():
    return os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, **fields):
    """The child page with this slug, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return _publish(page), True


def _restrict_to_members(page):
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=(*MEMBER_GROUPS, COMMS_MANAGERS)))


def private_collection():
    """The member area's document collection, closed to all but members and editors."""
    collection = Collection.objects.filter(name="Espace membres").first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name="Espace membres")
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=(*MEMBER_GROUPS, COMMS_MANAGERS)))
    return collection


def _document(collection, title, paragraphs):
    document = SiteDocument.objects.filter(title=title).first()
    if document is None:
        slug = title.lower().replace(" ", "-")[:60]
        document = SiteDocument(title=title, collection=collection)
        document.file.save(f"{slug}.pdf", ContentFile(simple_pdf(title, paragraphs)), save=False)
        document.save()
    return document


def load_join_page(report):
    """The public application form, linked from the home page's call to join."""

    home = HomePage.objects.first()
    if home is None:
        return
    page = JoinClubPage.objects.first()
    report.record("page de candidature", created=page is None)
    if page is None:
        page = JoinClubPage(
            title="Rejoindre le club des partenaires",
            slug="rejoindre-le-club",
            introduction="<p>Entreprises, associations, établissements : rejoignez le club des "
            "partenaires de Limoges attractivité en signant la charte de partenariat. "
            "L'équipe examine chaque candidature et vous répond par courriel.</p>",
            charter_page=StandardPage.objects.filter(slug="charte-de-partenariat").first(),
            privacy_page=StandardPage.objects.filter(slug="donnees-personnelles").first(),
            summary="Candidatez au club des partenaires de Limoges attractivité.",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        home = HomePage.objects.get(pk=home.pk)
        # The home page's call to join pointed at the club's presentation until the form existed.
        if home.join_page is None or home.join_page.slug == "club-des-partenaires":
            home.join_page = page
            home.save_revision().publish()


def load_accounts(report):
    ensure_staff_groups()
    password = demo_password()
    organisations = {o.name: o for o in Organisation.objects.all()}
    club_partner = Organisation.objects.filter(kind=Organisation.Kind.CLUB_PARTNER).first()
    accounts = []
    for email, first, last, group, organisation_name, role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            organisation = organisations.get(organisation_name) if organisation_name else None
            if group == CLUB:
                organisation = club_partner
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first,
                last_name=last,
                organisation=organisation,
                job_title=role,
                is_superuser=email.startswith("admin@"),
                is_staff=email.startswith("admin@"),
            )
            if group:
                user.groups.add(Group.objects.get(name=group))
        report.record("compte", created=created)
        accounts.append((email, group or "Administrateur"))
    report.note(f"Comptes de démonstration (mot de passe : {password}) :")
    for email, role in accounts:
        report.note(f"  {email} — {role}")
    return accounts


def load_member_content(report):
    """Member area pages, commissions, minutes with PDFs, strategy drafts and feedback."""
    # Demo publications are not news: nobody should be e-mailed about them.
    with notifications_muted(), transaction.atomic():
        _load_member_content(report)


def _load_member_content(report):
    home = HomePage.objects.first()
    if home is None:
        return
    area, created = _child(
        home,
        MemberAreaPage,
        "espace-membres",
        title="Espace membres",
        introduction="Bienvenue dans l'espace réservé aux partenaires du réseau.",
    )
    report.record("page membres", created=created)
    _restrict_to_members(area)
    collection = private_collection()
    organisations = {o.name: o for o in Organisation.objects.all()}

    commissions_index, _ = _child(
        area,
        CommissionIndexPage,
        "commissions",
        title="Commissions thématiques",
        introduction="Les commissions animées par le Conseil stratégique d'attractivité.",
    )
    today = timezone.localdate()
    for number, (title, slug, theme, lead, members) in enumerate(COMMISSIONS):
        commission = CommissionPage.objects.child_of(commissions_index).filter(slug=slug).first()
        if commission is None:
            commission = CommissionPage(
                title=f"Commission {title.lower()}",
                slug=slug,
                theme=theme,
                lead_organisation=organisations.get(lead),
                description=f"<p>{theme} La commission réunit les membres fondateurs concernés "
                "et les personnes ressources du COTECH.</p>",
            )
            commissions_index.add_child(instance=commission)
            commission.member_organisations.set(
                [organisations[name] for name in members if name in organisations]
            )
            _publish(commission)
            report.record("commission", created=True)
        else:
            report.record("commission", created=False)
        for session in range(3 if number < 2 else 2):
            meeting = datetime.date(2024, 1, 15) + datetime.timedelta(
                days=120 * session + 9 * number
            )
            minutes_slug = f"compte-rendu-{meeting.isoformat()}"
            if (
                CommissionMinutesPage.objects.child_of(commission)
                .filter(slug=minutes_slug)
                .exists()
            ):
                report.record("compte rendu", created=False)
                continue
            minutes_title = f"Réunion du {meeting.day} {_month(meeting)} {meeting.year}"
            minutes = CommissionMinutesPage(
                title=minutes_title,
                slug=minutes_slug,
                meeting_date=meeting,
                place="Limoges, salle des commissions",
                attendees="Dominique Conseil (Limoges Métropole)\nClaude Technique "
                "(Université de Limoges)",
                agenda="<ol><li>Point d'étape des actions</li><li>Propositions des "
                "partenaires</li><li>Calendrier</li></ol>",
                decisions=f"<p>La commission {title.lower()} valide le calendrier et "
                "confie au COTECH la préparation de la prochaine séance.</p>",
                summary=f"Compte rendu de la commission {title.lower()}.",
            )
            commission.add_child(instance=minutes)
            minutes.attending_organisations.set(
                [organisations[name] for name in members if name in organisations]
            )
            document = _document(
                collection,
                f"Compte rendu {title} {meeting.isoformat()}",
                [
                    theme,
                    "Ordre du jour : point d'étape, propositions, calendrier.",
                    *STRATEGY_PARAGRAPHS[:2],
                ],
            )
            MinutesAttachment.objects.create(page=minutes, document=document, title="Compte rendu")
            MinutesActionItem.objects.create(
                page=minutes,
                description="Préparer une note de synthèse pour le conseil stratégique",
                owner="COTECH",
                due_on=meeting + datetime.timedelta(days=30),
                status=MinutesActionItem.Status.DONE
                if session == 0
                else MinutesActionItem.Status.IN_PROGRESS,
            )
            minutes = CommissionMinutesPage.objects.get(pk=minutes.pk)
            _publish(minutes)
            report.record("compte rendu", created=True)

    strategy_index, _ = _child(
        area,
        StrategyDraftIndexPage,
        "strategie",
        title="Stratégie d'attractivité",
        introduction="Les versions successives de la stratégie, soumises au conseil stratégique.",
    )
    versions = [
        (1, StrategyDraftPage.Status.VALIDATED, None, STRATEGY_PARAGRAPHS[:4]),
        (
            2,
            StrategyDraftPage.Status.WORKING,
            None,
            [
                *STRATEGY_PARAGRAPHS[:3],
                STRATEGY_PARAGRAPHS[3] + " Un guichet unique sera créé.",
                STRATEGY_PARAGRAPHS[4],
            ],
        ),
        (
            3,
            StrategyDraftPage.Status.CONSULTATION,
            today + datetime.timedelta(days=30),
            [
                STRATEGY_PARAGRAPHS[0],
                "La stratégie d'attractivité vise quatre publics : les talents, les étudiants, "
                "les entreprises et les visiteurs.",
                *STRATEGY_PARAGRAPHS[2:4],
                "Axe 3 : développer le tourisme d'affaires et les congrès autour des filières "
                "d'excellence, dont la céramique.",
                "Axe 4 : mesurer chaque année les effets des actions collectives.",
            ],
        ),
    ]
    for number, status, ends_on, paragraphs in versions:
        slug = f"version-{number}"
        if StrategyDraftPage.objects.child_of(strategy_index).filter(slug=slug).exists():
            report.record("version de la stratégie", created=False)
            continue
        document = _document(collection, f"Stratégie d'attractivité v{number}", paragraphs)
        draft = StrategyDraftPage(
            title=f"Stratégie d'attractivité de Limoges — version {number}",
            slug=slug,
            version_number=number,
            status=status,
            consultation_ends_on=ends_on,
            summary=f"Version {number} du document de stratégie.",
            changes_note=""
            if number == 1
            else f"Mise à jour après les travaux des commissions (v{number}).",
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
            document=document,
        )
        strategy_index.add_child(instance=draft)
        _publish(draft)
        report.record("version de la stratégie", created=True)
        if status == StrategyDraftPage.Status.CONSULTATION:
            for email, section, text in [
                (
                    "conseil@example.org",
                    "Axe 4",
                    "Prévoir des indicateurs partagés avec le COTECH.",
                ),
                ("cotech@example.org", "", "Le COTECH propose d'associer les étudiants à l'axe 2."),
            ]:
                author = User.objects.filter(email=email).first()
                if author is not None:
                    StrategyFeedback.objects.create(
                        draft=draft, author=author, section=section, text=text
                    )


MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def _month(date):
    return MONTHS[date.month - 1]
