"""The member feature's personal data: its processings in the register, what it holds on a
person (for « Télécharger mes données » and « Supprimer mon compte »), and its retention
rules (rejected applications, inactive accounts, event registrations)."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.mail import send_mail_from_template
from core.personal_data import (
    PersonalData,
    Processing,
    RetentionRule,
    erase_person,
    exempt_fields,
    register_personal_data,
    register_processing,
    register_retention_rule,
)

from .models import (
    ActionStatusChange,
    EventRegistration,
    MembershipApplication,
    StrategyFeedback,
    User,
)
from .roles import MEMBER_GROUPS

FORMER_MEMBER = "Ancien membre"
REJECTED_APPLICATION_DAYS = 183
INACTIVE_ACCOUNT_DAYS = 730
INACTIVITY_NOTICE_DAYS = 30
UNCONFIRMED_REGISTRATION_DAYS = 7
REGISTRATION_DAYS_AFTER_EVENT = 30


# What is held on a person


def account_rows(user):
    return [
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "organisation": user.organisation.name if user.organisation_id else "",
            "groups": ", ".join(sorted(group.name for group in user.groups.all())),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "notification_frequency": user.get_notification_frequency_display(),
            "event_alerts": user.event_alerts,
            "action_alerts": user.get_action_alerts_display(),
            "calendar_token": _("adresse d'abonnement active")
            if user.calendar_token
            else _("aucune"),
            "inactivity_warned_at": user.inactivity_warned_at,
            "facilitated_commissions": ", ".join(
                user.facilitated_commissions.values_list("title", flat=True)
            ),
        }
    ]


def feedback_rows(user):
    return [
        {
            "draft": feedback.draft.version_label,
            "section": feedback.section,
            "text": feedback.text,
            "created_at": feedback.created_at,
            "updated_at": feedback.updated_at,
        }
        for feedback in StrategyFeedback.objects.filter(author=user).select_related("draft")
    ]


def erase_feedback(user, remove_text):
    """The text stays with « Ancien membre » as its author, unless the person asks it go."""
    feedback = StrategyFeedback.objects.filter(author=user)
    count = feedback.count()
    if remove_text:
        feedback.delete()
    else:
        feedback.update(author=None, author_label=FORMER_MEMBER)
    return count


def registration_rows(user):
    return EventRegistration.objects.filter(
        Q(user=user) | Q(email=user.email.lower())
    ).select_related("event")


def erase_registrations(user, remove_text):
    return registration_rows(user).delete()[0]


def status_change_rows(user):
    return [
        {
            "action": change.action.description,
            "old_status": change.get_old_status_display(),
            "new_status": change.get_new_status_display(),
            "note": change.note,
            "changed_by_name": change.changed_by_name,
            "changed_at": change.changed_at,
        }
        for change in ActionStatusChange.objects.filter(changed_by=user).select_related("action")
    ]


def erase_status_changes(user, remove_text):
    changes = ActionStatusChange.objects.filter(changed_by=user)
    count = changes.count()
    if remove_text:
        changes.update(changed_by=None, changed_by_name=FORMER_MEMBER, note="")
    else:
        changes.update(changed_by=None, changed_by_name=FORMER_MEMBER)
    return count


def application_rows(user):
    return MembershipApplication.objects.filter(
        Q(email=user.email.lower()) | Q(account=user)
    ).select_related("sector")


def erase_applications(user, remove_text):
    """The organisation's application stays (the charter register needs it), without the
    person: name, address, phone and motivation go."""
    applications = application_rows(user)
    count = applications.count()
    applications.update(
        contact_first_name="",
        contact_last_name=FORMER_MEMBER,
        contact_role="",
        email="",
        phone="",
        motivation="",
        account=None,
    )
    return count


def sign_in_records():
    """django-axes' three records of sign-ins, with how the export names each."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return (
        ("connexion", AccessLog),
        ("tentatives échouées", AccessAttempt),
        ("échec enregistré", AccessFailureLog),
    )


def sign_in_rows(user):
    return [
        {
            "kind": kind,
            "at": entry.attempt_time,
            "until": getattr(entry, "logout_time", None),
            "ip_address": entry.ip_address,
            "user_agent": entry.user_agent,
        }
        for kind, model in sign_in_records()
        for entry in model.objects.filter(username__iexact=user.email)
    ]


def erase_sign_in_records(user, remove_text):
    return sum(
        model.objects.filter(username__iexact=user.email).delete()[0]
        for _kind, model in sign_in_records()
    )


