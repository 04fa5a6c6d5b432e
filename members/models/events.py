"""The network's agenda: public events under /agenda/, member events in the member area, and
the registrations to both."""

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.cache.routing import CachedPrivacyQuerySetMixin
from core.images import SOCIAL_SIZE
from core.models import BasePage, IntroductionMixin
from core.roles import is_editor, user_group_names
from core.structured_data import json_ld_script
from core.templatetags.french import long_date

from ..roles import COUNCIL
from .base import MemberAccessMixin, MemberBasePage
from .directory import Organisation

PARIS = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_moment(day, time):
    """The aware moment of a wall-clock time in Limoges on that day (its own UTC offset)."""
    return datetime.datetime.combine(day, time, tzinfo=PARIS)


def exists_locally(day, time):
    """False for the hour skipped when clocks go forward (02:30 on the last Sunday of March)."""
    moment = local_moment(day, time)
    back = moment.astimezone(datetime.UTC).astimezone(PARIS)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def local_hour(time):
    """« 14 h 05 », as French typography writes the hour."""
    return f"{time.hour} h {time.minute:02d}"


def start_of_today():
    """Midnight in Limoges: events of today stay « à venir » until the day is over."""
    return local_moment(timezone.localdate(), datetime.time.min)


class EventQuerySet(CachedPrivacyQuerySetMixin, PageQuerySet):
    """Queries over events, public and member ones alike (member events are a subtype)."""

    def upcoming(self, moment=None):
        """Events not over yet, soonest first."""
        moment = moment or start_of_today()
        return self.filter(ends_at__gte=moment).order_by("starts_at", "pk")

    def past(self, moment=None):
        """Events over, latest first."""
        moment = moment or start_of_today()
        return self.filter(ends_at__lt=moment).order_by("-starts_at", "-pk")

    def for_listing(self):
        """Published events with what a listing row shows (text only: no image to load)."""
        return self.live().defer_streamfields().select_related("organiser", "sector")

    def public_events(self):
        """Published events anyone may read: never a member event, never a restricted page."""
        return self.live().public().exact_type(EventPage)


EventManager = PageManager.from_queryset(EventQuerySet)


class AgendaIndexPage(IntroductionMixin, RoutablePageMixin, BasePage):
    """The public agenda: upcoming events, the archive by year and the public iCal feed."""

    template = "pages/agenda_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["members.EventPage"]

    class Meta:
        verbose_name = _("agenda public")

    def events(self):
        return EventPage.objects.child_of(self).public_events()

    # The views import the models: imported when a request comes, not when models load.
    @path("")
    def upcoming_view(self, request):
        from ..agenda import agenda_index_view

        return agenda_index_view(self, request)

    @path("archives/<int:year>/")
    def archive_view(self, request, year):
        from ..agenda import agenda_index_view

        return agenda_index_view(self, request, year=year)

    @path("ical/")
    def feed_view(self, request):
        from ..agenda import public_feed_view

        return public_feed_view(self, request)


