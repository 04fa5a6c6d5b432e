"""Sets up the editors' groups, their permissions over the site's sections, and the review
workflow: wiring across the site, news and the member area, so it lives in cms."""

from django.contrib.auth.models import Group

from core.roles import COMMS_MANAGERS, WRITERS
from home.models import HomePage
from members.models import AgendaIndexPage
from members.roles import ensure_member_groups
from news.models import NewsIndexPage, StoryIndexPage


def _permissions(*natural_keys):
    """Permission objects from 'app_label.codename' strings, skipping unknown ones."""
    from django.contrib.auth.models import Permission

    wanted = [key.split(".", 1) for key in natural_keys]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted},
        codename__in={codename for _, codename in wanted},
    ).select_related("content_type")
    keys = set(natural_keys)
    return [p for p in found if f"{p.content_type.app_label}.{p.codename}" in keys]


WRITER_PAGE_PERMISSIONS = ("add_page", "change_page")
MANAGER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
WRITER_IMAGE_PERMISSIONS = ("wagtailimages.add_image", "wagtailimages.choose_image")
# Writers file and choose documents in one public collection only: the root collection holds
# the member area's private collection and documents that member pages attach.
WRITER_DOCUMENT_PERMISSIONS = ("wagtaildocs.add_document", "wagtaildocs.choose_document")
PUBLIC_DOCUMENTS_COLLECTION = "Documents publics"
MANAGER_COLLECTION_PERMISSIONS = (
    *WRITER_IMAGE_PERMISSIONS,
    *WRITER_DOCUMENT_PERMISSIONS,
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
)
MANAGER_MODEL_PERMISSIONS = (
    "members.add_organisation",
    "members.change_organisation",
    "members.delete_organisation",
    "members.view_organisation",
    "core.add_sector",
    "core.change_sector",
    "core.view_sector",
    "members.view_strategyfeedback",
    "members.change_membershipapplication",
    "members.add_user",
    "members.change_user",
    "members.view_user",
    "members.view_membershipapplication",
    "news.add_newscategory",
    "news.change_newscategory",
    "news.view_newscategory",
    "members.view_eventregistration",
    "members.view_minutesactionitem",
    "members.change_minutesactionitem",
    "core.view_retentionrun",
    "core.view_erasurerecord",
)


def ensure_staff_groups():
    """Create the editor groups with least-privilege permissions; safe to run repeatedly."""
    from django.contrib.auth.models import Permission

    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    ensure_member_groups()
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    managers, _ = Group.objects.get_or_create(name=COMMS_MANAGERS)
    access_admin = _permissions("wagtailadmin.access_admin")
    writers.permissions.add(*access_admin)
    managers.permissions.add(*access_admin, *_permissions(*MANAGER_MODEL_PERMISSIONS))

    def grant_pages(group, page, codenames):
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)

    home = HomePage.objects.first()
    if home is not None:
        grant_pages(managers, home, MANAGER_PAGE_PERMISSIONS)
    # Writers write the public sections (news, stories, public events); managers review.
    public_sections = [
        *NewsIndexPage.objects.all(),
        *StoryIndexPage.objects.all(),
        *AgendaIndexPage.objects.all(),
    ]
    for index_page in public_sections:
        grant_pages(writers, index_page, WRITER_PAGE_PERMISSIONS)

    ensure_review_workflow(managers, public_sections)

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        public_documents = root_collection.get_children().filter(
            name=PUBLIC_DOCUMENTS_COLLECTION
        ).first() or root_collection.add_child(name=PUBLIC_DOCUMENTS_COLLECTION)
        # Earlier releases granted writers documents on the root collection.
        GroupCollectionPermission.objects.filter(
            group=writers,
            collection=root_collection,
            permission__content_type__app_label="wagtaildocs",
        ).delete()
        for group, collection, keys in (
            (writers, root_collection, WRITER_IMAGE_PERMISSIONS),
            (writers, public_documents, WRITER_DOCUMENT_PERMISSIONS),
            (managers, root_collection, MANAGER_COLLECTION_PERMISSIONS),
        ):
            for permission in _permissions(*keys):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return writers, managers


REVIEW_WORKFLOW = "Relecture"
REVIEW_TASK = "Validation par la communication"


def ensure_review_workflow(reviewers, pages):
    """The « Relecture » workflow: news and stories are approved by the communication managers."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        task.groups.set([reviewers])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow
