"""E-mails built from templates whose first line is the subject, and the platform's own."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone

from django_tasks import task


def message_from_template(template, context, to):
    """A plain-text e-mail whose template's first line is the subject."""
    subject, _, body = render_to_string(template, context).partition("\n")
    return EmailMessage(subject.strip(), body.strip() + "\n", to=[to])


def send_mail_from_template(template, context, to):
    message_from_template(template, context, to).send()


@task()
def send_two_factor_enrolled(user_id):
    """Tell an admin account's owner that an authenticator app was just enrolled."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return False
    context = {"user": user, "when": timezone.now()}
    send_mail_from_template("security/emails/two_factor_enrolled.txt", context, user.email)
    return True
