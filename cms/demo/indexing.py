"""Search and reference indexing batched over a demo run: each saved object is indexed once.

Creating and publishing a page saves it three times, and each save would otherwise update the
search index and Wagtail's reference index on the spot: together, half of the first run's time.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.backends import get_search_backends
from modelsearch.index import get_indexed_models


@contextmanager
def indexing_batched():
    """Within the block, note every saved object; index the ones that need it when it ends.

    If the block raises, nothing is indexed: the surrounding transaction rolls back anyway.
    Wagtail offers a switch for its reference index; search indexing has none, so its signal
    handler is disconnected for the block (if modelsearch ever renames it, the disconnection
    does nothing and objects are indexed at each save, as usual).
    """
    searchable = [
        model for model in get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    saved = {}

    def note_saved(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.setdefault(sender, set()).add(instance.pk)

    handler = search_signal_handlers.post_save_signal_handler
    post_save.connect(note_saved, weak=False)
    # Only what was connected is reconnected afterwards.
    paused = [model for model in searchable if post_save.disconnect(handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(note_saved)
        for model in paused:
            post_save.connect(handler, sender=model)

    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in saved.items():
        in_search = model in searchable
        in_references = ReferenceIndex.is_indexed(model)
        if not (in_search or in_references):
            continue
        objects = list(model._default_manager.filter(pk__in=pks))
        if in_references:
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)
        if in_search:
            index_for_search(objects, backends)


def index_for_search(objects, backends):
    """Add objects to the search index in bulk, each as its most specific indexed type."""
    by_type = {}
    for obj in objects:
        indexed = obj.get_indexed_instance()
        if indexed is not None:
            by_type.setdefault(type(indexed), []).append(indexed)
    for model, instances in by_type.items():
        # Only objects that the model's own indexing would include, e.g. no unpublished aliases.
        allowed = set(
            model.get_indexed_objects()
            .filter(pk__in=[i.pk for i in instances])
            .values_list("pk", flat=True)
        )
        for backend in backends:
            backend.add_bulk(model, [i for i in instances if i.pk in allowed])
