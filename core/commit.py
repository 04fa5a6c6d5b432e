"""Work to run once after the current transaction commits, however often it was asked for."""

import threading

from django.db import transaction

# The registrations of this thread's open transaction; a connection is per thread.
_pending = threading.local()


class _Once:
    """Runs its function the first time it is called, never again."""

    done = False

    def __init__(self, function):
        self.function = function

    def __call__(self):
        if not self.done:
            self.done = True
            self.function()


def once_on_commit(name, function):
    """Run `function` once the current transaction commits, once whatever the number of calls.

    Registered at every call, so that a rolled back transaction cannot lose the work of the
    next one; all registrations made within a transaction share one object, which runs once:
    deleting a thousand pages costs one run, not a thousand.
    """
    registered = getattr(_pending, name, None)
    if registered is None or registered.done:
        registered = _Once(function)
        setattr(_pending, name, registered)
    transaction.on_commit(registered, robust=True)
