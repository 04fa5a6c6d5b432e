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


def is_member(user):
    """A partner of the network: an active account in one of the member groups."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user_group_names(user) & set(MEMBER_GROUPS))


def can_enter_member_area(user):
    return is_member(user) or is_editor(user)


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
    "members.add_sector",
    "members.change_sector",
    "members.view_sector",
    "members.view_strategyfeedback",
    "members.change_membershipapplication",
    "members.add_user",
    "members.change_user",
    "members.view_user",
    "members.view_membershipapplication",
    "news.add_newscategory",
    "news.change_newscategory",
    "news.view_newscategory",
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

    from home.models import HomePage
    from news.models import NewsIndexPage, StoryIndexPage

    home = HomePage.objects.first()
    if home is not None:
        grant_pages(managers, home, MANAGER_PAGE_PERMISSIONS)
    for index_page in [*NewsIndexPage.objects.all(), *StoryIndexPage.objects.all()]:
        grant_pages(writers, index_page, WRITER_PAGE_PERMISSIONS)

    ensure_review_workflow(managers, [*NewsIndexPage.objects.all(), *StoryIndexPage.objects.all()])

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


def may_see_member_area_in_admin(user):
    """Whether the admin may show this account member pages and documents at all."""
    return is_editor(user)


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
