"""Open data (CRPA L312-1-1): the partner directory and the public agenda as CSV and JSON at
stable addresses, under the Licence Ouverte 2.0, with a Table Schema describing each file.

Generated from the database at each request and kept by the page cache until the next
publication or change of an organisation, so a file is always as fresh as the site. Only
public fields, and no data on individuals (no signatory, no contact person).
"""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.exports import neutralise_formula
from members.models import EventPage, Organisation

OPEN_DATA_PATH = "/donnees-ouvertes/"
LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def organisation_rows(request):
    for organisation in Organisation.objects.for_directory():
        yield {
            "nom": organisation.name,
            "type": organisation.get_kind_display(),
            "secteur": organisation.sector.name if organisation.sector_id else "",
            "site_web": organisation.website,
            "presentation": organisation.description,
            "siret": organisation.siret,
            "charte_version": organisation.charter_version,
            "charte_signee_le": (
                organisation.charter_signed_on.isoformat() if organisation.charter_signed_on else ""
            ),
        }


def event_rows(request):
    events = (
        EventPage.objects.public_events()
        .select_related("organiser", "sector")
        .order_by("starts_at", "pk")
    )
    for event in events:
        yield {
            "titre": event.title,
            "type": event.get_kind_display(),
            "debut": event.start_date.isoformat()
            if event.all_day
            else timezone.localtime(event.starts_at).isoformat(),
            "fin": event.last_day.isoformat()
            if event.all_day
            else timezone.localtime(event.ends_at).isoformat(),
            "toute_la_journee": event.all_day,
            "lieu": event.place_name,
            "adresse": event.street_address,
            "code_postal": event.postal_code,
            "commune": event.city,
            "en_ligne": event.online_url,
            "organisateur": event.organiser.name if event.organiser_id else "",
            "secteur": event.sector.name if event.sector_id else "",
            "inscription": event.takes_registrations,
            "url": event.get_full_url(request),
        }


DATASETS = {
    "annuaire": {
        "title": "Annuaire des partenaires de Limoges attractivité",
        "description": (
            "Les organisations membres du réseau (membres fondateurs et partenaires du club) "
            "qui figurent dans l'annuaire public, avec leur secteur et la version de la charte "
            "de partenariat signée."
        ),
        "rows": organisation_rows,
        "count": lambda: Organisation.objects.filter(show_in_directory=True).count(),
        "fields": [
            ("nom", "string", "Nom de l'organisation"),
            ("type", "string", "Membre fondateur ou partenaire du club"),
            ("secteur", "string", "Secteur d'activité"),
            ("site_web", "string", "Adresse du site web"),
            ("presentation", "string", "Présentation courte"),
            ("siret", "string", "Numéro SIRET (14 chiffres), s'il est connu"),
            ("charte_version", "string", "Version de la charte de partenariat signée"),
            ("charte_signee_le", "date", "Date de signature de la charte (AAAA-MM-JJ)"),
        ],
    },
    "agenda": {
        "title": "Agenda public de Limoges attractivité",
        "description": (
            "Les événements publics du réseau, passés et à venir : dates, lieu, organisateur. "
            "Les réunions réservées aux membres n'y figurent pas."
        ),
        "rows": event_rows,
        "count": lambda: EventPage.objects.public_events().count(),
        "fields": [
            ("titre", "string", "Titre de l'événement"),
            ("type", "string", "Type d'événement"),
            ("debut", "string", "Début : date (journée entière) ou date et heure ISO 8601"),
            ("fin", "string", "Fin : dernier jour (journée entière) ou date et heure ISO 8601"),
            ("toute_la_journee", "boolean", "Événement sur la journée entière"),
            ("lieu", "string", "Nom du lieu"),
            ("adresse", "string", "Adresse"),
            ("code_postal", "string", "Code postal"),
            ("commune", "string", "Commune"),
            ("en_ligne", "string", "Lien de participation en ligne"),
            ("organisateur", "string", "Organisation qui organise"),
            ("secteur", "string", "Secteur d'activité"),
            ("inscription", "boolean", "Inscription proposée sur le site"),
            ("url", "string", "Adresse de la page de l'événement"),
        ],
    },
}


def dataset_or_404(name):
    dataset = DATASETS.get(name)
    if dataset is None:
        raise Http404
    return dataset


def schema_of(name, request):
    """The dataset's Table Schema (frictionless data), the contract its files follow."""
    dataset = dataset_or_404(name)
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": name,
        "title": dataset["title"],
        "description": dataset["description"],
        "licenses": [LICENCE],
        "fields": [
            {"name": field, "type": kind, "description": description}
            for field, kind, description in dataset["fields"]
        ],
    }


def file_urls(name):
    base = f"{OPEN_DATA_PATH}{name}"
    return {"csv": f"{base}.csv", "json": f"{base}.json", "schema": f"{base}.schema.json"}


@require_GET
def dataset_view(request, name, extension):
    dataset = dataset_or_404(name)
    if extension == "schema.json":
        return JsonResponse(schema_of(name, request), json_dumps_params={"ensure_ascii": False})
    rows = list(dataset["rows"](request))
    if extension == "json":
        payload = {
            "title": dataset["title"],
            "licence": LICENCE,
            "schema": request.build_absolute_uri(file_urls(name)["schema"]),
            "generated_at": timezone.now().isoformat(),
            "data": rows,
        }
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    if extension == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        names = [field for field, _kind, _description in dataset["fields"]]
        writer.writerow(names)
        for row in rows:
            writer.writerow(
                [
                    neutralise_formula(row[field])
                    if isinstance(row[field], str)
                    else ("true" if row[field] is True else "false" if row[field] is False else "")
                    for field in names
                ]
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{name}.csv"'
        response["Link"] = f'<{LICENCE["path"]}>; rel="license"'
        return response
    raise Http404


def catalogue(request):
    """Each dataset with its files and its number of rows, for the open-data page."""
    return [
        {
            "name": name,
            "title": dataset["title"],
            "description": dataset["description"],
            "urls": file_urls(name),
            "count": dataset["count"](),
            "fields": dataset["fields"],
        }
        for name, dataset in DATASETS.items()
    ]
