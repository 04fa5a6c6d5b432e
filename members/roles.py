"""The groups of the network's members and what each may open."""

from django.contrib.auth.models import Group

from core.roles import is_editor, user_group_names

COUNCIL = "Conseil stratégique"
COTECH = "COTECH"
CLUB = "Club des partenaires"
MEMBER_GROUPS = (COUNCIL, COTECH, CLUB)
# Strategy drafts are for those who build the strategy, unless editors open them wider.
STRATEGY_GROUPS = (COUNCIL, COTECH)


def ensure_member_groups():
    """Create the member groups if they are missing; returns them by name."""
    return {name: Group.objects.get_or_create(name=name)[0] for name in MEMBER_GROUPS}


def is_member(user):
    """A partner of the network: an active account in one of the member groups."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user_group_names(user) & set(MEMBER_GROUPS))


def can_enter_member_area(user):
    return is_member(user) or is_editor(user)


def may_see_member_area_in_admin(user):
    """Whether the admin may show this account member pages and documents at all."""
    return is_editor(user)
