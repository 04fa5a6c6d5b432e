"""For someone who writes in: an editor exports a partner's data or erases the account from
the admin, with the same code as « Mon compte », and an entry in the account's history."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import log

from core.personal_data import erase_person, export_person

from .admin_users import can_manage_account
from .mail import send_erasure_receipt
from .models import User


def managed_account(request, pk):
    """The account, if this editor may manage it (partners for editors, all for admins)."""
    account = get_object_or_404(User, pk=pk)
    if not request.user.has_perm("members.change_user") or not can_manage_account(
        request.user, account
    ):
        raise PermissionDenied
    return account


def export_view(request, pk):
    account = managed_account(request, pk)
    log(instance=account, action="members.personal_data.export", user=request.user)
    response = JsonResponse(
        export_person(account), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="donnees-{account.pk}-{stamp}.json"'
    return response


def erase_view(request, pk):
    account = managed_account(request, pk)
    if request.method == "POST":
        remove_text = request.POST.get("remove_text") == "on"
        email, name = account.email, account.get_full_name()
        # Logged first: the history keeps that the account was erased, and by whom.
        log(instance=account, action="members.personal_data.erase", user=request.user)
        summary = erase_person(
            account, remove_text=remove_text, reason="editor", by=request.user.email
        )
        send_erasure_receipt.enqueue(email, name, summary.handled_labels(), remove_text)
        messages.success(
            request,
            _("Le compte %(email)s est supprimé et ses données effacées ; un reçu lui est envoyé.")
            % {"email": email},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(request, "members/admin/erase_account.html", {"account": account})


def listing_buttons(user, request_user):
    """« Exporter ses données » and « Effacer ses données » in an account's menu."""
    if not request_user.has_perm("members.change_user") or not can_manage_account(
        request_user, user
    ):
        return []
    return [
        ListingButton(
            _("Exporter ses données"),
            reverse("member_personal_data_export", args=[user.pk]),
            icon_name="download",
            priority=60,
        ),
        ListingButton(
            _("Effacer ses données"),
            reverse("member_personal_data_erase", args=[user.pk]),
            icon_name="bin",
            priority=70,
        ),
    ]
