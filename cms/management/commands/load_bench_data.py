"""`manage.py load_bench_data`: the benchmark's large data set, loaded in bulk.

The demo content gives the skeleton (home page, indexes, member area, accounts with known
passwords); bulk inserts then bring the archive to ten years of news, hundreds of stories,
organisations with their accounts, commissions with their minutes and documents. Pages are
written straight into the tree (paths, depth, child counts and URL paths computed here) with
bulk inserts, never saved one by one: 10,000 news load in seconds rather than an hour.
"""

import datetime
import random
import time
import uuid

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.search.backends import get_search_backend

from cms.demo import load_demo_content
from cms.renditions import listing_rendition_plans
from core.images import generate_renditions
from core.models import Sector, SiteDocument, SiteImage
from core.summaries import rebuild_summaries
from home.models import HomePage
from members.models import (
    AgendaIndexPage,
    CommissionIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    EventPage,
    MemberAgendaPage,
    MemberEventPage,
    MinutesActionItem,
    MinutesAttachment,
    Organisation,
    StrategyDraftIndexPage,
    StrategyDraftPage,
    User,
)
from members.models.events import local_moment
from members.pdf import simple_pdf
from members.roles import CLUB
from members.signals import notifications_muted
from news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    StoryIndexPage,
    StoryPage,
)

BATCH = 1000
SHARED_DOCUMENT_FILES = 5
EXTRA_CATEGORIES = ["Emploi", "Recherche", "Culture", "Mobilités", "Santé", "Tourisme d'affaires"]
WORDS = (
    *("attractivité", "territoire", "partenaires", "entreprises", "talents", "université"),
    *("industrie", "porcelaine", "innovation", "emploi", "recherche", "santé", "tourisme"),
    *("culture", "mobilité", "logement", "formation", "export", "numérique", "céramique"),
    *("congrès", "étudiants", "familles", "accueil", "réseau", "marque", "patrimoine"),
)
# One subject per news item, so that a search matches a few hundred items, as on a real site,
# rather than every item.
TOPICS = (
    *("hydrogène", "biotechnologies", "cybersécurité", "agroalimentaire", "photonique"),
    *("gastronomie", "émail", "cuir", "ganterie", "logistique", "aéronautique", "robotique"),
    *("électronique", "domotique", "rugby", "basket", "festival", "opéra", "musée", "gare"),
    *("tramway", "vélo", "covoiturage", "télétravail", "coworking", "apprentissage"),
    *("alternance", "doctorat", "laboratoire", "hôpital", "gérontologie", "silver économie"),
    *("tourisme vert", "patrimoine industriel", "bocage", "forêt", "eau", "énergie solaire"),
)
# Renditions of the home page's hero, generated here with those of the listings; a news
# page's own large renditions are made by the benchmark's first request, as on a live site.


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng, paragraphs=3):
    return [
        {"type": "paragraph", "value": f"<p>{sentence(rng, 40)}</p>", "id": str(uuid.uuid4())}
        for _ in range(paragraphs)
    ]


TREE_CHECKS = {
    "profondeur": "SELECT id FROM wagtailcore_page WHERE length(path) <> depth * 4",
    "nombre d'enfants": """
        SELECT parent.id FROM wagtailcore_page parent
        LEFT JOIN wagtailcore_page child
            ON child.path LIKE parent.path || '____' AND child.depth = parent.depth + 1
        GROUP BY parent.id HAVING count(child.id) <> max(parent.numchild)
    """,
    "adresse": """
        SELECT child.id FROM wagtailcore_page child
        JOIN wagtailcore_page parent ON parent.path = left(child.path, -4)
        WHERE child.depth > 2 AND child.url_path <> parent.url_path || child.slug || '/'
    """,
}


def child_path(parent_path, step):
    """The materialised path of a parent's `step`-th child, in treebeard's documented format:
    `Page.steplen` characters of `Page.alphabet` per level."""
    base, digits = len(Page.alphabet), ""
    while step:
        step, rest = divmod(step, base)
        digits = Page.alphabet[rest] + digits
    return parent_path + digits.rjust(Page.steplen, Page.alphabet[0])


