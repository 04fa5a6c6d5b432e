#!/usr/bin/env python3
"""Load and database-restart check of the site as production serves it, on this machine only.

    .venv/bin/python scripts/resilience.py [--duration 60] [--connections 64]

1. Creates a private PostgreSQL cluster `resilience` on port 5433 (so that stopping it
   disturbs nobody; `--main-cluster` uses the shared one on 5432 instead, and refuses while
   other databases are in use), the database `cms_resilience` in it, migrates it, loads the
   demo content and collects static files into a temporary folder.
2. Starts gunicorn with the production settings on 127.0.0.1 (plain HTTP: a throwaway
   SECRET_KEY, SECURE_SSL_REDIRECT=false), 4 workers.
3. Phase 1: wrk holds 64 connections for 60 seconds on a mix of public pages and counts
   the answers by status: none may be a 5xx.
4. Phase 2: the same load again; 10 s in, PostgreSQL is stopped, a join-the-club form is
   sent during the outage, and 10 s later PostgreSQL is started again. A probe requests the
   home page continuously to time how long the site takes to answer normally once the
   database is back (it must be under 5 s, without restarting gunicorn). The form sent
   during the outage must be either stored or answered with the French « réessayez » page.

PostgreSQL is always started again at the end, even when the check fails or is
interrupted, and the private cluster is then dropped. Traffic goes to 127.0.0.1 only,
and every loop is bounded in time. Needs wrk (`apt-get install -y wrk`) and Debian's
PostgreSQL tools (pg_createcluster, pg_ctlcluster; see TESTING.md).
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATABASE = "cms_resilience"
HOST = "127.0.0.1"
# A throwaway cluster of our own by default: stopping it disturbs nobody's tests.
CLUSTER = {"name": "resilience", "port": "5433"}
PG = ["-h", HOST, "-p", CLUSTER["port"], "-U", "postgres"]
RECOVERY_LIMIT_S = 5.0
VALID_SIRET = "732 829 320 00074"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command, **kwargs):
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def cluster_version():
    versions = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
    return versions[-1]


def postgres_ready():
    return (
        subprocess.run(
            ["pg_isready", "-q", "-h", HOST, "-p", CLUSTER["port"]], check=False
        ).returncode
        == 0
    )


def postgres(action):
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), CLUSTER["name"], action],
        check=True,
        capture_output=True,
    )


def cluster_exists():
    output = run(["pg_lsclusters", "--no-header"]).stdout
    return any(
        line.split()[:2] == [cluster_version(), CLUSTER["name"]] for line in output.splitlines()
    )


def create_own_cluster():
    """A private cluster with trust authentication on the loopback, for this check only."""
    if not cluster_exists():
        log(f"creating PostgreSQL cluster {CLUSTER['name']} on port {CLUSTER['port']}")
        run(
            [
                "pg_createcluster",
                cluster_version(),
                CLUSTER["name"],
                "--port",
                CLUSTER["port"],
                "--",
                "--auth=trust",
            ]
        )
    if not postgres_ready():
        postgres("start")
        wait_for(postgres_ready, timeout=60)


def drop_own_cluster():
    if cluster_exists():
        run(["pg_dropcluster", "--stop", cluster_version(), CLUSTER["name"]])


def other_sessions():
    """Databases of this cluster that someone else is using right now (their connections)."""
    query = (
        "SELECT datname, count(*) FROM pg_stat_activity WHERE datname IS NOT NULL "
        "AND pid <> pg_backend_pid() GROUP BY datname"
    )
    output = run(["psql", *PG, "-d", "postgres", "-tAc", query]).stdout
    return [line for line in output.splitlines() if line.strip() and line.split("|")[0] != DATABASE]


def wait_for(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


class Site:
    """The production settings on a throwaway database, media and static folders."""

    def __init__(self, workdir, port):
        self.port = port
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(workdir),
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": f"postgres://postgres@{HOST}:{CLUSTER['port']}/{DATABASE}",
            # Plain HTTP on the loopback: no TLS proxy in front here.
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "TASKS_BACKEND": "immediate",
            "DEMO_PASSWORD": secrets.token_urlsafe(16),
            "LOG_LEVEL": "ERROR",
        }
        self.server = None
        self.server_log = workdir / "gunicorn.log"

    def manage(self, *args):
        return run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=self.env).stdout

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def prepare(self):
        subprocess.run(["dropdb", *PG, "--if-exists", DATABASE], check=True)
        subprocess.run(["createdb", *PG, DATABASE], check=True)
        log("migrate, load_demo --force, collectstatic")
        self.manage("migrate", "--noinput")
        self.manage("load_demo", "--force")
        self.manage("collectstatic", "--noinput")

    def start(self):
        self.server = subprocess.Popen(
            [
                str(GUNICORN),
                "cms.wsgi",
                "--workers",
                "4",
                "--bind",
                f"{HOST}:{self.port}",
                "--no-control-socket",
                # The first visit of a page draws its image renditions (AVIF, WebP, JPEG),
                # which can take longer than gunicorn's default 30 s on a busy machine.
                "--timeout",
                "180",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.server_log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_for(lambda: self.get("/robots.txt")[0] == 200, timeout=60, interval=0.5):
            status = self.get("/robots.txt")[0]
            tail = "\n".join(self.server_log.read_text(errors="replace").splitlines()[-40:])
            raise RuntimeError(f"gunicorn did not answer 200 on / (got {status}):\n{tail}")
        log(f"gunicorn (4 workers) answers on http://{HOST}:{self.port}/")

    def stop(self):
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)

    def request(self, method, path, body=None, headers=None, timeout=10):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace"), response
        except OSError:
            return None, "", None
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)


def sitemap_paths(site, path):
    status, body, _ = site.get(path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return [urllib.parse.urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", body)]


def public_paths(site):
    """A mix of public pages from the sitemap's sections, plus a search."""
    paths = [
        page
        for section in sitemap_paths(site, "/sitemap.xml")
        for page in sitemap_paths(site, section)
    ]
    return [*paths[:40], "/recherche/?q=limoges", "/recherche/?q=partenaires"]


