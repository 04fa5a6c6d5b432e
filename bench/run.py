"""`make bench`: load the large data set, serve it with gunicorn, measure, print one table.

Everything runs on this machine and talks over loopback only. Steps:

1. recreate the benchmark database (`BENCH_DATABASE_URL`), migrate it and load the data set
   with `manage.py load_bench_data` (timed);
2. collect static files and count each page's SQL queries (bench/probe.py);
3. serve, one after the other and with the same gunicorn settings (2 sync workers): the
   ceiling (a bare Django view, bench/ceiling.py), the site with its page cache on (Redis)
   and the site with it off;
4. load each address with wrk (or a small Python load generator when wrk is missing) and
   print requests per second, p50 and p99 latency, errors, the ratio to the ceiling and the
   query count; then the memory of a worker and the loading time.

Settings (environment): BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SECONDS (per address),
BENCH_CONNECTIONS, BENCH_WORKDIR, BENCH_SKIP_LOAD=1 (reuse the loaded database).
"""

import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(Path(sys.executable))
BIN = Path(sys.executable).parent

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cms_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKDIR = Path(os.environ.get("BENCH_WORKDIR", "/tmp/cms-bench"))
SKIP_LOAD = os.environ.get("BENCH_SKIP_LOAD", "") in {"1", "true", "yes"}
WORKERS = 2
PORTS = {"ceiling": 8131, "cached": 8132, "uncached": 8133}
HOST = "127.0.0.1"
# The site runs as behind a proxy that terminates TLS: plain HTTP on loopback, this header set.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

SITE_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "bench-only-throwaway-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CSRF_TRUSTED_ORIGINS": ",".join(f"https://127.0.0.1:{port}" for port in PORTS.values()),
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "BEHIND_TLS_PROXY": "true",
    "MEDIA_ROOT": str(WORKDIR / "media"),
    "STATIC_ROOT": str(WORKDIR / "static"),
    "LOG_LEVEL": "ERROR",
    "TASKS_BACKEND": "immediate",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def say(text):
    print(text, flush=True)


def env(**extra):
    return {**os.environ, **SITE_ENV, **extra}


def manage(*args, **extra):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env(**extra), check=True)


# Preparation


def ensure_wrk():
    """wrk from Debian when it can be had; None means the Python load generator is used."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("wrk absent : installation du paquet Debian…")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, **quiet)
    if shutil.which("wrk"):
        return shutil.which("wrk")
    say("wrk introuvable : générateur de charge en Python (chiffres plus bas que wrk).")
    return None


def ensure_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if not shutil.which("redis-server"):
            raise SystemExit(f"Redis injoignable ({REDIS_URL}) et redis-server absent.") from None
        say("Démarrage de Redis sur 127.0.0.1:6379…")
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379"]
            + ["--save", "", "--appendonly", "no"],
            check=True,
        )
        time.sleep(0.5)
        client.ping()
    return client


def recreate_database():
    import psycopg

    url = urllib.parse.urlsplit(DATABASE_URL)
    name = url.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"La base du banc d'essai doit contenir « bench » : {name}")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare():
    timings = {}
    if SKIP_LOAD:
        say("BENCH_SKIP_LOAD : base existante réutilisée.")
    else:
        shutil.rmtree(WORKDIR / "media", ignore_errors=True)
        say(f"== Base {DATABASE_URL} : recréation et migrations")
        started = time.monotonic()
        recreate_database()
        manage("migrate", "--noinput", "-v", "0")
        timings["migrations"] = time.monotonic() - started
        say("== Chargement du jeu de données")
        started = time.monotonic()
        manage("load_bench_data")
        timings["chargement"] = time.monotonic() - started
    say("== collectstatic")
    manage("collectstatic", "--noinput", "-v", "0")
    return timings


def probe():
    say("== Adresses et requêtes SQL de chaque page")
    result = subprocess.run(
        [PYTHON, "bench/probe.py"],
        cwd=ROOT,
        env=env(PAGE_CACHE_ENABLED="false"),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# Servers


class Server:
    """One gunicorn with the benchmark's worker settings, stopped by its own process id."""

    def __init__(self, name, app, port, **extra_env):
        self.name, self.port = name, port
        log = open(WORKDIR / f"gunicorn-{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.log = log
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), app, "--workers", str(WORKERS), "--worker-class", "sync"]
            + ["--bind", f"{HOST}:{port}", "--no-control-socket", "--log-level", "warning"],
            cwd=ROOT,
            env=env(**extra_env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def wait_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn {self.name} s'est arrêté : voir {self.log.name}")
            try:
                request("GET", self.port, "/static/does-not-exist")
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn {self.name} ne répond pas")

    def worker_rss_mb(self):
        """Resident memory of each worker (children of the master), in MiB."""
        sizes = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                status = (stat.parent / "status").read_text()
                kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
                sizes.append(kib / 1024)
        return sizes

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def request(method, port, path, headers=None, body=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={**PROXY_HEADERS, **(headers or {})})
        response = conn.getresponse()
        content = response.read()
        return response, content
    finally:
        conn.close()


def sign_in(port, email, password):
    """The session cookie of a member, signed in through the real form."""
    response, content = request("GET", port, "/connexion/")
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": email, "password": password}
    )
    response, _ = request(
        "POST",
        port,
        "/connexion/",
        headers={
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}:{port}",
            "Referer": f"https://{HOST}:{port}/connexion/",
        },
        body=form,
    )
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    if response.status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"Connexion de {email} impossible ({response.status})")
    return f"sessionid={cookies['sessionid'].value}"


