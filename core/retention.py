"""The platform's own processings and retention rules (sign-in records, audience counts,
task results, backups), and the task that applies every feature's rules and records each run.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_tasks import task

from . import audience
from .personal_data import (
    Processing,
    RetentionRule,
    exempt_fields,
    register_processing,
    register_retention_rule,
    retention_rules,
)

SIGN_IN_ATTEMPTS_DAYS = 30
SIGN_IN_LOG_DAYS = 180
TASK_RESULTS_DAYS = 30


def days_ago(now, days):
    return (now or timezone.now()) - datetime.timedelta(days=days)


def purge_sign_in_records(now=None):
    """Failed attempts after a month, the sign-in log after six months (django-axes)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    deleted = AccessAttempt.objects.filter(
        attempt_time__lt=days_ago(now, SIGN_IN_ATTEMPTS_DAYS)
    ).delete()[0]
    deleted += AccessFailureLog.objects.filter(
        attempt_time__lt=days_ago(now, SIGN_IN_ATTEMPTS_DAYS)
    ).delete()[0]
    deleted += AccessLog.objects.filter(attempt_time__lt=days_ago(now, SIGN_IN_LOG_DAYS)).delete()[
        0
    ]
    return deleted


def purge_task_results(now=None):
    """Finished tasks after a month: their arguments may hold an e-mail address."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(finished_at__lt=days_ago(now, TASK_RESULTS_DAYS)).delete()[0]


def register():
    """The platform's part of the register and of the retention rules."""
    exempt_fields(
        _(
            "Empreinte chiffrée de l'adresse d'un compte effacé, jamais l'adresse : elle sert à "
            "refaire l'effacement après une restauration."
        ),
        "core.ErasureRecord.email_digest",
    )
    exempt_fields(
        _(
            "Compte de l'équipe qui a déposé le média ou qui modifie la page (historique de la "
            "médiathèque et des pages ; les partenaires n'en déposent pas)."
        ),
        "core.SiteImage.uploaded_by_user",
        "core.SiteDocument.uploaded_by_user",
        "*.owner",
        "*.locked_by",
    )
    register_processing(
        Processing(
            key="sign-in",
            name=_("Connexions et protection contre les intrusions"),
            purpose=_(
                "Sécuriser l'espace membres et l'administration : journal des connexions, "
                "blocage après cinq échecs, double authentification des comptes d'administration."
            ),
            legal_basis=_("Intérêt légitime (sécurité du service, art. 6.1.f RGPD)"),
            data=_(
                "Adresse électronique saisie, adresse IP, navigateur, date et heure, "
                "résultat de la tentative."
            ),
            recipients=_("Administrateurs du site"),
            retention=_(
                "Tentatives échouées : 30 jours ; journal des connexions : 6 mois ; "
                "session : 2 semaines au plus."
            ),
            order=80,
        )
    )
    register_processing(
        Processing(
            key="audience",
            name=_("Mesure d'audience sans cookie"),
            purpose=_(
                "Savoir quelles pages sont lues et d'où viennent les visiteurs, pour améliorer "
                "le site (exemptée de consentement par la CNIL)."
            ),
            legal_basis=_(
                "Intérêt légitime (art. 6.1.f RGPD ; art. 82 loi Informatique et libertés)"
            ),
            data=_(
                "Nombre de pages vues par adresse et par jour, nom du site d'origine. Aucune "
                "adresse IP, aucun cookie, aucun identifiant."
            ),
            recipients=_("Équipe de communication de Limoges attractivité"),
            retention=_("25 mois"),
            order=90,
        )
    )
    register_processing(
        Processing(
            key="backups",
            name=_("Sauvegardes"),
            purpose=_("Pouvoir restaurer le site après un incident."),
            legal_basis=_("Intérêt légitime (continuité du service)"),
            data=_("Copie de l'ensemble des données du site."),
            recipients=_("Administrateurs du site, hébergeur"),
            retention=_(
                "Selon le calendrier de sauvegarde ; un effacement fait après une sauvegarde "
                "est refait automatiquement si elle est restaurée."
            ),
            order=95,
        )
    )
    register_retention_rule(
        RetentionRule(
            key="sign-in-records",
            label=_("Tentatives de connexion et journal des connexions"),
            apply=purge_sign_in_records,
            order=80,
        )
    )
    register_retention_rule(
        RetentionRule(
            key="audience",
            label=_("Mesure d'audience de plus de 25 mois"),
            apply=audience.purge_old_counts,
            order=90,
        )
    )
    register_retention_rule(
        RetentionRule(
            key="task-results",
            label=_("Résultats des tâches d'envoi de plus de 30 jours"),
            apply=purge_task_results,
            order=95,
        )
    )


def run_retention(now=None):
    """Apply every retention rule and record each run; returns {rule label: count}."""
    from .models import RetentionRun

    done = {}
    for rule in retention_rules():
        count = rule.apply(now)
        RetentionRun.objects.create(rule=rule.key, label=str(rule.label), count=count)
        done[str(rule.label)] = count
    return done


@task()
def apply_retention():
    """The daily retention pass (queued by `manage.py apply_retention`, run by the worker)."""
    return run_retention()