def insert_rows(model, objects):
    """INSERT the rows of `model`'s own table (its local fields) for `objects`, in batches."""
    fields = list(model._meta.local_concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names come from the model's own metadata, quoted; values go through placeholders.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            cursor.executemany(
                sql,
                [
                    [
                        field.get_db_prep_save(field.pre_save(obj, True), connection)
                        for field in fields
                    ]
                    for obj in objects[start : start + BATCH]
                ],
            )


class TreeWriter:
    """Appends live pages under a parent with bulk inserts, keeping the tree consistent."""

    def __init__(self, parent):
        self.parent = Page.objects.get(pk=parent.pk)
        last = self.parent.get_last_child()
        self.next_step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
        self.added = 0

    def add(self, model, items):
        """Insert `items` (dicts of page and specific fields) as live `model` pages.

        Returns the specific objects with their primary keys set.
        """
        content_type = ContentType.objects.get_for_model(model)
        page_field_names = {field.attname for field in Page._meta.concrete_fields}
        parent = self.parent
        rows, specifics = [], []
        for item in items:
            published = item.pop("published_at")
            page_fields = {k: item.pop(k) for k in list(item) if k in page_field_names}
            slug = page_fields["slug"]
            rows.append(
                Page(
                    path=child_path(parent.path, self.next_step),
                    depth=parent.depth + 1,
                    numchild=0,
                    draft_title=page_fields["title"],
                    url_path=f"{parent.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    translation_key=uuid.uuid4(),
                    **page_fields,
                )
            )
            specifics.append(item)
            self.next_step += 1
        Page.objects.bulk_create(rows, batch_size=BATCH)
        objects = [
            model(page_ptr_id=row.pk, **fields) for row, fields in zip(rows, specifics, strict=True)
        ]
        for obj, row in zip(objects, rows, strict=True):
            obj.pk = row.pk
        # Only the specific tables are written here (a member event has two: the event's and
        # its own): the rows of wagtailcore_page exist already, and Django's bulk_create
        # refuses multi-table models.
        for table_model in [*reversed(model._meta.get_parent_list()), model]:
            if table_model is not Page and issubclass(table_model, Page):
                insert_rows(table_model, objects)
        self.added += len(rows)
        return objects

    def finish(self):
        Page.objects.filter(pk=self.parent.pk).update(
            numchild=Page.objects.filter(
                path__startswith=self.parent.path, depth=self.parent.depth + 1
            ).count()
        )