# Load


def parse_duration(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(wrk, port, path, headers):
    command = [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s"]
    for name, value in {**PROXY_HEADERS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    socket_errors = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
    if match := re.search(socket_errors, output):
        # Sync workers close each connection; wrk counts some of those closes as read errors.
        errors += int(match.group(1)) + int(match.group(3)) + int(match.group(4))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": parse_duration(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": parse_duration(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": errors,
    }


def run_python_load(port, path, headers):
    """A bounded fallback load generator: CONNECTIONS threads for SECONDS seconds."""
    latencies, errors = [], [0]
    deadline = time.monotonic() + SECONDS
    lock = threading.Lock()

    def worker():
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                response, _ = request("GET", port, path, headers)
                ok = response.status < 400
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": len(latencies) / SECONDS,
        "p50": statistics.median(latencies),
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "errors": errors[0],
    }


def measure(wrk, port, path, headers=None):
    headers = headers or {}
    # Warm-up: renditions, Wagtail's caches, the page cache; the last answer says how it went.
    for _ in range(3):
        response, _ = request("GET", port, path, headers)
    status, cache_state = response.status, response.getheader("X-Cache", "—")
    if status != 200:
        raise SystemExit(f"{path} : statut {status} pendant la mise en route")
    result = run_wrk(wrk, port, path, headers) if wrk else run_python_load(port, path, headers)
    return {**result, "cache": cache_state}


# Report


NAME_WIDTH = 38


def table(rows, ceiling, queries):
    header = (
        f"{'page':<{NAME_WIDTH}} | {'cache on: req/s':>15} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'err':>4} {'ratio':>6} {'X-Cache':>7} | {'cache off: req/s':>16} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'err':>4} {'ratio':>6} | {'SQL':>4}"
    )
    lines = [header, "-" * len(header)]
    for name, cached, uncached in rows:
        sql = queries.get(name, "—")
        line = (
            f"{name:<{NAME_WIDTH}} | {cached['rps']:>15.0f} {cached['p50']:>7.2f} "
            f"{cached['p99']:>7.2f} {cached['errors']:>4} {cached['rps'] / ceiling['rps']:>6.0%} "
            f"{cached['cache']:>7} | "
        )
        if uncached is None:
            line += f"{'—':>16} {'':>7} {'':>7} {'':>4} {'':>6} | {sql:>4}"
        else:
            line += (
                f"{uncached['rps']:>16.0f} {uncached['p50']:>7.2f} {uncached['p99']:>7.2f} "
                f"{uncached['errors']:>4} {uncached['rps'] / ceiling['rps']:>6.0%} | {sql:>4}"
            )
        lines.append(line)
    lines.append(
        f"{'Plafond (vue Django nue)':<{NAME_WIDTH}} | {ceiling['rps']:>15.0f} "
        f"{ceiling['p50']:>7.2f} {ceiling['p99']:>7.2f} {ceiling['errors']:>4} {1:>6.0%} "
        f"{'—':>7} |"
    )
    return "\n".join(lines)


def markdown_table(rows, ceiling, queries):
    """The same figures as `table`, as a Markdown table for a closing note or an issue."""
    lines = [
        "| page | cache on: req/s | p50 ms | p99 ms | ratio | cache off: req/s | p50 ms "
        "| p99 ms | ratio | SQL |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, cached, uncached in rows:
        line = (
            f"| {name} | {cached['rps']:.0f} | {cached['p50']:.1f} | {cached['p99']:.1f} "
            f"| {cached['rps'] / ceiling['rps']:.0%} "
        )
        if uncached is None:
            line += "| — | | | "
        else:
            line += (
                f"| {uncached['rps']:.0f} | {uncached['p50']:.1f} | {uncached['p99']:.1f} "
                f"| {uncached['rps'] / ceiling['rps']:.0%} "
            )
        lines.append(line + f"| {queries.get(name, '—')} |")
    lines.append(
        f"| Plafond (vue Django nue) | {ceiling['rps']:.0f} | {ceiling['p50']:.1f} "
        f"| {ceiling['p99']:.1f} | 100% | | | | | |"
    )
    return "\n".join(lines)


# Issue #14's targets, read off the same run.
MEMBER_P99_TARGET_MS = 100
CACHED_RATIO_TARGET = 0.75
# Public pages rendered in process without Redis (make run's defaults): p50, of so many.
RENDER_P50_TARGET_MS = 30
RENDER_RUNS = 30


def verdicts(rows, ceiling, member_labels):
    """One line per target: met or not, with the figures that decide it."""
    members = [(name, cached) for name, cached, _ in rows if name in member_labels]
    slow = [
        f"{name} {cached['p99']:.0f} ms"
        for name, cached in members
        if cached["p99"] >= MEMBER_P99_TARGET_MS
    ]
    public = [(name, cached) for name, cached, uncached in rows if uncached is not None]
    low = [
        f"{name} {cached['rps'] / ceiling['rps']:.0%}"
        for name, cached in public
        if name != "Fichier statique" and cached["rps"] / ceiling["rps"] < CACHED_RATIO_TARGET
    ]
    return [
        f"Pages connectées, p99 < {MEMBER_P99_TARGET_MS} ms : "
        + ("atteint" if not slow else "non atteint (" + ", ".join(slow) + ")"),
        f"Pages publiques en cache ≥ {CACHED_RATIO_TARGET:.0%} de la vue nue : "
        + ("atteint" if not low else "non atteint (" + ", ".join(low) + ")"),
    ]


def render_without_redis():
    """`bench/pagetimes.py` on the same data: each public page rendered in process without
    Redis, page cache or fragments (`make run`'s defaults), as {page: figures}."""
    output = subprocess.run(
        [PYTHON, "bench/pagetimes.py", "--runs", str(RENDER_RUNS)],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] != "page" and not cells[0].startswith("-"):
            p50, cpu, count, sql = cells[1:]
            pages[cells[0]] = {
                "p50": float(p50),
                "cpu": float(cpu),
                "queries": int(count),
                "sql": float(sql),
            }
    return pages


def render_verdict(pages):
    slow = [
        f"{name} {page['p50']:.1f} ms"
        for name, page in pages.items()
        if page["p50"] >= RENDER_P50_TARGET_MS
    ]
    return f"Pages publiques sans Redis (en processus), p50 < {RENDER_P50_TARGET_MS} ms : " + (
        "atteint" if pages and not slow else "non atteint (" + ", ".join(slow) + ")"
    )


def render_table(pages):
    lines = ["| page | p50 ms | CPU ms | queries | SQL ms |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, page in pages.items():
        lines.append(
            f"| {name} | {page['p50']:.1f} | {page['cpu']:.1f} | {page['queries']} "
            f"| {page['sql']:.1f} |"
        )
    return "\n".join(lines)


def as_json(rows, ceiling, queries, memory, load, timings, targets, rendering=None):
    """Every figure of the run in one document, for `bench/compare.py`."""
    return {
        "run_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "setup": {
            "workers": WORKERS,
            "connections": CONNECTIONS,
            "seconds": SECONDS,
            "cpus": os.cpu_count(),
        },
        "ceiling": ceiling,
        "pages": {
            name: {"cached": cached, "uncached": uncached, "sql": queries.get(name)}
            for name, cached, uncached in rows
        },
        "targets": targets,
        "rendering_without_redis": rendering or {},
        "memory_mb": {mode: max(sizes) for mode, sizes in memory.items() if sizes},
        "load": load,
        "loading_seconds": timings or {},
    }


def main():
    WORKDIR.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)
    wrk = ensure_wrk()
    redis_client = ensure_redis()
    timings = prepare()
    found = probe()
    urls, counts = found["urls"], found["queries"]
    queries = dict(counts["public"])
    member_password = os.environ.get("DEMO_PASSWORD", "limoges-demo-2023")

    say(f"== Plafond : vue Django nue, {WORKERS} workers sync, {CONNECTIONS} connexions")
    ceiling_server = Server("ceiling", "bench.ceiling:application", PORTS["ceiling"])
    try:
        ceiling = measure(wrk, PORTS["ceiling"], "/")
    finally:
        ceiling_server.stop()

    results, memory, load = {}, {}, [os.getloadavg()[0]]
    for mode, enabled in (("cached", "true"), ("uncached", "false")):
        redis_client.flushdb()
        # Off means whole pages only: fragments stay on, as they do in production.
        say(f"== Site, cache de pages {'activé' if enabled == 'true' else 'désactivé'}")
        server = Server(mode, "cms.wsgi:application", PORTS[mode], PAGE_CACHE_ENABLED=enabled)
        try:
            results[mode] = {}
            for name, path in {**urls["public"], **urls["static"]}.items():
                results[mode][name] = measure(wrk, server.port, path)
                say(f"  {name:<36} {results[mode][name]['rps']:8.0f} req/s")
            if mode == "cached":
                # Signed-in pages never come from the page cache: measured once, with
                # production's settings, for each kind of member.
                for kind, email in found["members"].items():
                    session = sign_in(server.port, email, member_password)
                    for name, path in urls["members"][kind].items():
                        label = f"{name} ({kind})"
                        results[mode][label] = measure(wrk, server.port, path, {"Cookie": session})
                        queries[label] = counts[kind][name]
                        say(f"  {label:<36} {results[mode][label]['rps']:8.0f} req/s")
            memory[mode] = server.worker_rss_mb()
            load.append(os.getloadavg()[0])
        finally:
            server.stop()

    # After the servers: nothing else shares the cores while pages are timed in process.
    say(f"== Pages publiques sans Redis, en processus ({RENDER_RUNS} rendus chacune)")
    rendering = render_without_redis()

    member_labels = set(results["cached"]) - set(results["uncached"])
    rows = [
        (name, results["cached"][name], results["uncached"].get(name)) for name in results["cached"]
    ]
    report = [
        "",
        f"Banc d'essai : gunicorn {WORKERS} workers sync, wrk {CONNECTIONS} connexions "
        f"× {SECONDS} s par adresse, boucle locale, {os.cpu_count()} cœurs",
        "",
        table(rows, ceiling, queries),
        "",
        *verdicts(rows, ceiling, member_labels),
        render_verdict(rendering),
        "",
        render_table(rendering),
        "",
        "Mémoire d'un worker après la mesure (RSS) : "
        + ", ".join(f"{mode} {max(sizes):.0f} Mio" for mode, sizes in memory.items() if sizes),
    ]
    # Other processes on the machine share its cores with the server and wrk.
    report.append(
        "Charge moyenne de la machine (1 min) : "
        + " → ".join(f"{value:.1f}" for value in load)
        + f" (pour {os.cpu_count()} cœurs)"
    )
    if timings:
        report.append(
            "Chargement : "
            + ", ".join(f"{step} {seconds:.0f} s" for step, seconds in timings.items())
        )
    text = "\n".join(report)
    say(text)
    markdown = markdown_table(rows, ceiling, queries)
    say("\n" + markdown)
    (WORKDIR / "results.txt").write_text(text + "\n\n" + markdown + "\n")
    targets = [*verdicts(rows, ceiling, member_labels), render_verdict(rendering)]
    document = as_json(rows, ceiling, queries, memory, load, timings, targets, rendering)
    (WORKDIR / "results.json").write_text(json.dumps(document, indent=2, ensure_ascii=False))
    say(
        f"\n(copies dans {WORKDIR / 'results.txt'} et {WORKDIR / 'results.json'} ; "
        "comparer deux passages : python bench/compare.py avant.json apres.json)"
    )


if __name__ == "__main__":
    main()