class EventPage(RoutablePageMixin, BasePage):
    """An event of the network, open to the public; member events extend it."""

    class Kind(models.TextChoices):
        MEETING = "reunion", _("Réunion")
        CONFERENCE = "conference", _("Conférence")
        WORKSHOP = "atelier", _("Atelier")
        NETWORKING = "rencontre", _("Rencontre du réseau")
        VISIT = "visite", _("Visite")
        FAIR = "salon", _("Salon, forum")

    class Registration(models.TextChoices):
        NONE = "none", _("Sans inscription")
        OPEN = "open", _("Inscription sur le site")

    template = "pages/event_page.html"
    serve_related = ("listing_image", "image", "organiser", "sector")
    parent_page_types = ["members.AgendaIndexPage"]
    subpage_types = []

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    sector = models.ForeignKey(
        "core.Sector",
        verbose_name=_("secteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    start_date = models.DateField(_("date de début"))
    start_time = models.TimeField(
        _("heure de début"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour un événement qui dure toute la journée."),
    )
    end_date = models.DateField(
        _("date de fin"),
        null=True,
        blank=True,
        help_text=_("Pour un événement sur plusieurs jours ; vide : le même jour."),
    )
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    # Computed from the dates and times above, in Limoges time: listings and feeds sort and
    # filter on them, and each keeps its own offset across daylight-saving changes.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    place_name = models.CharField(_("lieu"), max_length=255, blank=True)
    street_address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True, default="Limoges")
    online_url = models.URLField(
        _("lien de participation en ligne"),
        blank=True,
        help_text=_("Visioconférence ou diffusion en direct, le cas échéant."),
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organisateur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("présentation"), blank=True)

    registration = models.CharField(
        _("inscription"),
        max_length=10,
        choices=Registration.choices,
        default=Registration.NONE,
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Au-delà, les inscrits rejoignent la liste d'attente. Vide : sans limite."),
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide : jusqu'au début de l'événement."),
    )

    objects = EventManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Dates et horaires (heure de Limoges)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("online_url"),
            ],
            heading=_("Lieu"),
        ),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("sector"), FieldPanel("organiser")],
            heading=_("Classement"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldPanel("capacity"),
                FieldPanel("registration_closes_at"),
            ],
            heading=_("Inscriptions"),
        ),
    ]
    promote_panels = [FieldPanel("listing_image"), *Page.promote_panels]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("place_name"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    # Dates and times

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def multi_day(self):
        return self.last_day != self.start_date

    def compute_moments(self):
        """`starts_at` and `ends_at` from the local dates and times (all-day: whole days)."""
        if self.all_day:
            self.starts_at = local_moment(self.start_date, datetime.time.min)
            self.ends_at = local_moment(
                self.last_day + datetime.timedelta(days=1), datetime.time.min
            )
        else:
            self.starts_at = local_moment(self.start_date, self.start_time)
            self.ends_at = local_moment(self.last_day, self.end_time or self.start_time)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date is None:
            raise ValidationError({"start_date": _("Indiquez la date de l'événement.")})
        if self.end_date is not None and self.end_date < self.start_date:
            errors["end_date"] = _("La date de fin précède la date de début.")
        if self.all_day and self.end_time is not None:
            errors["end_time"] = _(
                "Une heure de fin demande une heure de début ; "
                "videz-la pour un événement sur la journée."
            )
        for field, day, time in (
            ("start_time", self.start_date, self.start_time),
            ("end_time", self.last_day, self.end_time),
        ):
            if time is not None and not exists_locally(day, time):
                errors[field] = _(
                    "Cet horaire n'existe pas ce jour-là (passage à l'heure d'été) : "
                    "choisissez une autre heure."
                )
        if (
            not errors
            and not self.all_day
            and self.end_time is not None
            and local_moment(self.last_day, self.end_time)
            < local_moment(self.start_date, self.start_time)
        ):
            errors["end_time"] = _("L'événement finit avant de commencer.")
        if self.registration == self.Registration.NONE:
            self.capacity = None
            self.registration_closes_at = None
        if self.image is not None and not self.image.alt_text:
            errors["image"] = _(
                "Cette image n'a pas de texte alternatif : complétez-le dans la médiathèque."
            )
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args, **kwargs):
        # Wagtail's page form validates a fresh copy: the moments must exist on it too.
        if self.start_date is not None:
            self.compute_moments()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.compute_moments()
        super().save(*args, **kwargs)

    @property
    def when_text(self):
        """« jeudi 12 mars 2027, de 14 h 00 à 16 h 30 », « du 3 au 5 juin 2027 »…"""
        first = long_date(self.start_date, True)
        if self.all_day:
            if not self.multi_day:
                return f"{first} (toute la journée)"
            return f"du {first} au {long_date(self.last_day, True)}"
        start = local_hour(self.start_time)
        if self.multi_day:
            end = long_date(self.last_day, True)
            if self.end_time:
                end = f"{end} à {local_hour(self.end_time)}"
            return f"du {first} à {start} au {end}"
        if self.end_time and self.end_time != self.start_time:
            return f"{first}, de {start} à {local_hour(self.end_time)}"
        return f"{first} à {start}"

    def has_started(self, now=None):
        """Registrations and cancellations close when the event begins."""
        return (now or timezone.now()) >= self.starts_at

    @property
    def address_lines(self):
        locality = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.place_name, self.street_address, locality) if line]

    @property
    def location_text(self):
        return ", ".join(self.address_lines)

    @property
    def audience_label(self):
        """Who is invited, for the member agenda (member events loaded with
        `select_related("membereventpage__commission")` cost no query here)."""
        if not self.specific_class.member_only:
            return _("Ouvert au public")
        try:
            member_event = self if isinstance(self, MemberEventPage) else self.membereventpage
        except ObjectDoesNotExist:
            return ""
        if member_event.audience == MemberEventPage.Audience.COMMISSION and (
            member_event.commission is not None
        ):
            return _("Membres de la commission « %(title)s »") % {
                "title": member_event.commission.title
            }
        return member_event.get_audience_display()

    # Registration

    @property
    def takes_registrations(self):
        return self.registration == self.Registration.OPEN

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if not self.takes_registrations or self.has_started(now):
            return False
        return self.registration_closes_at is None or now < self.registration_closes_at

    @property
    def admits_visitors(self):
        """Whether people without an account may register (public events only)."""
        return not self.member_only

    def confirmed_count(self):
        if self.pk is None:
            return 0  # an admin preview of a page never saved
        return self.registrations.filter(status=EventRegistration.Status.CONFIRMED).count()

    def seats_left(self):
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.confirmed_count())

    # Presentation

    @property
    def social_image(self):
        return self.listing_image or self.image

    @property
    def json_ld(self):
        """The schema.org Event describing this event, safe inside a script element."""
        if self.all_day:
            start, end = self.start_date.isoformat(), self.last_day.isoformat()
        else:
            start = self.starts_at.astimezone(PARIS).isoformat()
            end = self.ends_at.astimezone(PARIS).isoformat()
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.meta_description,
            "startDate": start,
            "endDate": end,
            "eventStatus": "https://schema.org/EventScheduled",
            "inLanguage": "fr-FR",
            "url": self.full_url,
        }
        locations = []
        if self.address_lines:
            locations.append(
                {
                    "@type": "Place",
                    "name": self.place_name or self.city,
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": self.street_address,
                        "postalCode": self.postal_code,
                        "addressLocality": self.city,
                        "addressCountry": "FR",
                    },
                }
            )
        if self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if len(locations) == 2
            else "https://schema.org/OnlineEventAttendanceMode"
            if self.online_url
            else "https://schema.org/OfflineEventAttendanceMode"
        )
        if self.organiser_id:
            data["organizer"] = {"@type": "Organization", "name": self.organiser.name}
            if self.organiser.website:
                data["organizer"]["url"] = self.organiser.website
        if self.social_image is not None:
            data["image"] = [self.social_image.get_rendition(SOCIAL_SIZE).full_url]
        return json_ld_script(data)

    # Addresses under the page (member events are gated with them by the serving hook)

    @path("")
    def event_view(self, request):
        from ..agenda import event_view

        return event_view(self, request)

    @path("ical/")
    def ics_view(self, request):
        from ..agenda import event_ics_view

        return event_ics_view(self, request)

    @path("inscription/")
    def register_view(self, request):
        from ..agenda import register_view

        return register_view(self, request)

    @re_path(r"^inscription/(?P<token>[-\w]{20,64})/$")
    def registration_view(self, request, token):
        from ..agenda import registration_view

        return registration_view(self, request, token)


