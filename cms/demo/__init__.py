"""Demo content for development and tests, loaded idempotently by `load_demo_content()`."""

from django.db import transaction
from django.utils.module_loading import import_string

from .indexing import indexing_batched
from .report import DemoReport

# Each step is the dotted path of a function that takes the DemoReport, loads one part of the
# demo and records what it created with `report.record(kind, created=...)`; steps run in this
# order, in one transaction, and may rely on what earlier steps loaded. Paths rather than
# imports keep each app's demo module out of the way until the command runs.
DEMO_STEPS = [
    "cms.demo.public.load_public_content",
    "cms.demo.members.load_join_page",
    "cms.demo.members.load_accounts",
    "cms.demo.members.load_member_content",
    "cms.demo.agenda.load_agenda",
    # Last: the images of every part above are in place.
    "cms.demo.media.make_listing_renditions",
]


def load_demo_content(steps=None):
    """Load the demo content (every step of DEMO_STEPS unless `steps` is given).

    Running it again creates nothing new and leaves existing objects as they are.
    Returns the DemoReport of what was created or found.
    """
    report = DemoReport()
    with transaction.atomic(), indexing_batched():
        for step in DEMO_STEPS if steps is None else steps:
            import_string(step)(report)
    return report


__all__ = ["DEMO_STEPS", "DemoReport", "load_demo_content"]
