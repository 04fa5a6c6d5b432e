"""The staff roles of the admin: who writes public content, who runs the whole site."""

WRITERS = "Rédacteurs"
COMMS_MANAGERS = "Responsables communication"
EDITOR_GROUPS = (WRITERS, COMMS_MANAGERS)


def user_group_names(user):
    """The names of the user's groups, computed once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_group_names_cache", None)
    if cached is None:
        # From the groups loaded with the account when it comes from the session.
        cached = frozenset(group.name for group in user.groups.all())
        user._group_names_cache = cached
    return cached


def is_editor(user):
    """Communication managers and administrators read everything in the member area;
    « Rédacteurs » write public content only and get nothing of it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return COMMS_MANAGERS in user_group_names(user)