def warm_up(site, paths):
    """Visit every page once, four at a time, so that image renditions exist: the load then
    measures a site in service, not the one-off drawing of thumbnails."""
    started = time.monotonic()
    pending = list(paths)
    failures = []

    def work():
        while pending:
            try:
                path = pending.pop()
            except IndexError:
                return
            status, _, _ = site.request("GET", path, timeout=300)
            if status != 200:
                failures.append((path, status))

    workers = [threading.Thread(target=work) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=900)
    if failures:
        raise RuntimeError(f"warm-up failed: {failures[:5]}")
    log(f"warm-up: {len(paths)} pages in {time.monotonic() - started:.0f} s")


def run_wrk(site, paths_file, duration, connections):
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        # A slow answer is still an answer: only a server silent for 30 s counts as a timeout.
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "scripts" / "resilience.lua"),
        f"http://{HOST}:{site.port}/",
        "--",
        str(paths_file),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk_result(process, timeout):
    stdout, stderr = process.communicate(timeout=timeout)
    for line in stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"wrk printed no result: {stdout}\n{stderr}")


def server_errors(result):
    return sum(count for status, count in result["statuses"].items() if int(status) >= 500)


class JoinForm:
    """The join-the-club form, fetched while the database is up (CSRF token and sector)."""

    def __init__(self, site):
        self.site = site
        self.url = site.shell(
            "from members.models import JoinClubPage; "
            "print(JoinClubPage.objects.live().first().url)"
        )
        status, body, response = site.get(self.url)
        if status != 200:
            raise RuntimeError(f"{self.url} answered {status}")
        cookie = response.getheader("Set-Cookie", "")
        self.csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        self.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        select = re.search(r'<select name="sector".*?</select>', body, re.S).group(0)
        self.sector = re.findall(r'<option value="(\d+)"', select)[0]

    def send(self, email):
        data = {
            "csrfmiddlewaretoken": self.csrf_token,
            "organisation_name": "Porcelaines de la résilience",
            "siret": VALID_SIRET,
            "sector": self.sector,
            "contact_first_name": "Louise",
            "contact_last_name": "Bernardaud",
            "contact_role": "Directrice",
            "email": email,
            "phone": "05 55 00 00 00",
            "motivation": "Tester la reprise après une panne de la base.",
            "charter_accepted": "on",
            "data_consent": "on",
            "website": "",
        }
        return self.site.request(
            "POST",
            self.url,
            body=urllib.parse.urlencode(data),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={self.csrf_cookie}",
            },
        )

    def stored(self, email):
        return int(
            self.site.shell(
                "from members.models import MembershipApplication as A; "
                f"print(A.objects.filter(email={email!r}).count())"
            )
        )