class Command(BaseCommand):
    help = (
        "Charge le jeu de données du banc d'essai (10 000 actualités, 300 portraits, "
        "500 organisations, 40 commissions, 2 000 comptes rendus) dans une base dont le nom "
        "contient « bench »."
    )

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=10_000)
        parser.add_argument("--stories", type=int, default=300)
        parser.add_argument("--organisations", type=int, default=500)
        parser.add_argument("--commissions", type=int, default=40)
        parser.add_argument("--minutes", type=int, default=2_000)
        parser.add_argument("--drafts", type=int, default=10)
        parser.add_argument("--events", type=int, default=1_000)
        parser.add_argument("--tags", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument(
            "--force", action="store_true", help="Autorise une base sans « bench » dans son nom."
        )

    def handle(self, *args, **options):
        name = str(settings.DATABASES["default"]["NAME"])
        # Thousands of fictional partners and accounts must never land in a real database.
        if "bench" not in name and not options["force"]:
            raise CommandError(
                f"Refus de charger le banc d'essai dans « {name} » : le nom de la base doit "
                "contenir « bench » (ou relancez avec --force)."
            )
        # Seeded so that two runs load the same data; nothing here is secret.
        self.rng = random.Random(options["seed"])  # noqa: S311
        self.started = time.monotonic()
        self.step_started = self.started
        with notifications_muted():
            self.step("Contenu de démonstration (squelette du site)")
            load_demo_content()
            with transaction.atomic():
                self.load(options)
            self.index_for_search()
            self.generate_renditions()
            self.check_tree()
            # Bulk-created news publish no signal: the archive's summaries are written here.
            self.step("Agrégats des archives")
            rebuild_summaries()
            if connection.vendor == "postgresql":
                # Fresh statistics: without them the planner sorts 10,000 rows it could index.
                # VACUUM too, as autovacuum would soon do on a live site: until the visibility
                # map is set, index-only scans still read every row of the table.
                self.step("VACUUM ANALYZE")
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
        total = time.monotonic() - self.started
        self.stdout.write(self.style.SUCCESS(f"Banc d'essai chargé en {total:.1f} s."))

    def step(self, label):
        now = time.monotonic()
        self.stdout.write(f"[{now - self.started:6.1f} s] {label}…")
        self.stdout.flush()
        self.step_started = now

    def load(self, options):
        self.home = HomePage.objects.get()
        sectors = list(Sector.objects.all())
        images = list(SiteImage.objects.order_by("pk"))
        # A few dozen pictures shared by thousands of items, as a real library would be.
        self.covers = ([i for i in images if i.title.startswith("Visuel")] or images)[:12]
        self.portraits = ([i for i in images if i.title.startswith("Portrait")] or images)[:10]
        self.logos = [i for i in images if i.title.startswith("Logo")] or images

        self.step(f"Organisations et comptes ({options['organisations']})")
        organisations = self.load_organisations(options["organisations"], sectors)
        self.step("Catégories et étiquettes")
        categories = self.load_categories()
        tags = self.load_tags(options["tags"])
        self.step(f"Actualités ({options['news']})")
        self.load_news(options["news"], categories, tags)
        self.step(f"Portraits ({options['stories']})")
        self.load_stories(options["stories"], organisations, sectors)
        self.step(
            f"Commissions ({options['commissions']}) et comptes rendus ({options['minutes']})"
        )
        self.load_commissions(options["commissions"], options["minutes"], organisations)
        self.step(f"Versions de la stratégie ({options['drafts']})")
        self.load_drafts(options["drafts"])
        self.step(f"Événements publics et des membres ({options['events']})")
        self.load_events(options["events"], organisations, sectors)

    def load_organisations(self, total, sectors):
        existing = Organisation.objects.count()
        rng = self.rng
        organisations = [
            Organisation(
                name=f"Entreprise du territoire {number:04d}",
                slug=f"entreprise-du-territoire-{number:04d}",
                kind=Organisation.Kind.CLUB_PARTNER,
                sector=sectors[number % len(sectors)],
                logo=self.logos[number % len(self.logos)] if number % 3 == 0 else None,
                website=f"https://entreprise-{number:04d}.example.org/",
                description=sentence(rng, 25),
                charter_version="2023",
                charter_signed_on=datetime.date(2023, 6, 1) + datetime.timedelta(days=number),
                charter_signatory_name=f"Signataire {number}",
                charter_signatory_role="Direction",
            )
            for number in range(existing, total)
        ]
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        # One account per new organisation; hashing once keeps 500 accounts instant.
        password = make_password("banc-d-essai-limoges")
        users = User.objects.bulk_create(
            [
                User(
                    email=f"membre{o.pk}@bench.example.org",
                    username=f"membre{o.pk}@bench.example.org",
                    password=password,
                    first_name="Membre",
                    last_name=o.name,
                    organisation=o,
                )
                for o in organisations
            ],
            batch_size=BATCH,
        )
        club = Group.objects.get(name=CLUB)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=club.pk) for u in users], batch_size=BATCH
        )
        return list(Organisation.objects.order_by("pk"))

    def load_categories(self):
        for name in EXTRA_CATEGORIES:
            NewsCategory.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        return list(NewsCategory.objects.order_by("pk"))

    def load_tags(self, total):
        existing = set(Tag.objects.values_list("slug", flat=True))
        new = [
            Tag(name=f"Thème {number:03d}", slug=f"theme-{number:03d}")
            for number in range(total)
            if f"theme-{number:03d}" not in existing
        ]
        Tag.objects.bulk_create(new, batch_size=BATCH)
        return list(Tag.objects.order_by("pk"))

    def load_news(self, total, categories, tags):
        index = NewsIndexPage.objects.get()
        missing = total - NewsPage.objects.count()
        if missing <= 0:
            return
        rng = self.rng
        today = timezone.localdate()
        writer = TreeWriter(index)
        for start in range(0, missing, 2000):
            items = []
            for number in range(start, min(start + 2000, missing)):
                # Spread evenly over ten years, newest last so the archive reads naturally.
                day = today - datetime.timedelta(days=int(3650 * (1 - number / missing)))
                topic = TOPICS[number % len(TOPICS)]
                title = f"{topic.capitalize()} : {sentence(rng, 6)[:-1].lower()} ({number})"
                items.append(
                    {
                        "title": title,
                        "slug": f"{slugify(title)[:60]}-{number}",
                        "published_at": timezone.make_aware(
                            datetime.datetime.combine(day, datetime.time(9, 0))
                        ),
                        "summary": f"{sentence(rng, 20)[:-1]}, autour de « {topic} ».",
                        "published_on": day,
                        "body": body(rng),
                        "category_id": categories[number % len(categories)].pk,
                        "listing_image_id": self.covers[number % len(self.covers)].pk,
                    }
                )
            news = writer.add(NewsPage, items)
            links = []
            for page in news:
                for tag in rng.sample(tags, 3):
                    links.append(NewsPageTag(content_object_id=page.pk, tag_id=tag.pk))
            NewsPageTag.objects.bulk_create(links, batch_size=BATCH)
            self.stdout.write(f"    {start + len(news)} / {missing}")
        writer.finish()

    def load_stories(self, total, organisations, sectors):
        index = StoryIndexPage.objects.get()
        missing = total - StoryPage.objects.count()
        if missing <= 0:
            return
        rng = self.rng
        today = timezone.localdate()
        writer = TreeWriter(index)
        items = []
        for number in range(missing):
            organisation = organisations[number % len(organisations)]
            day = today - datetime.timedelta(days=int(3650 * (1 - number / missing)))
            person = f"Personne {number:03d}"
            items.append(
                {
                    "title": f"{person}, {organisation.name}",
                    "slug": f"portrait-{number:03d}",
                    "published_at": timezone.make_aware(
                        datetime.datetime.combine(day, datetime.time(9, 0))
                    ),
                    "summary": sentence(rng, 20),
                    "published_on": day,
                    "person_name": person,
                    "person_role": "Direction",
                    "organisation_id": organisation.pk,
                    "sector_id": organisation.sector_id or sectors[0].pk,
                    "portrait_image_id": self.portraits[number % len(self.portraits)].pk,
                    "pull_quote": sentence(rng, 15),
                    "body": body(rng),
                }
            )
        writer.add(StoryPage, items)
        writer.finish()

    def load_commissions(self, total, minutes_total, organisations):
        index = CommissionIndexPage.objects.get()
        rng = self.rng
        writer = TreeWriter(index)
        now = timezone.now()
        missing = total - CommissionPage.objects.count()
        if missing > 0:
            commissions = writer.add(
                CommissionPage,
                [
                    {
                        "title": f"Commission thématique {number:02d}",
                        "slug": f"commission-{number:02d}",
                        "published_at": now,
                        "theme": sentence(rng, 5),
                        "description": f"<p>{sentence(rng, 30)}</p>",
                        "lead_organisation_id": organisations[number].pk,
                    }
                    for number in range(missing)
                ],
            )
            through = CommissionPage.member_organisations.through
            through.objects.bulk_create(
                [
                    through(commissionpage_id=c.pk, organisation_id=o.pk)
                    for c in commissions
                    for o in rng.sample(organisations, 8)
                ]
            )
            writer.finish()

        commissions = list(CommissionPage.objects.order_by("path"))
        missing = minutes_total - CommissionMinutesPage.objects.count()
        if missing <= 0:
            return
        collection = Collection.objects.get(name="Espace membres")
        files = self.shared_document_files(collection)
        per_commission = -(-missing // len(commissions))
        created = []
        for position, commission in enumerate(commissions):
            count = min(per_commission, missing - len(created))
            if count <= 0:
                break
            writer = TreeWriter(commission)
            items = []
            for number in range(count):
                meeting = datetime.date(2016, 1, 10) + datetime.timedelta(
                    days=30 * number + position
                )
                items.append(
                    {
                        "title": f"Réunion du {meeting:%d/%m/%Y}",
                        "slug": f"compte-rendu-{meeting.isoformat()}-{number}",
                        "published_at": timezone.make_aware(
                            datetime.datetime.combine(meeting, datetime.time(18, 0))
                        ),
                        "meeting_date": meeting,
                        "place": "Limoges",
                        "attendees": "Dominique Conseil\nClaude Technique",
                        "agenda": f"<ol><li>{sentence(rng, 8)}</li></ol>",
                        "decisions": f"<p>{sentence(rng, 40)}</p>",
                        "commission_page_id": commission.pk,
                    }
                )
            created += writer.add(CommissionMinutesPage, items)
            writer.finish()
        # One document per minutes, as editors upload them; the files themselves are shared.
        documents = SiteDocument.objects.bulk_create(
            [
                SiteDocument(
                    title=f"Compte rendu {page.pk}",
                    file=files[number % len(files)],
                    file_size=1000,
                    file_hash="",
                    collection=collection,
                )
                for number, page in enumerate(created)
            ],
            batch_size=BATCH,
        )
        MinutesAttachment.objects.bulk_create(
            [
                MinutesAttachment(
                    page_id=page.pk, document_id=doc.pk, title="Compte rendu", sort_order=0
                )
                for page, doc in zip(created, documents, strict=True)
            ],
            batch_size=BATCH,
        )
        # Actions in every state, some late, owned by the commissions' organisations.
        statuses = [s.value for s in MinutesActionItem.Status]
        MinutesActionItem.objects.bulk_create(
            [
                MinutesActionItem(
                    page_id=page.pk,
                    description=sentence(rng, 8),
                    decision=sentence(rng, 10),
                    owner="COTECH",
                    owner_organisation_id=organisations[number % len(organisations)].pk,
                    due_on=page.meeting_date + datetime.timedelta(days=30 + number % 90),
                    status=statuses[number % len(statuses)],
                    sort_order=0,
                )
                for number, page in enumerate(created)
            ],
            batch_size=BATCH,
        )
        through = CommissionMinutesPage.attending_organisations.through
        through.objects.bulk_create(
            [
                through(commissionminutespage_id=page.pk, organisation_id=o.pk)
                for page in created
                for o in rng.sample(organisations, 3)
            ],
            batch_size=BATCH,
        )
        self.step(f"Index des références des comptes rendus ({len(created)})")
        self.index_references(created)

    def load_events(self, total, organisations, sectors):
        """Half public events, half member events (every audience, commissions' meetings),
        over the past four years and the year to come."""
        rng = self.rng
        today = timezone.localdate()
        commissions = list(CommissionPage.objects.order_by("path"))
        kinds = [kind.value for kind in EventPage.Kind]
        audiences = [audience.value for audience in MemberEventPage.Audience]
        for model, index in (
            (EventPage, AgendaIndexPage.objects.get()),
            (MemberEventPage, MemberAgendaPage.objects.get()),
        ):
            missing = total // 2 - model.objects.exact_type(model).count()
            if missing <= 0:
                continue
            writer = TreeWriter(index)
            items = []
            for number in range(missing):
                day = today + datetime.timedelta(days=365 - int(1825 * number / missing))
                start = datetime.time(9 + number % 9, 30 * (number % 2))
                item = {
                    "title": f"{sentence(rng, 5)[:-1]} ({number})",
                    "slug": f"evenement-{model._meta.model_name}-{number:04d}",
                    "published_at": timezone.now(),
                    "summary": sentence(rng, 20),
                    "kind": kinds[number % len(kinds)],
                    "sector_id": sectors[number % len(sectors)].pk,
                    "start_date": day,
                    "start_time": start,
                    "end_time": datetime.time(start.hour + 2, start.minute),
                    "starts_at": local_moment(day, start),
                    "ends_at": local_moment(day, datetime.time(start.hour + 2, start.minute)),
                    "place_name": "Hôtel de Limoges Métropole",
                    "city": "Limoges",
                    "organiser_id": organisations[number % len(organisations)].pk,
                    "registration": "open" if number % 4 == 0 else "none",
                    "capacity": 50 if number % 8 == 0 else None,
                    "body": body(rng, 2),
                }
                if model is MemberEventPage:
                    audience = audiences[number % len(audiences)]
                    item["audience"] = audience
                    if audience == MemberEventPage.Audience.COMMISSION:
                        item["commission_id"] = commissions[number % len(commissions)].pk
                items.append(item)
            writer.add(model, items)
            writer.finish()

    def index_references(self, minutes):
        """Wagtail's reference index for each minutes, through Wagtail's own public call.

        Document downloads find the pages using a document through this index.
        """
        for page in CommissionMinutesPage.objects.filter(pk__in=[m.pk for m in minutes]):
            ReferenceIndex.create_or_update_for_object(page)

    def shared_document_files(self, collection):
        """A handful of real PDF files that every generated minutes document points to."""
        names = []
        for number in range(SHARED_DOCUMENT_FILES):
            document = SiteDocument(title=f"Modèle de compte rendu {number}", collection=collection)
            pdf = simple_pdf(
                f"Compte rendu type {number}",
                [sentence(self.rng, 60) for _ in range(20)],
            )
            document.file.save(f"compte-rendu-{number}.pdf", ContentFile(pdf), save=False)
            document.save()
            names.append(document.file.name)
        return names

    def load_drafts(self, total):
        index = StrategyDraftIndexPage.objects.get()
        existing = StrategyDraftPage.objects.count()
        last = StrategyDraftPage.objects.order_by("-version_number").first()
        version = last.version_number if last else 0
        for _ in range(total - existing):
            version += 1
            page = StrategyDraftPage(
                title=f"Stratégie d'attractivité, version {version}",
                slug=f"version-{version}",
                version_number=version,
                status=StrategyDraftPage.Status.WORKING,
                summary=sentence(self.rng, 20),
                body=body(self.rng, 8),
            )
            index.add_child(instance=page)
            page.save_revision().publish()

    def index_for_search(self):
        backend = get_search_backend()
        for model in (
            NewsPage,
            StoryPage,
            CommissionPage,
            CommissionMinutesPage,
            EventPage,
            MemberEventPage,
            Organisation,
        ):
            pks = list(model.objects.values_list("pk", flat=True))
            self.step(f"Index de recherche : {model._meta.verbose_name_plural} ({len(pks)})")
            for start in range(0, len(pks), BATCH):
                chunk = pks[start : start + BATCH]
                backend.add_bulk(model, list(model.get_indexed_objects().filter(pk__in=chunk)))
                if len(pks) > BATCH:
                    self.stdout.write(f"    {start + len(chunk)} / {len(pks)}")

    def generate_renditions(self):
        """Renditions of listing images, made once so that listings never wait for an encoder."""
        plans = listing_rendition_plans()
        count = sum(len(images) * len(specs) for images, specs in plans)
        self.step(f"Déclinaisons d'images AVIF, WebP et JPEG ({count})")
        generate_renditions(plans)

    def check_tree(self):
        self.step("Vérification de l'arbre des pages")
        # treebeard's find_problems() takes minutes on 12,000 pages; the same invariants,
        # checked in three queries.
        with connection.cursor() as cursor:
            for label, sql in TREE_CHECKS.items():
                cursor.execute(sql)
                if wrong := [row[0] for row in cursor.fetchall()]:
                    raise CommandError(f"Arbre des pages incohérent ({label}) : {wrong[:10]}")
        sample = NewsPage.objects.order_by("?").first()
        components = sample.url_path[len(self.home.url_path) :].strip("/").split("/")
        routed = self.home.route(RequestFactory().get("/"), components)
        if routed.page.pk != sample.pk:
            raise CommandError(f"Routage incorrect pour {sample.url_path}")
