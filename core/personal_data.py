"""Personal data as the software knows it: the register of processings, what each feature
holds on a person (exported, erased), and the retention rules that run by themselves.

Features declare their part from `AppConfig.ready()`; the platform never imports them. The
admin's register, the privacy page's table, « Télécharger mes données », « Supprimer mon
compte » and the retention task all read these declarations, so that none can disagree with
another.
"""

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise

logger = logging.getLogger(__name__)

# The register


@dataclass(frozen=True)
class Processing:
    """One processing of personal data (RGPD art. 30), in the words of the privacy page."""

    key: str
    name: str
    purpose: str
    legal_basis: str
    data: str
    recipients: str
    retention: str
    order: int = 100


_processings = {}


def register_processing(processing):
    _processings[processing.key] = processing
    return processing


def processings():
    return sorted(_processings.values(), key=lambda p: (p.order, p.name))


# What is held on a person


@dataclass(frozen=True)
class PersonalData:
    """Rows a feature holds on a person: exported as `fields`, erased by `erase`.

    `rows(user)` returns the person's rows; `erase(user, remove_text)` removes or anonymises
    them and returns how many it handled (`remove_text`: the person asked that what they
    wrote go too, not only their name).
    """

    label: str
    model: str
    fields: tuple
    rows: Callable
    erase: Callable = None
    order: int = 100
    # Other fields ("app_label.Model.field") whose data the export shows under another name
    # or through another model (a sign-in's attempts and failures beside its log).
    covers: tuple = ()


_holders = []
# "app_label.Model.field" (or a pattern: "*.owner") → why a personal-looking field is not in
# any export (kept by a rule of the register, pseudonymous, or holding no data of individuals).
_exemptions = {}


def register_personal_data(holder):
    if holder not in _holders:
        _holders.append(holder)
    return holder


def personal_data_holders():
    return sorted(_holders, key=lambda holder: holder.order)


def exempt_fields(reason, *dotted):
    for name in dotted:
        _exemptions[name] = reason


def exemptions():
    return dict(_exemptions)


def exported_fields():
    """{"app_label.Model": {field names}} covered by an export."""
    covered = {}
    for holder in _holders:
        covered.setdefault(holder.model.lower(), set()).update(holder.fields)
        for dotted in holder.covers:
            model, name = dotted.lower().rsplit(".", 1)
            covered.setdefault(model, set()).add(name)
    return covered


def plain(value):
    """A JSON-ready value: dates in ISO format, the rest as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Promise):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def export_person(user):
    """Everything held on a person, section by section, as plain data."""
    sections = []
    for holder in personal_data_holders():
        rows = []
        for row in holder.rows(user):
            if isinstance(row, dict):
                rows.append({name: plain(row.get(name)) for name in holder.fields})
            else:
                rows.append({name: plain(getattr(row, name, None)) for name in holder.fields})
        sections.append({"label": str(holder.label), "model": holder.model, "rows": rows})
    return {
        "generated_at": timezone.now().isoformat(),
        "site": "Limoges attractivité",
        "sections": sections,
    }


# Erasure, and the ledger that survives a restore


def email_digest(email):
    """A keyed fingerprint of an address: tells that an erased account is the one found in a
    restored backup, without keeping the address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def ledger_path():
    return Path(getattr(settings, "ERASURE_LEDGER", Path(settings.BASE_DIR) / "var" / "erasures"))


def append_to_ledger(entry):
    """One line per erasure in a file outside the database and the media folder, which a
    restore replaces: `restore_site` reads it to erase again whoever came back."""
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as ledger:
        ledger.write(json.dumps(entry, sort_keys=True) + "\n")


def ledger_entries(since=None):
    path = ledger_path()
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            logger.warning("Erasure ledger: unreadable line skipped")
            continue
        at = parse_datetime(entry.get("at", ""))
        if at is not None and (since is None or at > since):
            entries.append(entry)
    return entries


@dataclass
class ErasureSummary:
    """What an erasure did, for the receipt and the audit trail."""

    handled: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.handled.values())

    def handled_labels(self):
        """(label, count) of what was found, as plain text for an e-mail or a log."""
        return [(str(label), count) for label, count in self.handled.items() if count]


def erase_person(user, *, remove_text=False, reason="request", by=None, ledger=True):
    """Erase a person: each feature removes or anonymises its rows, then the account goes.

    All or nothing (one transaction); the erasure is recorded in the ledger once committed,
    so that a restore from an older backup erases the person again.
    """
    from .models import ErasureRecord  # the models import this module's registries

    summary = ErasureSummary()
    user_id, digest = user.pk, email_digest(user.email)
    with transaction.atomic():
        for holder in personal_data_holders():
            if holder.erase is not None:
                summary.handled[holder.label] = holder.erase(user, remove_text)
        get_user_model().objects.filter(pk=user_id).delete()
        entry = ErasureRecord.objects.create(
            user_id=user_id,
            email_digest=digest,
            reason=reason,
            removed_text=remove_text,
            by_label=by or "",
        )
        if ledger:
            line = {
                "at": entry.erased_at.isoformat(),
                "user_id": user_id,
                "email_digest": digest,
                "removed_text": remove_text,
            }
            transaction.on_commit(lambda: append_to_ledger(line))
    return summary


def reapply_erasures(since):
    """Erase again, after a restore, the people erased after the backup was taken (`since`,
    an aware datetime or its ISO text)."""
    if isinstance(since, str):
        since = parse_datetime(since)
    user_model = get_user_model()
    erased = 0
    for entry in ledger_entries(since):
        user = user_model.objects.filter(pk=entry.get("user_id")).first()
        if user is None or email_digest(user.email) != entry.get("email_digest"):
            continue
        erase_person(
            user,
            remove_text=entry.get("removed_text", False),
            reason="restore",
            ledger=False,
        )
        erased += 1
    return erased


# Retention


@dataclass(frozen=True)
class RetentionRule:
    """A retention period that runs by itself: `apply(now)` deletes or anonymises what is
    past it and returns how many records it handled."""

    key: str
    label: str
    apply: Callable
    order: int = 100


_rules = {}


def register_retention_rule(rule):
    _rules[rule.key] = rule
    return rule


def retention_rules():
    return sorted(_rules.values(), key=lambda rule: (rule.order, rule.key))
