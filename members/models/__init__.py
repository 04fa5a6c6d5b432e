"""The member feature's models, one module per concept."""

from .accounts import User, UserManager
from .area import MemberAreaPage
from .base import MemberAccessMixin, MemberBasePage
from .club import JoinClubPage, MembershipApplication
from .commissions import (
    ActionItemQuerySet,
    ActionOverdueNotice,
    ActionStatusChange,
    CommissionIndexPage,
    CommissionMinutesPage,
    CommissionMinutesQuerySet,
    CommissionPage,
    MinutesActionItem,
    MinutesAttachment,
)
from .directory import Organisation, OrganisationQuerySet, PartnerDirectoryPage
from .events import (
    AgendaIndexPage,
    EventPage,
    EventQuerySet,
    EventRegistration,
    MemberAgendaPage,
    MemberEventPage,
)
from .plan import ActionPlanPage
from .strategy import (
    STRATEGY_PAGE_TYPES,
    StrategyDraftIndexPage,
    StrategyDraftPage,
    StrategyFeedback,
)

__all__ = [
    "ActionItemQuerySet",
    "ActionOverdueNotice",
    "ActionPlanPage",
    "ActionStatusChange",
    "AgendaIndexPage",
    "EventPage",
    "EventQuerySet",
    "EventRegistration",
    "MemberAgendaPage",
    "MemberEventPage",
    "STRATEGY_PAGE_TYPES",
    "CommissionIndexPage",
    "CommissionMinutesPage",
    "CommissionMinutesQuerySet",
    "CommissionPage",
    "JoinClubPage",
    "MemberAccessMixin",
    "MemberAreaPage",
    "MemberBasePage",
    "MembershipApplication",
    "MinutesActionItem",
    "MinutesAttachment",
    "Organisation",
    "OrganisationQuerySet",
    "PartnerDirectoryPage",
    "StrategyDraftIndexPage",
    "StrategyDraftPage",
    "StrategyFeedback",
    "User",
    "UserManager",
]
