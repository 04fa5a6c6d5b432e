"""Demo content of the agenda and the action plan: public and member events, past and to
come, registrations, a facilitator, and actions in every state."""

import datetime

from django.db import transaction
from django.utils import timezone

from core.models import Sector, SiteImage
from home.models import HomePage
from members.models import (
    ActionPlanPage,
    AgendaIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    EventPage,
    EventRegistration,
    MemberAgendaPage,
    MemberAreaPage,
    MemberEventPage,
    MinutesActionItem,
    Organisation,
    User,
)
from members.signals import notifications_muted

from .members import _child, _publish

# (slug, title, kind, days from today, start, end, days long, place, organiser, sector,
#  registration, capacity, summary)
PUBLIC_EVENTS = [
    ("rencontres-de-l-attractivite", "Les Rencontres de l'attractivité", "rencontre", 12,
     (18, 0), (20, 30), 1, ("Opéra de Limoges", "48 rue Jean-Jaurès", "87000"),
     "Limoges Métropole", None, True, 120,
     "La soirée annuelle du réseau : bilan de l'année, témoignages et rencontres."),
    ("atelier-marque-employeur", "Atelier : construire sa marque employeur", "atelier", 26,
     (9, 0), (12, 0), 1, ("CCI Limoges Haute-Vienne", "16 place Jourdan", "87000"),
     "Chambre de commerce et d'industrie 87", "industrie", True, 3,
     "Trois heures pour travailler la marque employeur de votre organisation."),
    ("salon-arts-du-feu", "Salon des arts du feu", "salon", 40,
     None, None, 3, ("Pôle européen de la céramique", "12 rue Font Pinaud", "87000"),
     "Pôle céramique", "ceramique-et-arts-du-feu", False, None,
     "Trois jours pour découvrir la porcelaine et les émaux de Limoges."),
    ("conference-sante-territoire", "Conférence : santé et attractivité du territoire",
     "conference", 55, (14, 0), (17, 0), 1,
     ("CHU de Limoges, amphithéâtre", "2 avenue Martin-Luther-King", "87000"),
     "CHU de Limoges", "sante-et-bien-vieillir", True, None,
     "Le CHU et le Gérontopôle présentent leurs projets et leurs besoins en talents."),
    ("visite-ester-technopole", "Visite d'ESTER Technopole", "visite", -20,
     (10, 0), (12, 0), 1, ("ESTER Technopole", "1 avenue d'ESTER", "87069"),
     "Délégation d'ESTER Technopole", "innovation-et-technologies", True, 25,
     "Les laboratoires et les jeunes entreprises de la technopole ouvrent leurs portes."),
    ("forum-emploi-etudiants", "Forum emploi des étudiants", "salon", -60,
     None, None, 1, ("Faculté des sciences", "123 avenue Albert-Thomas", "87060"),
     "Université de Limoges", "enseignement-superieur-et-recherche", False, None,
     "Les entreprises du territoire rencontrent les étudiants de l'université."),
    ("webinaire-accueil-talents", "Webinaire : accueillir les nouveaux arrivants",
     "conference", 19, (12, 30), (13, 30), 1, None,
     "Limoges Métropole", None, True, None,
     "Une heure en ligne pour présenter le dispositif d'accueil des talents."),
]  # fmt: skip

# (slug, title, audience, commission slug, days from today, start, end, place, summary)
MEMBER_EVENTS = [
    ("conseil-strategique-printemps", "Séance du Conseil stratégique d'attractivité",
     "council", None, 21, (17, 0), (19, 0), "Hôtel de Limoges Métropole, salle du conseil",
     "Validation du plan d'actions et des axes de la stratégie."),
    ("club-des-partenaires-petit-dejeuner", "Petit-déjeuner du club des partenaires",
     "partners", None, 9, (8, 0), (9, 30), "Maison du numérique, Limoges",
     "Échanges entre partenaires et présentation des prochains événements."),
    ("conseil-strategique-bilan", "Séance du Conseil stratégique : bilan annuel",
     "council", None, -45, (17, 0), (19, 0), "Hôtel de Limoges Métropole, salle du conseil",
     "Bilan de l'année et premières orientations."),
]  # fmt: skip

COMMISSION_MEETING_DAYS = (14, 21, 28, 35)