class Probe(threading.Thread):
    """Requests the home page (which needs the database) one request after the other, and
    keeps (sent, answered, status) for each; a slow answer waits up to 30 s like wrk's."""

    def __init__(self, site, duration):
        super().__init__(daemon=True)
        self.site = site
        self.duration = duration
        self.samples = []

    def run(self):
        deadline = time.monotonic() + self.duration
        while time.monotonic() < deadline:
            sent = time.monotonic()
            status, _, _ = self.site.request("GET", "/", timeout=30)
            self.samples.append((sent, time.monotonic(), status))
            time.sleep(0.1)


def restart_phase(site, paths_file, connections, outage_at=10.0, outage_for=10.0):
    duration = int(outage_at + outage_for + 15)
    form = JoinForm(site)
    # The probe goes on a little after the load, so that its last answers come in.
    probe = Probe(site, duration + 5)
    wrk = run_wrk(site, paths_file, duration, connections)
    probe.start()
    start = time.monotonic()
    time.sleep(outage_at)

    log("stopping PostgreSQL")
    postgres("stop")
    stopped_at = time.monotonic()
    time.sleep(1.5)
    during_email = f"panne-{secrets.token_hex(4)}@example.org"
    form_status, form_body, _ = form.send(during_email)
    log(f"join form sent during the outage: HTTP {form_status}")
    time.sleep(max(0.0, outage_for - (time.monotonic() - stopped_at)))

    log("starting PostgreSQL")
    postgres("start")
    wait_for(postgres_ready, timeout=60)
    back_at = time.monotonic()

    result = wrk_result(wrk, timeout=duration + 60)
    probe.join(timeout=60)

    # Recovered: the first request sent once the database is back gets a normal answer, and
    # so does every later one; the time is from the database's return to that answer.
    sent_after = [
        (sent, answered, status) for sent, answered, status in probe.samples if sent >= back_at
    ]
    failing = [answered for sent, answered, status in sent_after if status != 200]
    first_ok = next(
        (
            answered
            for sent, answered, status in sent_after
            if status == 200 and answered >= max(failing, default=back_at)
        ),
        None,
    )
    outage_statuses = sorted(
        {status for sent, _, status in probe.samples if stopped_at <= sent <= back_at and status}
    )
    after_email = f"apres-{secrets.token_hex(4)}@example.org"
    after_status, _, _ = form.send(after_email)

    return {
        "load": result,
        "outage_seconds": round(back_at - stopped_at, 1),
        "probe_statuses_during_outage": outage_statuses,
        "recovery_seconds": None if first_ok is None else round(first_ok - back_at, 2),
        "probe_samples": len(probe.samples),
        "form_during_outage": {
            "status": form_status,
            "french_retry_message": "réessayez dans quelques instants" in form_body,
            "stored": form.stored(during_email),
        },
        "form_after_recovery": {"status": after_status, "stored": form.stored(after_email)},
        "elapsed_seconds": round(time.monotonic() - start, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="phase 1, seconds (max 300)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--main-cluster",
        action="store_true",
        help="use and restart the shared `main` cluster on port 5432 instead of a private one",
    )
    parser.add_argument(
        "--stop-anyway",
        action="store_true",
        help="with --main-cluster: stop it even if other databases are in use",
    )
    options = parser.parse_args()
    if options.main_cluster:
        CLUSTER.update(name="main", port="5432")
        PG[PG.index("5433")] = "5432"
    duration = min(options.duration, 300)

    if shutil.which("wrk") is None:
        sys.exit("wrk introuvable : apt-get install -y wrk")
    if options.main_cluster:
        if not postgres_ready():
            sys.exit("PostgreSQL ne répond pas sur 127.0.0.1:5432 (voir TESTING.md)")
    else:
        create_own_cluster()
    busy = other_sessions() if options.main_cluster else []
    if busy and not options.stop_anyway:
        # Phase 2 stops the whole cluster: someone's test suite would fail for nothing.
        sys.exit(
            "D'autres bases de ce PostgreSQL sont en cours d'utilisation "
            f"({', '.join(busy)}) : relancez plus tard, ou avec --stop-anyway."
        )

    workdir = Path(tempfile.mkdtemp(prefix="resilience-"))
    site = Site(workdir, options.port)
    # Other work on the machine slows every answer down: the figures say how busy it was.
    report = {"machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()}}
    failures = []
    try:
        site.prepare()
        site.start()
        paths_file = workdir / "paths.txt"
        paths = public_paths(site)
        paths_file.write_text("\n".join(paths) + "\n")
        warm_up(site, paths)
        log(f"phase 1: {options.connections} connections for {duration} s on {len(paths)} pages")
        phase1 = wrk_result(
            run_wrk(site, paths_file, duration, options.connections), timeout=duration + 60
        )
        report["phase1_load"] = phase1
        if server_errors(phase1):
            failures.append(f"phase 1: {server_errors(phase1)} answers were 5xx")

        log("phase 2: the same load, PostgreSQL stopped then started in the middle")
        phase2 = restart_phase(site, paths_file, options.connections)
        report["phase2_database_restart"] = phase2
        if phase2["recovery_seconds"] is None or phase2["recovery_seconds"] > RECOVERY_LIMIT_S:
            failures.append(f"phase 2: recovery took {phase2['recovery_seconds']} s")
        other_5xx = {
            status: count
            for status, count in phase2["load"]["statuses"].items()
            if int(status) >= 500 and status != "503"
        }
        if other_5xx:
            failures.append(f"phase 2: 5xx other than 503 during the outage: {other_5xx}")
        during = phase2["form_during_outage"]
        if not (
            (during["status"] == 302 and during["stored"] == 1)
            or (during["status"] == 503 and during["french_retry_message"] and not during["stored"])
        ):
            failures.append(f"phase 2: the form sent during the outage was mishandled: {during}")
        if phase2["form_after_recovery"] != {"status": 302, "stored": 1}:
            failures.append(f"phase 2: form after recovery: {phase2['form_after_recovery']}")
    finally:
        # Other people's tests use this cluster: it is always running when we leave.
        if not postgres_ready():
            log("starting PostgreSQL again")
            postgres("start")
            wait_for(postgres_ready, timeout=60)
        site.stop()
        if not options.keep_database and postgres_ready():
            subprocess.run(["dropdb", *PG, "--if-exists", DATABASE], check=False)
        if not options.main_cluster and not options.keep_database:
            drop_own_cluster()
        shutil.rmtree(workdir, ignore_errors=True)

    print(json.dumps(report, indent=2, ensure_ascii=False))
    if failures:
        print("ÉCHEC :\n- " + "\n- ".join(failures))
        sys.exit(1)
    print("OK : aucune réponse 5xx sous charge, reprise après redémarrage de PostgreSQL.")


if __name__ == "__main__":
    main()
