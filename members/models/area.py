"""The member area's home page: the partner's dashboard."""

from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.cache.shared import current_slice

from ..access import audience_accepts, audience_key, readable_member_pages
from .base import MemberBasePage
from .commissions import (
    CommissionIndexPage,
    CommissionMinutesPage,
    MinutesActionItem,
    open_q,
    overdue_q,
)
from .events import EventPage, MemberAgendaPage
from .plan import ActionPlanPage
from .strategy import StrategyDraftIndexPage, StrategyDraftPage


class MemberAreaPage(MemberBasePage):
    """The root of the member area and the dashboard of the signed-in person."""

    template = "members/member_area_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "members.MemberAgendaPage",
        "members.ActionPlanPage",
        "members.CommissionIndexPage",
        "members.StrategyDraftIndexPage",
    ]

    introduction = models.TextField(_("mot d'accueil"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("espace membres")

    # The dashboard's lists are rendered once per audience, per generation and per slice of
    # this many minutes: meetings and consultations are compared with the slice's start.
    DASHBOARD_MINUTES = 5
    DASHBOARD_EVENTS = 5
    DASHBOARD_ACTIONS = 5

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        moment = current_slice(self.DASHBOARD_MINUTES)
        # Everyone with the same groups may read the same pages (members.access): the
        # rendered lists are shared by that audience, and nothing below runs on a hit.
        context["dashboard_key"] = f"{audience_key(user)}|{moment.isoformat()}"
        # Strategy drafts are for their audience only: the others are not told about them.
        context["shows_strategy"] = audience_accepts(StrategyDraftPage, user)
        context["latest_minutes"] = readable_member_pages(
            CommissionMinutesPage.objects.descendant_of(self).for_listing(), user
        )[:5]
        context["open_drafts"] = readable_member_pages(
            StrategyDraftPage.objects.descendant_of(self)
            .live()
            .filter(
                status=StrategyDraftPage.Status.CONSULTATION,
                consultation_ends_on__gte=timezone.localdate(moment),
            ),
            user,
        ).order_by("consultation_ends_on")
        # From the agenda: the events this person may attend, public ones included.
        context["upcoming_meetings"] = readable_member_pages(
            EventPage.objects.live()
            .defer_streamfields()
            .select_related("membereventpage__commission")
            .upcoming(moment),
            user,
        )[: self.DASHBOARD_EVENTS]
        actions = MinutesActionItem.objects.readable_by(user)
        today = timezone.localdate(moment)
        open_and_mine = open_q() & Q(owner_organisation_id=user.organisation_id)
        # Both counts in one pass over the readable actions.
        counts = actions.aggregate(
            overdue=Count("pk", filter=overdue_q(today)),
            mine=Count("pk", filter=open_and_mine),
        )
        context["overdue_actions_count"] = counts["overdue"]
        if user.organisation_id:
            mine = actions.filter(open_and_mine)
            context["my_actions_count"] = counts["mine"]
            context["my_actions"] = mine.for_tracker().order_by(
                F("due_on").asc(nulls_last=True), "pk"
            )[: self.DASHBOARD_ACTIONS]
        context["today"] = today
        context["agenda_page"] = SimpleLazyObject(
            lambda: MemberAgendaPage.objects.child_of(self).live().first()
        )
        context["action_plan_page"] = SimpleLazyObject(
            lambda: ActionPlanPage.objects.child_of(self).live().first()
        )
        context["commission_index"] = SimpleLazyObject(
            lambda: CommissionIndexPage.objects.child_of(self).live().first()
        )
        context["strategy_index"] = SimpleLazyObject(
            lambda: (
                StrategyDraftIndexPage.objects.child_of(self).live().first()
                if readable_member_pages(
                    StrategyDraftIndexPage.objects.child_of(self), user
                ).exists()
                else None
            )
        )
        return context