def load_agenda(report):
    """The public agenda, the member agenda, commission meetings and the action plan."""
    with notifications_muted(), transaction.atomic():
        _load_agenda(report)


def _time(hours_minutes):
    return datetime.time(*hours_minutes) if hours_minutes else None


def _load_agenda(report):
    home = HomePage.objects.first()
    area = MemberAreaPage.objects.first()
    if home is None or area is None:
        return
    today = timezone.localdate()
    organisations = {o.name: o for o in Organisation.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    images = list(
        SiteImage.objects.filter(title__startswith="Visuel").exclude(alt_text="").order_by("pk")[:6]
    )

    agenda, created = _child(
        home,
        AgendaIndexPage,
        "agenda",
        title="Agenda",
        show_in_menus=True,
        introduction="Les événements du réseau ouverts à tous : rencontres, ateliers, "
        "conférences et salons sur le territoire de Limoges.",
    )
    report.record("agenda", created=created)
    for number, row in enumerate(PUBLIC_EVENTS):
        (slug, title, kind, days, start, end, length, place, organiser, sector, registration,
         capacity, summary) = row  # fmt: skip
        day = today + datetime.timedelta(days=days)
        fields = {
            "title": title,
            "kind": kind,
            "start_date": day,
            "start_time": _time(start),
            "end_date": day + datetime.timedelta(days=length - 1) if length > 1 else None,
            "end_time": _time(end),
            "organiser": organisations.get(organiser),
            "sector": sectors.get(sector),
            "summary": summary,
            "registration": "open" if registration else "none",
            "capacity": capacity,
            "image": images[number % len(images)] if images else None,
            "body": [("paragraph", f"<p>{summary} Entrée libre sur inscription.</p>")]
            if registration
            else [("paragraph", f"<p>{summary}</p>")],
        }
        if place:
            fields.update(place_name=place[0], street_address=place[1], postal_code=place[2])
        else:
            fields.update(city="", online_url="https://visio.example.org/limoges-attractivite")
        event, created = _child(agenda, EventPage, slug, **fields)
        report.record("événement public", created=created)

    member_agenda, created = _child(
        area,
        MemberAgendaPage,
        "agenda",
        title="Agenda des membres",
        introduction="Les réunions du conseil, des commissions et du club, et les événements "
        "publics du réseau.",
    )
    report.record("agenda des membres", created=created)
    for slug, title, audience, _commission, days, start, end, place, summary in MEMBER_EVENTS:
        event, created = _child(
            member_agenda,
            MemberEventPage,
            slug,
            title=title,
            kind="reunion",
            audience=audience,
            start_date=today + datetime.timedelta(days=days),
            start_time=_time(start),
            end_time=_time(end),
            place_name=place,
            city="Limoges",
            organiser=organisations.get("Limoges Métropole"),
            summary=summary,
            registration="open" if audience == "partners" else "none",
            capacity=40 if audience == "partners" else None,
        )
        report.record("événement des membres", created=created)

    commissions = list(CommissionPage.objects.live().order_by("path"))
    for number, commission in enumerate(commissions):
        days = COMMISSION_MEETING_DAYS[number % len(COMMISSION_MEETING_DAYS)]
        day = today + datetime.timedelta(days=days)
        event, created = _child(
            member_agenda,
            MemberEventPage,
            f"reunion-{commission.slug}",
            title=f"Réunion de la {commission.title[0].lower()}{commission.title[1:]}",
            kind="reunion",
            audience="commission",
            commission=commission,
            start_date=day,
            start_time=datetime.time(14, 30),
            end_time=datetime.time(16, 30),
            place_name="Hôtel de Limoges Métropole, salle du conseil",
            city="Limoges",
            organiser=commission.lead_organisation,
            summary=f"Réunion de travail de la {commission.title.lower()}.",
        )
        report.record("réunion de commission", created=created)
        if not created:
            continue
        _link_minutes_to_past_meeting(member_agenda, commission, report)

    plan, created = _child(
        area,
        ActionPlanPage,
        "plan-d-actions",
        title="Plan d'actions",
        introduction="Les actions décidées par les commissions, leur responsable, leur "
        "échéance et leur état.",
    )
    report.record("plan d'actions", created=created)
    if created:
        _enrich_actions(today, organisations)
        _add_facilitator(commissions)
        _add_registrations(agenda)


def _link_minutes_to_past_meeting(member_agenda, commission, report):
    """The latest minutes of the commission record a meeting of the agenda."""
    minutes = (
        CommissionMinutesPage.objects.child_of(commission).live().order_by("-meeting_date").first()
    )
    if minutes is None:
        return
    event, created = _child(
        member_agenda,
        MemberEventPage,
        f"reunion-{commission.slug}-{minutes.meeting_date.isoformat()}",
        title=f"Réunion de la {commission.title[0].lower()}{commission.title[1:]}",
        kind="reunion",
        audience="commission",
        commission=commission,
        start_date=minutes.meeting_date,
        start_time=datetime.time(14, 30),
        end_time=datetime.time(16, 30),
        place_name=minutes.place,
        city="",
        organiser=commission.lead_organisation,
        summary=f"Réunion de travail de la {commission.title.lower()}.",
    )
    report.record("réunion de commission passée", created=created)
    minutes.event = event
    _publish(minutes)


ACTIONS = [
    # description, decision, owner, organisation, days from today, status
    ("Recenser les offres d'emploi des membres pour la page talents",
     "Créer une page commune des offres d'emploi", "Service RH", "CHU de Limoges", -12,
     "in_progress"),
    ("Rédiger le guide d'accueil des nouveaux arrivants",
     "Publier un guide d'accueil avant l'été", "Direction de la communication",
     "Limoges Métropole", 20, "todo"),
    ("Réserver le palais des congrès pour les Rencontres",
     "Organiser les Rencontres de l'attractivité à l'automne", "Office de tourisme",
     "Office de tourisme intercommunal de Limoges Métropole", -40, "done"),
    ("Proposer trois ambassadeurs de la marque", "Lancer le réseau des ambassadeurs",
     "Service communication", "Ville de Limoges", -3, "todo"),
]  # fmt: skip


def _enrich_actions(today, organisations):
    """Owners, decisions and due dates on the actions of the latest minutes of each
    commission (written as an editor would, then published), some late."""
    minutes_list = [
        CommissionMinutesPage.objects.child_of(commission).live().order_by("-meeting_date").first()
        for commission in CommissionPage.objects.live().order_by("path")
    ]
    for minutes, row in zip([m for m in minutes_list if m], ACTIONS, strict=False):
        description, decision, owner, organisation, days, status = row
        MinutesActionItem.objects.create(
            page=minutes,
            description=description,
            decision=decision,
            owner=owner,
            owner_organisation=organisations.get(organisation),
            due_on=today + datetime.timedelta(days=days),
            status=status,
            sort_order=10,
        )
        _publish(CommissionMinutesPage.objects.get(pk=minutes.pk))


def _add_facilitator(commissions):
    """The COTECH's referent facilitates the talents commission (their university is in it)."""
    facilitator = User.objects.filter(email="cotech@example.org").first()
    commission = next((c for c in commissions if c.slug == "accueil-des-talents"), None)
    if facilitator is None or commission is None:
        return
    commission.facilitators.add(facilitator)
    _publish(CommissionPage.objects.get(pk=commission.pk))


def _add_registrations(agenda):
    """The small workshop is full with one person waiting; a partner goes to the evening."""
    workshop = EventPage.objects.child_of(agenda).filter(slug="atelier-marque-employeur").first()
    if workshop is not None:
        for number, (name, status) in enumerate(
            [
                ("Louise Martin", "confirmed"),
                ("Hugo Bernard", "confirmed"),
                ("Inès Petit", "confirmed"),
                ("Nathan Robert", "waitlist"),
            ]
        ):
            EventRegistration.objects.create(
                event=workshop,
                name=name,
                email=f"participant{number + 1}@example.com",
                status=status,
                confirmed_at=timezone.now(),
            )
    partner = User.objects.filter(email="partenaire@example.org").first()
    evening = EventPage.objects.child_of(agenda).filter(slug="rencontres-de-l-attractivite").first()
    if partner is not None and evening is not None:
        EventRegistration.objects.create(
            event=evening,
            user=partner,
            name=partner.get_full_name(),
            email=partner.email,
            organisation_name=partner.organisation.name if partner.organisation else "",
            status="confirmed",
            confirmed_at=timezone.now(),
        )