def register():
    """Declare the member feature's processings, personal data and retention rules."""
    for processing in PROCESSINGS:
        register_processing(processing)
    for holder in HOLDERS:
        register_personal_data(holder)
    for rule in RULES:
        register_retention_rule(rule)
    exempt_fields(
        _(
            "Compte rendu officiel d'une instance du réseau : la liste des présents est "
            "conservée avec le compte rendu (archives)."
        ),
        "members.CommissionMinutesPage.attendees",
    )
    exempt_fields(
        _(
            "Représentant d'une organisation signataire de la charte (registre de la charte, "
            "donnée de l'organisation, jamais publiée)."
        ),
        "members.Organisation.charter_signatory_name",
        "members.Organisation.charter_signatory_role",
    )
    exempt_fields(
        _("Décision prise par un membre de l'équipe dans l'exercice de sa fonction."),
        "members.MembershipApplication.decided_by",
    )
    exempt_fields(
        _("Animateurs d'une commission : exportés avec le compte (« commissions animées »)."),
        "members.CommissionPage.facilitators",
    )


PROCESSINGS = [
    Processing(
        key="applications",
        name=_("Candidatures au club des partenaires"),
        purpose=_("Examiner les candidatures, répondre, puis créer le compte du partenaire."),
        legal_basis=_("Mesures précontractuelles à la demande de la personne (art. 6.1.b RGPD)"),
        data=_(
            "Organisation, SIRET, secteur ; nom, prénom, fonction, adresse électronique et "
            "téléphone de la personne de contact ; motivation."
        ),
        recipients=_("Équipe de communication de Limoges attractivité"),
        retention=_(
            "Candidature refusée : 6 mois après la décision ; acceptée : conservée pour le "
            "registre de la charte, sans les coordonnées de la personne si elle les fait effacer."
        ),
        order=10,
    ),
    Processing(
        key="accounts",
        name=_("Comptes de l'espace membres"),
        purpose=_(
            "Donner aux partenaires l'accès aux comptes rendus, à la stratégie, à l'agenda "
            "et au plan d'actions qui leur sont destinés."
        ),
        legal_basis=_("Exécution de la charte de partenariat (art. 6.1.b RGPD)"),
        data=_(
            "Nom, prénom, adresse électronique, fonction, organisation, instances, préférences "
            "de notification, dates d'inscription et de dernière connexion."
        ),
        recipients=_("Équipe de communication ; les autres membres voient le nom des animateurs"),
        retention=_(
            "Tant que la personne est partenaire ; après 2 ans sans connexion, le compte est "
            "supprimé et ce que la personne a écrit anonymisé (avec un courriel "
            "d'avertissement un mois avant)."
        ),
        order=20,
    ),
    Processing(
        key="feedback",
        name=_("Avis sur la stratégie d'attractivité"),
        purpose=_("Recueillir l'avis des membres sur les versions de la stratégie."),
        legal_basis=_("Mission d'intérêt public du réseau (art. 6.1.e RGPD)"),
        data=_("Texte de l'avis, partie concernée, auteur et son organisation, dates."),
        recipients=_("Équipe de communication, conseil stratégique"),
        retention=_(
            "Durée du travail sur la stratégie ; à la suppression du compte, l'avis reste "
            "attribué à « Ancien membre », ou est supprimé si la personne le demande."
        ),
        order=30,
    ),
    Processing(
        key="notifications",
        name=_("Notifications par courriel"),
        purpose=_(
            "Prévenir les membres des nouveaux comptes rendus, versions, événements et "
            "actions en retard, selon leurs préférences."
        ),
        legal_basis=_("Exécution de la charte de partenariat (art. 6.1.b RGPD)"),
        data=_("Adresse électronique, préférences de notification, date de la dernière synthèse."),
        recipients=_("Prestataire d'envoi des courriels"),
        retention=_("Celle du compte."),
        order=40,
    ),
    Processing(
        key="registrations",
        name=_("Inscriptions aux événements"),
        purpose=_(
            "Gérer les places, la liste d'attente, la confirmation et le rappel d'un événement."
        ),
        legal_basis=_("Demande de la personne (art. 6.1.b RGPD)"),
        data=_("Nom, adresse électronique, organisation, état de l'inscription et ses dates."),
        recipients=_("Équipe de communication, organisateur de l'événement"),
        retention=_("Un mois après l'événement ; demande non confirmée : 7 jours."),
        order=50,
    ),
    Processing(
        key="action-plan",
        name=_("Plan d'actions des commissions"),
        purpose=_("Suivre les actions décidées et qui en a changé l'état."),
        legal_basis=_("Mission d'intérêt public du réseau (art. 6.1.e RGPD)"),
        data=_("Nom et organisation de la personne qui change un état, commentaire, date."),
        recipients=_("Membres qui peuvent lire le compte rendu de l'action"),
        retention=_("Celle du compte rendu ; « Ancien membre » après suppression du compte."),
        order=60,
    ),
]

