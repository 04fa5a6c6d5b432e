"""The groups of the network and what each may do."""

from django.contrib.auth.models import Group

COUNCIL = "Conseil stratégique"
COTECH = "COTECH"
CLUB = "Club des partenaires"
MEMBER_GROUPS = (COUNCIL, COTECH, CLUB)
# Strategy drafts are for those who build the strategy, unless editors open them wider.
STRATEGY_GROUPS = (COUNCIL, COTECH)

WRITERS = "Rédacteurs"
COMMS_MANAGERS = "Responsables communication"
EDITOR_GROUPS = (WRITERS, COMMS_MANAGERS)


def ensure_member_groups():
    """Create the member groups if they are missing; returns them by name."""
    return {name: Group.objects.get_or_create(name=name)[0] for name in MEMBER_GROUPS}


def user_group_names(user):
    """The names of the user's groups, computed once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_group_names_cache", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._group_names_cache = cached
    return cached


def is_editor(user):
    """Editors and administrators read everything in the member area."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(user_group_names(user) & set(EDITOR_GROUPS))


def is_member(user):
    """A partner of the network: an active account in one of the member groups."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user_group_names(user) & set(MEMBER_GROUPS))


def can_enter_member_area(user):
    return is_member(user) or is_editor(user)