class MemberAgendaPage(IntroductionMixin, RoutablePageMixin, MemberBasePage):
    """The member agenda: the events this person may attend, public and member-only."""

    template = "members/member_agenda_page.html"
    max_count = 1
    parent_page_types = ["members.MemberAreaPage"]
    subpage_types = ["members.MemberEventPage"]

    class Meta:
        verbose_name = _("agenda des membres")

    def serve(self, request, *args, **kwargs):
        return self.serve_for_audience(request, super().serve, *args, **kwargs)

    @path("")
    def agenda_view(self, request):
        from ..agenda import member_agenda_view

        return member_agenda_view(self, request)


class MemberEventPage(MemberAccessMixin, EventPage):
    """An event for partners only: all of them, the council, or one commission's members."""

    class Audience(models.TextChoices):
        PARTNERS = "partners", _("Tous les partenaires")
        COUNCIL = "council", _("Le conseil stratégique")
        COMMISSION = "commission", _("Les membres d'une commission")

    template = "members/member_event_page.html"
    parent_page_types = ["members.MemberAgendaPage"]
    subpage_types = []

    audience = models.CharField(
        _("public"), max_length=20, choices=Audience.choices, default=Audience.PARTNERS
    )
    commission = models.ForeignKey(
        "members.CommissionPage",
        verbose_name=_("commission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Pour une réunion de commission : ses membres seuls la voient."),
    )

    objects = EventManager()

    content_panels = [
        *EventPage.content_panels[:1],
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("commission")], heading=_("Qui est invité")
        ),
        *EventPage.content_panels[1:],
    ]

    class Meta:
        verbose_name = _("événement des membres")
        verbose_name_plural = _("événements des membres")

    def clean(self):
        super().clean()
        if self.audience == self.Audience.COMMISSION and self.commission is None:
            raise ValidationError(
                {"commission": _("Choisissez la commission dont les membres sont invités.")}
            )
        if self.audience != self.Audience.COMMISSION:
            self.commission = None

    def full_clean(self, *args, **kwargs):
        self.show_in_menus = False
        super().full_clean(*args, **kwargs)

    @classmethod
    def open_audiences(cls, user):
        """The audiences whose events this member reads without further check (editors: None,
        they read every event); commission meetings also need the member on the commission."""
        if is_editor(user):
            return None
        if COUNCIL in user_group_names(user):
            return {cls.Audience.PARTNERS, cls.Audience.COUNCIL}
        return {cls.Audience.PARTNERS}

    def is_hidden_from(self, user):
        """`hidden_from` for this event alone, read from its own fields: the page being served
        asks no query, but for a commission meeting whether the member sits on it."""
        audiences = self.open_audiences(user)
        if audiences is None or self.audience in audiences:
            return False
        if self.audience == self.Audience.COMMISSION and self.commission_id is not None:
            return not commissions_of(user).filter(pk=self.commission_id).exists()
        return True

    @classmethod
    def hidden_from(cls, user):
        """The member events this member may not read (a subquery, never evaluated here):
        council events for those outside the council, commission meetings for those outside
        the commission. Editors read them all."""
        audiences = cls.open_audiences(user)
        if audiences is None:
            return cls.objects.none().values("pk")
        visible = Q(audience__in=audiences) | Q(
            audience=cls.Audience.COMMISSION, commission__in=commissions_of(user)
        )
        return cls.objects.exclude(visible).values("pk")


def commissions_of(user):
    """The commissions a person belongs to, through their organisation (member or lead): the
    organisation is part of `members.access.audience_key`, so equal keys still mean equal
    pages."""
    from .commissions import CommissionPage  # commissions link to events

    organisation = getattr(user, "organisation_id", None)
    if organisation is None:
        return CommissionPage.objects.none().values("pk")
    return (
        CommissionPage.objects.filter(
            Q(member_organisations=organisation) | Q(lead_organisation=organisation)
        )
        .values("pk")
        .distinct()
    )


def new_token():
    return secrets.token_urlsafe(32)


class EventRegistration(models.Model):
    """A seat asked for an event: by a signed-in partner, or by a visitor who confirms it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de confirmation")
        CONFIRMED = "confirmed", _("Inscrit")
        WAITLIST = "waitlist", _("Liste d'attente")
        CANCELLED = "cancelled", _("Annulée")

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("événement"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("adresse électronique"))
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # The secret of the links in e-mails (confirm, cancel): whoever holds it manages the seat.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription à un événement")
        verbose_name_plural = _("inscriptions aux événements")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} — {self.event.title}"

    @property
    def event_title(self):
        return self.event.title

    @property
    def holds_seat(self):
        return self.status == self.Status.CONFIRMED
