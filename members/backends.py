"""Authentication backend of the site: Django's, with the account's groups read up front, and
the admin permissions a commission's facilitator holds through that role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import CharField, Value

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


def load_permissions(user):
    """The account's own and group permissions and its facilitator role, in one query.

    Every request asks whether the account may open the admin (core.two_factor), which Django
    answers with two queries and the facilitator role with a third. Read here at once, they
    fill the caches Django's backends (and `is_facilitator`) look at first.
    """

    def labelled(queryset, source):
        # No ORDER BY inside a UNION (SQLite refuses it; the order does not matter here).
        return (
            queryset.annotate(source=Value(source, output_field=CharField()))
            .values_list("content_type__app_label", "codename", "source")
            .order_by()
        )

    blank = Value("", output_field=CharField())
    facilitating = (
        user.facilitated_commissions.filter(live=True)
        .annotate(app=blank, code=blank, source=Value("facilitator", output_field=CharField()))
        .values_list("app", "code", "source")
        .order_by()
    )
    rows = labelled(Permission.objects.filter(user=user), "user").union(
        labelled(Permission.objects.filter(group__user=user), "group"), facilitating, all=True
    )
    found = {"user": set(), "group": set(), "facilitator": set()}
    for app_label, codename, source in rows:
        found[source].add(f"{app_label}.{codename}")
    user._user_perm_cache = found["user"]
    user._group_perm_cache = found["group"]
    user._perm_cache = found["user"] | found["group"]
    user._facilitator_cache = bool(found["facilitator"])


class MemberBackend(ModelBackend):
    """Loads the signed-in account with its groups, which every member page checks, and its
    organisation, which every member page shows."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = (
                user_model._default_manager.select_related("organisation")
                .prefetch_related("groups")
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        # A superuser holds every permission without any being read.
        if not user.is_superuser:
            load_permissions(user)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        permissions = super().get_all_permissions(user_obj, obj)
        if obj is None and is_facilitator(user_obj):
            permissions = permissions | FACILITATOR_PERMISSIONS
        return permissions
