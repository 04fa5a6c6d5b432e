"""E-mails sent on behalf of a visitor's request, through the task queue.

A request that only enqueues its e-mail answers in the same time whatever the address is
(nothing tells an onlooker whether an account exists) and never fails because the mail
server does: the worker sends, and a failure stays in the task's result for the editors.
"""

import hashlib

from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.utils.module_loading import import_string

from django_tasks import task

from core.mail import send_mail_from_template
from core.security import client_fingerprint, count_in_window

from .models import MembershipApplication, User


@task()
def send_application_receipt(application_id):
    """Confirm to the applicant that the application was received."""
    application = MembershipApplication.objects.filter(pk=application_id).first()
    if application is None:
        return False
    send_mail_from_template(
        "members/emails/application_received.txt", {"application": application}, application.email
    )
    return True


JOIN_NOTICES = {
    "account": "members/emails/application_account_exists.txt",
    "pending": "members/emails/application_already_pending.txt",
}


@task()
def send_join_notice(email, reason, links):
    """Tell the owner of an address that applied again why nothing new was recorded."""
    send_mail_from_template(JOIN_NOTICES[reason], {"email": email, **links}, email)
    return True


@task()
def send_password_reset(form_class, email, options):
    """Look the address up and send Django's reset e-mail to each matching account."""
    form = import_string(form_class)(data={"email": email})
    if not form.is_valid():
        return False
    PasswordResetForm.save(form, **options)
    return True


# Reset e-mails a client may trigger: per address (hashed) and per client, per hour.
RESET_LIMIT_PER_ADDRESS = 3
RESET_LIMIT_PER_CLIENT = 10
RESET_WINDOW = 60 * 60


def reset_allowed(email, request):
    """Count this request; False once the address or the client has asked too often."""
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    client = client_fingerprint(request) if request else ""
    within_limits = [
        count_in_window(cache, f"reset-rate:address:{address}", RESET_WINDOW)
        <= RESET_LIMIT_PER_ADDRESS,
        count_in_window(cache, f"reset-rate:client:{client}", RESET_WINDOW)
        <= RESET_LIMIT_PER_CLIENT,
    ]
    return all(within_limits)


class QueuedPasswordResetMixin:
    """Leaves the account lookup and the e-mail of a password reset to the task queue.

    Accounts without a usable password are included (Django leaves them out): an approved
    applicant who has not chosen a password yet is told by the invitation to use this form.
    """

    def get_users(self, email):
        return [
            user
            for user in User.objects.filter(email__iexact=email.strip(), is_active=True)
            if user.email
        ]

    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        # Only JSON goes through the queue: the request's host instead of the request, and
        # Django's default token generator (the only one our views use).
        domain = domain_override or request.get_host()
        options = {
            "domain_override": domain,
            "subject_template_name": subject_template_name,
            "email_template_name": email_template_name,
            "use_https": use_https,
            "from_email": from_email,
            "html_email_template_name": html_email_template_name,
            "extra_email_context": {**(extra_email_context or {}), "site_name": domain},
        }
        # Throttled silently: the page answers the same, sent or not (no enumeration).
        if not reset_allowed(self.cleaned_data["email"], request):
            return
        form_class = f"{type(self).__module__}.{type(self).__qualname__}"
        send_password_reset.enqueue(form_class, self.cleaned_data["email"], options)


@task()
def send_erasure_receipt(email, name, handled, removed_text):
    """The receipt of an erasure: what was removed or anonymised, sent to the old address."""
    send_mail_from_template(
        "members/emails/erasure_receipt.txt",
        {"name": name, "handled": handled, "removed_text": removed_text},
        email,
    )
    return True
