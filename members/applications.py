"""Applications to join the club: receiving them, deciding on them, inviting the new partner."""

from urllib.parse import urljoin

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from django_tasks import task

from core.mail import send_mail_from_template
from core.security import client_fingerprint, count_in_window, resubmitted_data

from .forms import MembershipApplicationForm
from .mail import send_application_receipt, send_join_notice
from .models import MembershipApplication, Organisation, User
from .roles import CLUB

RATE_LIMIT = 5  # applications per address per window
RATE_WINDOW = 60 * 60  # seconds


class ApplicationError(Exception):
    """A decision that cannot be taken; the message is shown to the editor."""


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Single-use tokens for the e-mailed set-password link; distinct from reset tokens."""

    key_salt = "members.applications.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def client_key(request):
    """A rate-limit key per client address, hashed so no address is stored in clear."""
    return "join-rate:" + client_fingerprint(request)


def rate_limited(request):
    return cache.get(client_key(request), 0) >= RATE_LIMIT


def count_submission(request):
    count_in_window(cache, client_key(request), RATE_WINDOW)


def handle_application_form(page, request):
    """Show the form, or take a submission: spam is dropped quietly, errors keep the input."""
    charter_url = page.charter_page.url if page.charter_page_id else None
    privacy_url = page.privacy_page.url if page.privacy_page_id else None
    form = MembershipApplicationForm(
        request.POST or resubmitted_data(request),
        charter_url=charter_url,
        privacy_url=privacy_url,
    )
    thanks_url = page.url + page.reverse_subpage("thanks")
    if request.method == "POST":
        if rate_limited(request):
            form.add_error(
                None,
                _(
                    "Trop de candidatures ont été envoyées depuis votre connexion. "
                    "Réessayez dans une heure ; vos réponses sont conservées ci-dessous."
                ),
            )
        elif form.is_valid():
            # Bots, new applicants and people who already applied or have an account all get
            # the same answer; only the e-mail sent to the address says which case it was.
            # Spam is not counted: behind a shared address it would lock real applicants out.
            if not form.is_spam():
                count_submission(request)
                receive_application(form, request)
            return HttpResponseRedirect(thanks_url)
    return page.render(request, context_overrides={"form": form})


def receive_application(form, request):
    """Store a new application, or tell the address's owner why it was not needed."""
    email = form.cleaned_data["email"]
    links = {
        "sign_in_url": site_url(request, reverse("login")),
        "reset_url": site_url(request, reverse("password_reset")),
    }
    if User.objects.filter(email__iexact=email).exists():
        send_join_notice.enqueue(email, "account", links)
    elif MembershipApplication.objects.filter(
        email__iexact=email, status=MembershipApplication.Status.NEW
    ).exists():
        send_join_notice.enqueue(email, "pending", links)
    else:
        application = form.save()
        send_application_receipt.enqueue(application.pk)


def site_url(request, path):
    return request.build_absolute_uri(path)


def invitation_link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_tokens.make_token(user)
    return urljoin(base_url, reverse("invitation_confirm", args=[uid, token]))


@task()
def send_decision(application_id, base_url):
    """E-mail the applicant the editors' decision; an approval carries the invitation link."""
    application = MembershipApplication.objects.select_related("account").get(pk=application_id)
    context = {"application": application, "message": application.decision_message}
    if application.status == MembershipApplication.Status.APPROVED:
        # The token is made here, by the worker, so it is never stored in the task queue.
        context["link"] = invitation_link(application.account, base_url)
        template = "members/emails/application_approved.txt"
    else:
        template = "members/emails/application_rejected.txt"
    send_mail_from_template(template, context, application.email)
    return True


@task()
def send_account_invitation(user_id, base_url):
    """E-mail a partner account created in the admin the link to choose its password."""
    user = User.objects.select_related("organisation").filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    context = {"user": user, "link": invitation_link(user, base_url)}
    send_mail_from_template("members/emails/account_invitation.txt", context, user.email)
    return True


def approve(application, by, request, message=""):
    """Create (or link) the organisation and the club account, then e-mail the invitation."""
    application, user = record_approval(application, by, message)
    # Queued once the records are committed: the mail server being down never undoes or
    # hides a decision; the editor can send a new link with « Mot de passe oublié ».
    send_decision.enqueue(application.pk, site_url(request, "/"))
    return user


@transaction.atomic
def record_approval(application, by, message):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != MembershipApplication.Status.NEW:
        raise ApplicationError(_("Cette candidature a déjà été traitée."))
    if User.objects.filter(email__iexact=application.email).exists():
        raise ApplicationError(
            _("Un compte existe déjà pour %(email)s : aucun second compte n'a été créé.")
            % {"email": application.email}
        )
    organisation = (
        Organisation.objects.filter(siret=application.siret).first()
        or Organisation.objects.filter(name__iexact=application.organisation_name).first()
    )
    today = timezone.localdate()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=application.organisation_name,
            siret=application.siret,
            kind=Organisation.Kind.CLUB_PARTNER,
            sector=application.sector,
            charter_signed_on=today,
            charter_version="2023",
            charter_signatory_name=application.contact_name,
            charter_signatory_role=application.contact_role,
        )
    elif organisation.charter_signed_on is None:
        organisation.charter_signed_on = today
        organisation.charter_signatory_name = application.contact_name
        organisation.charter_signatory_role = application.contact_role
        organisation.save()
    user = User.objects.create_user(
        email=application.email,
        password=None,
        first_name=application.contact_first_name,
        last_name=application.contact_last_name,
        job_title=application.contact_role,
        organisation=organisation,
    )
    user.groups.add(Group.objects.get(name=CLUB))
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_message = message
    application.organisation = organisation
    application.account = user
    application.save()
    log(
        instance=application,
        action="members.application.approve",
        user=by,
        data={"organisation": organisation.name, "account": user.email},
    )
    return application, user


def reject(application, by, request, message=""):
    """Record the refusal and send a courteous e-mail."""
    application = record_rejection(application, by, message)
    send_decision.enqueue(application.pk, site_url(request, "/"))


@transaction.atomic
def record_rejection(application, by, message):
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != MembershipApplication.Status.NEW:
        raise ApplicationError(_("Cette candidature a déjà été traitée."))
    application.status = MembershipApplication.Status.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_message = message
    application.save()
    log(instance=application, action="members.application.reject", user=by)
    return application
