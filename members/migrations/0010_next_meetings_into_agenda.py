"""Commissions' « next meeting » fields become events of the member agenda.

Each commission whose next meeting is still to come gets a member event, for its members
only, under the member agenda (created if the member area has none). Going back, the next
upcoming meeting returns to its commission and the pages of the agenda and the action plan
are removed before their tables are.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from core.migration_tools import remove_pages_of_types

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
# Parents before children (member events extend events): deleted in the reverse order.
NEW_PAGE_MODELS = (
    "agendaindexpage",
    "memberagendapage",
    "actionplanpage",
    "eventpage",
    "membereventpage",
)


def next_step(last_path):
    """The path step after `last_path`'s last one (treebeard's base 36, 4 characters)."""
    if last_path is None:
        return "0001"
    number = 0
    for char in last_path[-STEPLEN:]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    step = ""
    for _ in range(STEPLEN):
        number, digit = divmod(number, len(ALPHABET))
        step = ALPHABET[digit] + step
    return step


def add_child(apps, parent, model_name, **fields):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model("members", model_name)
    parent = Page.objects.get(pk=parent.pk)
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    siblings = set(
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list(
            "slug", flat=True
        )
    )
    slug = base = fields.pop("slug")
    counter = 2
    while slug in siblings:
        slug, counter = f"{base}-{counter}", counter + 1
    now = timezone.now()
    content_type, _ = ContentType.objects.get_or_create(app_label="members", model=model_name)
    page = model.objects.create(
        path=parent.path + next_step(last),
        depth=parent.depth + 1,
        numchild=0,
        slug=slug,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        draft_title=fields["title"],
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale_id=parent.locale_id,
        show_in_menus=False,
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    return page


def meetings_into_agenda(apps, schema_editor):
    CommissionPage = apps.get_model("members", "CommissionPage")
    MemberAreaPage = apps.get_model("members", "MemberAreaPage")
    MemberAgendaPage = apps.get_model("members", "MemberAgendaPage")
    commissions = list(
        CommissionPage.objects.filter(next_meeting_at__gte=timezone.now()).order_by("path")
    )
    area = MemberAreaPage.objects.order_by("path").first()
    if not commissions or area is None:
        return
    agenda = MemberAgendaPage.objects.filter(
        path__startswith=area.path, depth=area.depth + 1
    ).first()
    if agenda is None:
        agenda = add_child(
            apps, area, "memberagendapage", title="Agenda", slug="agenda", introduction=""
        )
    for commission in commissions:
        moment = timezone.localtime(commission.next_meeting_at)
        add_child(
            apps,
            agenda,
            "membereventpage",
            title=f"Réunion de la commission « {commission.title} »",
            slug=slugify(f"reunion-{commission.slug}-{moment:%Y-%m-%d}"),
            kind="reunion",
            start_date=moment.date(),
            start_time=moment.time().replace(second=0, microsecond=0),
            starts_at=commission.next_meeting_at,
            ends_at=commission.next_meeting_at,
            place_name=commission.next_meeting_place,
            city="",
            organiser_id=commission.lead_organisation_id,
            audience="commission",
            commission_id=commission.pk,
            registration="none",
        )


def agenda_back_into_meetings(apps, schema_editor):
    CommissionPage = apps.get_model("members", "CommissionPage")
    MemberEventPage = apps.get_model("members", "MemberEventPage")
    now = timezone.now()
    for commission in CommissionPage.objects.all():
        meeting = (
            MemberEventPage.objects.filter(commission_id=commission.pk, starts_at__gte=now)
            .order_by("starts_at")
            .first()
        )
        if meeting is not None:
            commission.next_meeting_at = meeting.starts_at
            commission.next_meeting_place = meeting.place_name
            commission.save(update_fields=["next_meeting_at", "next_meeting_place"])
    # The previous release has no such page types: their pages leave the tree first.

    def unlink(page_ids):
        apps.get_model("members", "CommissionMinutesPage").objects.filter(
            event_id__in=page_ids
        ).update(event=None)
        apps.get_model("members", "EventRegistration").objects.filter(
            event_id__in=page_ids
        ).delete()

    remove_pages_of_types(apps, schema_editor, "members", NEW_PAGE_MODELS, before=unlink)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0009_agenda_and_action_plan"),
    ]

    operations = [
        migrations.RunPython(meetings_into_agenda, agenda_back_into_meetings),
        migrations.RemoveField(model_name="commissionpage", name="next_meeting_at"),
        migrations.RemoveField(model_name="commissionpage", name="next_meeting_place"),
    ]
