"""The action plan's views: the tracker of every action a member may read, its CSV export
and its printable version for council meetings."""

import csv
import datetime

from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from core.exports import neutralise_formula
from core.listings import paginate_keys
from core.security import mark_private

from .access import readable_member_pages
from .models import CommissionPage, MinutesActionItem, Organisation
from .models.commissions import open_q, overdue_q

ACTIONS_PER_PAGE = 25
PRINT_LIMIT = 1000
Status = MinutesActionItem.Status

DUE_FILTERS = {
    "retard": "En retard",
    "30-jours": "Dans les 30 jours",
    "sans": "Sans échéance",
}
SORTS = {
    "echeance": ("Échéance la plus proche", [F("due_on").asc(nulls_last=True), "pk"]),
    "-echeance": ("Échéance la plus lointaine", [F("due_on").desc(nulls_last=True), "-pk"]),
    "commission": (
        "Commission",
        ["page__commission_page__title", F("due_on").asc(nulls_last=True), "pk"],
    ),
    "etat": ("État", ["status", F("due_on").asc(nulls_last=True), "pk"]),
    "recent": ("Réunion la plus récente", ["-page__meeting_date", "sort_order", "pk"]),
}


# The largest primary key a database column holds everywhere (a 32-bit integer): beyond it a
# number names nothing, and the database would refuse the query instead of finding nothing.
MAX_ID = 2**31 - 1


def number_or_404(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 1 <= number <= MAX_ID:
        raise Http404
    return number


def filtered_actions(request):
    """The actions this person may read, narrowed and sorted as the query string asks; an
    unknown value is a 404, as in every listing of the site.

    Returns the readable actions, the listed ones, the choices made and the narrowing as a
    condition, so that the tracker counts listed and late actions in one query.
    """
    user = request.user
    readable = MinutesActionItem.objects.readable_by(user)
    today = timezone.localdate()
    chosen = {}
    narrowing = Q()
    if value := request.GET.get("commission"):
        chosen["commission"] = number_or_404(value)
        narrowing &= Q(page__commission_page_id=chosen["commission"])
    if value := request.GET.get("organisation"):
        chosen["organisation"] = number_or_404(value)
        narrowing &= Q(owner_organisation_id=chosen["organisation"])
    if value := request.GET.get("etat"):
        if value not in Status.values:
            raise Http404
        chosen["etat"] = value
        narrowing &= Q(status=value)
    if value := request.GET.get("echeance"):
        if value not in DUE_FILTERS:
            raise Http404
        chosen["echeance"] = value
        if value == "retard":
            narrowing &= overdue_q(today)
        elif value == "30-jours":
            narrowing &= open_q() & Q(
                due_on__gte=today, due_on__lte=today + datetime.timedelta(days=30)
            )
        else:
            narrowing &= Q(due_on__isnull=True)
    sort = request.GET.get("tri") or "echeance"
    if sort not in SORTS:
        raise Http404
    chosen["tri"] = sort
    actions = readable.filter(narrowing).order_by(*SORTS[sort][1])
    return readable, actions, chosen, narrowing


def filter_choices(readable, user):
    commissions = readable_member_pages(CommissionPage.objects.live(), user).order_by("title")
    organisations = Organisation.objects.filter(
        pk__in=readable.exclude(owner_organisation=None).values("owner_organisation")
    ).order_by("name")
    return {
        "commissions": [(page.pk, page.title) for page in commissions.only("pk", "title")],
        "organisations": list(organisations.values_list("pk", "name")),
        "statuses": Status.choices,
        "due_filters": list(DUE_FILTERS.items()),
        "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
    }


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def tracker_view(page, request):
    readable, actions, chosen, narrowing = filtered_actions(request)
    today = timezone.localdate()
    # The listed and the late actions, counted together over the readable ones.
    counts = readable.aggregate(
        listed=Count("pk", filter=narrowing) if narrowing else Count("pk"),
        overdue=Count("pk", filter=overdue_q(today)),
    )
    listing = paginate_keys(
        request,
        actions,
        lambda keys: MinutesActionItem.objects.filter(pk__in=keys).for_tracker(),
        ACTIONS_PER_PAGE,
        count=counts["listed"],
    )
    query = query_without_page(request)
    context = {
        "actions": listing,
        "chosen": chosen,
        "today": today,
        "overdue_count": counts["overdue"],
        "filtered": any(key != "tri" for key in chosen) or chosen.get("tri") != "echeance",
        "query": query,
        "csv_url": page.url + page.reverse_subpage("csv_view") + (f"?{query}" if query else ""),
        "print_url": page.url + page.reverse_subpage("print_view") + (f"?{query}" if query else ""),
        **filter_choices(readable, request.user),
    }
    return mark_private(page.render(request, context_overrides=context))


CSV_HEADINGS = [
    "Commission",
    "Compte rendu",
    "Date de la réunion",
    "Décision",
    "Action",
    "Responsable",
    "Organisation responsable",
    "Échéance",
    "État",
    "En retard",
    "Adresse du compte rendu",
]


def csv_view(page, request):
    """The same actions as the tracker shows with these filters, for a spreadsheet."""
    _readable, actions, _chosen, _narrowing = filtered_actions(request)
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="plan-d-actions-{today.isoformat()}.csv"'
    )
    # A byte-order mark, so that spreadsheet programs read the accents right.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADINGS)
    rows = actions.select_related("page", "page__commission_page", "owner_organisation")
    for action in rows.iterator(chunk_size=500):
        writer.writerow(
            [
                neutralise_formula(value)
                for value in (
                    action.commission_title,
                    action.page.title,
                    action.page.meeting_date.strftime("%d/%m/%Y"),
                    action.decision,
                    action.description,
                    action.owner,
                    action.owner_organisation.name if action.owner_organisation else "",
                    action.due_on.strftime("%d/%m/%Y") if action.due_on else "",
                    action.get_status_display(),
                    "oui" if action.is_overdue(today) else "non",
                    request.build_absolute_uri(action.page.url),
                )
            ]
        )
    return mark_private(response)


def print_view(page, request):
    """A printable table for council meetings: every filtered action on one page."""
    _readable, actions, chosen, _narrowing = filtered_actions(request)
    rows = list(actions.for_tracker()[: PRINT_LIMIT + 1])
    response = TemplateResponse(
        request,
        "members/action_plan_print.html",
        {
            "page": page,
            "actions": rows[:PRINT_LIMIT],
            "truncated": len(rows) > PRINT_LIMIT,
            "limit": PRINT_LIMIT,
            "today": timezone.localdate(),
            "chosen": chosen,
            "tracker_url": page.url + (f"?{query_without_page(request)}" if request.GET else ""),
        },
    )
    return mark_private(response)
