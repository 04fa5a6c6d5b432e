"""Factories for the member area: pages chained to their parents, accounts in their groups."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Collection

import factory

from cms.roles import ensure_staff_groups
from core.models import SiteDocument
from members.models import (
    ActionPlanPage,
    AgendaIndexPage,
    CommissionIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    EventPage,
    MemberAgendaPage,
    MemberAreaPage,
    MemberEventPage,
    MinutesActionItem,
    MinutesAttachment,
    StrategyDraftIndexPage,
    StrategyDraftPage,
)
from members.pdf import simple_pdf
from tests.factories import (
    HomePageFactory,
    OrganisationFactory,
    PublishedPageFactory,
    UserFactory,
    paragraph,
)


def member(email, group_name, **kwargs):
    """An account in one of the network's groups (or an editor group)."""
    ensure_staff_groups()
    user = UserFactory(email=email, organisation=OrganisationFactory(), **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


class SiteDocumentFactory(factory.django.DjangoModelFactory):
    """A generated PDF, in the public root collection unless told otherwise."""

    class Meta:
        model = SiteDocument

    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda o: ContentFile(simple_pdf(o.title, ["Contenu du document."]), name="document.pdf")
    )


class MemberAreaPageFactory(PublishedPageFactory):
    class Meta:
        model = MemberAreaPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(HomePageFactory)
    title = "Espace membres"
    slug = "espace-membres"


class CommissionIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = CommissionIndexPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(MemberAreaPageFactory)
    title = "Commissions thématiques"
    slug = "commissions"


class CommissionPageFactory(PublishedPageFactory):
    class Meta:
        model = CommissionPage

    parent = factory.SubFactory(CommissionIndexPageFactory)
    title = factory.Sequence(lambda n: f"Commission thématique {n}")
    theme = "Accueillir les talents"


class CommissionMinutesPageFactory(PublishedPageFactory):
    class Meta:
        model = CommissionMinutesPage

    parent = factory.SubFactory(CommissionPageFactory)
    title = factory.Sequence(lambda n: f"Réunion numéro {n}")
    meeting_date = datetime.date(2024, 3, 14)
    place = "Limoges"
    agenda = "<p>Point d'étape</p>"
    decisions = "<p>Décisions de la commission</p>"


class StrategyDraftIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = StrategyDraftIndexPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(MemberAreaPageFactory)
    title = "Stratégie d'attractivité"
    slug = "strategie"


class StrategyDraftPageFactory(PublishedPageFactory):
    class Meta:
        model = StrategyDraftPage

    parent = factory.SubFactory(StrategyDraftIndexPageFactory)
    title = factory.Sequence(lambda n: f"Stratégie version {n}")
    version_number = factory.Sequence(lambda n: n + 1)
    status = StrategyDraftPage.Status.WORKING
    body = factory.LazyFunction(lambda: paragraph("Axe 1 : affirmer une marque partagée."))


class AgendaIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = AgendaIndexPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(HomePageFactory)
    title = "Agenda"
    slug = "agenda"


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class EventPageFactory(PublishedPageFactory):
    """A public event in ten days, from 14 h to 16 h."""

    class Meta:
        model = EventPage

    parent = factory.SubFactory(AgendaIndexPageFactory)
    title = factory.Sequence(lambda n: f"Événement public {n}")
    kind = EventPage.Kind.CONFERENCE
    start_date = factory.LazyFunction(lambda: in_days(10))
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    place_name = "Hôtel de ville"
    street_address = "Place Léon-Betoulle"
    postal_code = "87000"
    city = "Limoges"


class MemberAgendaPageFactory(PublishedPageFactory):
    class Meta:
        model = MemberAgendaPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(MemberAreaPageFactory)
    title = "Agenda des membres"
    slug = "agenda"


class MemberEventPageFactory(EventPageFactory):
    """A member event for every partner, unless told otherwise."""

    class Meta:
        model = MemberEventPage

    parent = factory.SubFactory(MemberAgendaPageFactory)
    title = factory.Sequence(lambda n: f"Réunion des membres {n}")
    kind = EventPage.Kind.MEETING
    audience = MemberEventPage.Audience.PARTNERS


class ActionPlanPageFactory(PublishedPageFactory):
    class Meta:
        model = ActionPlanPage
        django_get_or_create = ("parent", "slug")

    parent = factory.SubFactory(MemberAreaPageFactory)
    title = "Plan d'actions"
    slug = "plan-d-actions"


def add_action(minutes, **fields):
    """An action in the minutes, published as an editor would."""
    minutes = CommissionMinutesPage.objects.get(pk=minutes.pk)
    fields.setdefault("description", "Préparer une note de synthèse")
    fields.setdefault("owner", "COTECH")
    action = MinutesActionItem.objects.create(page=minutes, **fields)
    minutes.save_revision().publish()
    return MinutesActionItem.objects.get(pk=action.pk)


def attach(minutes, document, title=""):
    """Attach a document to minutes and republish them, as an editor would."""
    minutes = CommissionMinutesPage.objects.get(pk=minutes.pk)
    minutes.attachments.add(MinutesAttachment(document=document, title=title))
    minutes.save_revision().publish()
    return minutes
