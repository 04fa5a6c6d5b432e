"""Helpers for data migrations that must undo new page types on the way back.

A page type added by a release has rows in Wagtail's page table and its own; migrating back
drops its table, and rows left in the page table would point at a type that no longer
exists. Removed here table by table: the deletion collector of historical models cannot
follow Wagtail's relations to pages.
"""

STEPLEN = 4


def remove_pages_of_types(apps, schema_editor, app_label, model_names, before=None):
    """Delete the pages of `model_names` (parents first in the tuple) and everything under
    them. `before(page_ids)` clears what else points at them first. Returns how many."""
    db = schema_editor.connection.alias
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(app_label=app_label, model__in=model_names)
    roots = list(Page.objects.filter(content_type__in=types).values_list("path", flat=True))
    if not roots:
        return 0
    doomed = Page.objects.none()
    for path in roots:
        doomed = doomed | Page.objects.filter(path__startswith=path)
    page_ids = list(doomed.values_list("pk", flat=True))
    if before is not None:
        before(page_ids)
    for name in reversed(model_names):
        apps.get_model(app_label, name).objects.filter(pk__in=page_ids)._raw_delete(db)
    for model_name in ("PageSubscription", "PageViewRestriction", "GroupPagePermission"):
        apps.get_model("wagtailcore", model_name).objects.filter(page_id__in=page_ids).delete()
    apps.get_model("wagtailcore", "WorkflowPage").objects.filter(page_id__in=page_ids).delete()
    apps.get_model("wagtailcore", "PageLogEntry").objects.filter(page_id__in=page_ids)._raw_delete(
        db
    )
    Page.objects.filter(pk__in=page_ids).update(live_revision=None, latest_revision=None)
    Page.objects.filter(pk__in=page_ids)._raw_delete(db)
    for path in roots:
        parent = Page.objects.filter(path=path[:-STEPLEN]).first()
        if parent is not None:
            parent.numchild = Page.objects.filter(
                path__startswith=parent.path, depth=parent.depth + 1
            ).count()
            parent.save(update_fields=["numchild"])
    return len(page_ids)
