"""Who is acting in the current request, for records that keep their author (history rows
written by model code that never sees the request)."""

import contextvars

_acting_user = contextvars.ContextVar("acting_user", default=None)


def acting_user():
    """The signed-in user of the request being served, or None (tasks, commands, visitors)."""
    user = _acting_user.get()
    if user is not None and not user.is_authenticated:
        return None
    return user


class ActingUserMiddleware:
    """Makes the request's user known to `acting_user()` for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _acting_user.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _acting_user.reset(token)