HOLDERS = [
    PersonalData(
        label=_("Compte"),
        model="members.User",
        fields=(
            "email",
            "first_name",
            "last_name",
            "job_title",
            "organisation",
            "groups",
            "date_joined",
            "last_login",
            "notification_frequency",
            "event_alerts",
            "action_alerts",
            "calendar_token",
            "inactivity_warned_at",
            "facilitated_commissions",
        ),
        rows=account_rows,
        order=10,
        covers=("members.User.username",),
    ),
    PersonalData(
        label=_("Avis sur la stratégie"),
        model="members.StrategyFeedback",
        fields=("draft", "section", "text", "created_at", "updated_at"),
        rows=feedback_rows,
        erase=erase_feedback,
        order=20,
        covers=("members.StrategyFeedback.author", "members.StrategyFeedback.author_label"),
    ),
    PersonalData(
        label=_("Inscriptions aux événements"),
        model="members.EventRegistration",
        fields=(
            "event_title",
            "name",
            "email",
            "organisation_name",
            "status",
            "created_at",
            "confirmed_at",
            "cancelled_at",
            "reminder_sent_at",
            "user",
        ),
        rows=registration_rows,
        erase=erase_registrations,
        order=30,
    ),
    PersonalData(
        label=_("Changements d'état d'actions"),
        model="members.ActionStatusChange",
        fields=("action", "old_status", "new_status", "note", "changed_by_name", "changed_at"),
        rows=status_change_rows,
        erase=erase_status_changes,
        order=40,
        covers=("members.ActionStatusChange.changed_by",),
    ),
    PersonalData(
        label=_("Candidatures au club"),
        model="members.MembershipApplication",
        fields=(
            "organisation_name",
            "siret",
            "sector",
            "contact_first_name",
            "contact_last_name",
            "contact_role",
            "email",
            "phone",
            "motivation",
            "status",
            "submitted_at",
            "decided_at",
            "decision_message",
            "account",
        ),
        rows=application_rows,
        erase=erase_applications,
        order=50,
    ),
    PersonalData(
        label=_("Historique de connexion"),
        model="axes.AccessLog",
        fields=("kind", "at", "until", "ip_address", "user_agent"),
        rows=sign_in_rows,
        erase=erase_sign_in_records,
        order=60,
        covers=(
            "axes.AccessLog.username",
            "axes.AccessAttempt.username",
            "axes.AccessAttempt.ip_address",
            "axes.AccessAttempt.user_agent",
            "axes.AccessFailureLog.username",
            "axes.AccessFailureLog.ip_address",
            "axes.AccessFailureLog.user_agent",
        ),
    ),
]


# Retention


def delete_rejected_applications(now=None):
    limit = (now or timezone.now()) - datetime.timedelta(days=REJECTED_APPLICATION_DAYS)
    return MembershipApplication.objects.filter(
        status=MembershipApplication.Status.REJECTED, decided_at__lt=limit
    ).delete()[0]


def inactive_members(before):
    """Member accounts (never staff) without a sign-in since `before`."""
    return (
        User.objects.filter(groups__name__in=MEMBER_GROUPS, is_staff=False, is_superuser=False)
        .filter(Q(last_login__lt=before) | Q(last_login__isnull=True, date_joined__lt=before))
        .distinct()
    )


def handle_inactive_accounts(now=None):
    """Warn members a month before two years without sign-in; then erase the account (its
    writings stay with « Ancien membre »). Signing in again clears the warning."""
    now = now or timezone.now()
    handled = 0
    warn_before = now - datetime.timedelta(days=INACTIVE_ACCOUNT_DAYS - INACTIVITY_NOTICE_DAYS)
    for user in inactive_members(warn_before).filter(inactivity_warned_at__isnull=True):
        send_mail_from_template(
            "members/emails/inactivity_warning.txt",
            {"user": user, "erase_on": now + datetime.timedelta(days=INACTIVITY_NOTICE_DAYS)},
            user.email,
        )
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
        handled += 1
    erase_before = now - datetime.timedelta(days=INACTIVE_ACCOUNT_DAYS)
    notice_given = now - datetime.timedelta(days=INACTIVITY_NOTICE_DAYS)
    for user in inactive_members(erase_before).filter(inactivity_warned_at__lte=notice_given):
        erase_person(user, reason="inactivity", by="conservation automatique")
        handled += 1
    return handled


def delete_old_registrations(now=None):
    """Registrations a month after their event (the per-event task's safety net) and visitor
    requests never confirmed within a week."""
    now = now or timezone.now()
    deleted = EventRegistration.objects.filter(
        event__ends_at__lt=now - datetime.timedelta(days=REGISTRATION_DAYS_AFTER_EVENT)
    ).delete()[0]
    deleted += EventRegistration.objects.filter(
        status=EventRegistration.Status.PENDING,
        created_at__lt=now - datetime.timedelta(days=UNCONFIRMED_REGISTRATION_DAYS),
    ).delete()[0]
    return deleted


RULES = [
    RetentionRule(
        key="rejected-applications",
        label=_("Candidatures refusées depuis plus de 6 mois"),
        apply=delete_rejected_applications,
        order=10,
    ),
    RetentionRule(
        key="inactive-accounts",
        label=_("Comptes de membres sans connexion depuis 2 ans (avertis, puis anonymisés)"),
        apply=handle_inactive_accounts,
        order=20,
    ),
    RetentionRule(
        key="event-registrations",
        label=_("Inscriptions aux événements passés et demandes non confirmées"),
        apply=delete_old_registrations,
        order=30,
    ),
]
