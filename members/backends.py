"""Authentication backend of the site: Django's, with the account's groups and rights read up
front, and the admin permissions a commission's facilitator holds through that role."""

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection

from core.compiled import compiled

# What facilitating a commission gives: the admin's door and its actions' tracker, where the
# listing and the forms show only the actions of the commissions the person facilitates
# (members.wagtail_hooks.ActionItemViewSet). Nothing else of the admin opens to them.
FACILITATOR_PERMISSIONS = frozenset(
    {
        "wagtailadmin.access_admin",
        "members.view_minutesactionitem",
        "members.change_minutesactionitem",
    }
)


def is_facilitator(user):
    """Whether an active account facilitates a live commission (read once per user object)."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_facilitator_cache", None)
    if cached is None:
        cached = user.facilitated_commissions.filter(live=True).exists()
        user._facilitator_cache = cached
    return cached


@lru_cache(maxsize=1)
def rights_statement():
    """The SQL of `load_rights`, written once per process from the models' own tables.

    The ORM spent longer composing this union at every request than the database spent
    running it.
    """
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    quote = connection.ops.quote_name
    user_model = get_user_model()
    in_groups = user_model._meta.get_field("groups")
    own_rights = user_model._meta.get_field("user_permissions")
    group_rights = Group._meta.get_field("permissions")
    facilitating = user_model._meta.get_field("facilitated_commissions").remote_field

    def through(field):
        return quote(field.remote_field.through._meta.db_table)

    tables = {
        "permission": quote(Permission._meta.db_table),
        "content_type": quote(ContentType._meta.db_table),
        "group": quote(Group._meta.db_table),
        "page": quote(Page._meta.db_table),
        "in_groups": through(in_groups),
        "own_rights": through(own_rights),
        "group_rights": through(group_rights),
        "facilitating": through(facilitating),
    }
    columns = {
        "in_groups_user": quote(in_groups.m2m_column_name()),
        "in_groups_group": quote(in_groups.m2m_reverse_name()),
        "own_rights_user": quote(own_rights.m2m_column_name()),
        "own_rights_permission": quote(own_rights.m2m_reverse_name()),
        "group_rights_group": quote(group_rights.m2m_column_name()),
        "group_rights_permission": quote(group_rights.m2m_reverse_name()),
        "facilitating_commission": quote(facilitating.m2m_column_name()),
        "facilitating_user": quote(facilitating.m2m_reverse_name()),
    }
    right = (
        "SELECT {source}, ct.app_label, p.codename FROM {permission} p "
        "JOIN {content_type} ct ON ct.id = p.content_type_id "
    )
    parts = [
        right.replace("{source}", "'user'")
        + "JOIN {own_rights} r ON r.{own_rights_permission} = p.id "
        "WHERE r.{own_rights_user} = %s",
        right.replace("{source}", "'group'")
        + "JOIN {group_rights} r ON r.{group_rights_permission} = p.id "
        "JOIN {in_groups} m ON m.{in_groups_group} = r.{group_rights_group} "
        "WHERE m.{in_groups_user} = %s",
        "SELECT 'member', CAST(g.id AS VARCHAR(20)), g.name FROM {group} g "
        "JOIN {in_groups} m ON m.{in_groups_group} = g.id WHERE m.{in_groups_user} = %s",
        "SELECT 'facilitator', '', '' FROM {facilitating} f "
        "JOIN {page} pg ON pg.id = f.{facilitating_commission} "
        "WHERE f.{facilitating_user} = %s AND pg.live = %s",
    ]
    # Table and column names of our own models, quoted; the account is a parameter.
    return " UNION ALL ".join(parts).format(**tables, **columns)


def load_rights(user):
    """The account's groups, own and group permissions and facilitator role, in one query.

    Every request checks the groups (member pages) and asks whether the account may open the
    admin (core.two_factor), which Django answers with two queries and the facilitator role
    with a third. Read here at once, they fill the caches Django's relations and backends
    (and `is_facilitator`) look at first. A superuser's permissions are not read: they hold
    every one.
    """
    with connection.cursor() as cursor:
        cursor.execute(rights_statement(), [user.pk, user.pk, user.pk, user.pk, True])
        rows = cursor.fetchall()
    found = {"user": set(), "group": set(), "facilitator": set()}
    groups = []
    for source, first, second in rows:
        if source == "member":
            groups.append(Group(pk=int(first), name=second))
        else:
            found[source].add(f"{first}.{second}")
    # As `prefetch_related("groups")` leaves them: `user.groups.all()` asks no more.
    in_groups = user.groups.all()
    in_groups._result_cache = sorted(groups, key=lambda group: group.pk)
    in_groups._prefetch_done = True
    user._prefetched_objects_cache = {"groups": in_groups}
    if not user.is_superuser:
        user._user_perm_cache = found["user"]
        user._group_perm_cache = found["group"]
        user._perm_cache = found["user"] | found["group"]
    user._facilitator_cache = bool(found["facilitator"])


class MemberBackend(ModelBackend):
    """Loads the signed-in account with its groups, which every member page checks, and its
    organisation, which every member page shows."""

    def get_user(self, user_id):
        user_model = get_user_model()
        pk_field = user_model._meta.pk
        try:
            pk = pk_field.get_prep_value(pk_field.to_python(user_id))
        except ValidationError:
            return None
        if pk is None:
            return None
        # Every signed-in request asks: the statement is compiled once (core.compiled).
        found = compiled(
            "member-backend-user",
            lambda: user_model._default_manager.select_related("organisation").filter(pk=pk),
            [pk],
        )
        user = next(iter(found), None)
        if user is None:
            return None
        if not self.user_can_authenticate(user):
            return None
        load_rights(user)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        permissions = super().get_all_permissions(user_obj, obj)
        if obj is None and is_facilitator(user_obj):
            permissions = permissions | FACILITATOR_PERMISSIONS
        return permissions
