"""Time each public page without Redis, page cache or fragment cache, and say where it goes.

`python bench/pagetimes.py [--cprofile NAME]` against the benchmark database:
the test client, production settings, local-memory cache, caches of whole pages and of
fragments off — what `make run` does on a large archive. Prints p50, queries and SQL time per
page; with --cprofile, the functions that cost the most on one page.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-secret-key-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cms_bench")
os.environ.setdefault("MEDIA_ROOT", "/tmp/cms-bench/media")
os.environ.setdefault("STATIC_ROOT", "/tmp/cms-bench/static")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("TASKS_BACKEND", "immediate")

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=15)
parser.add_argument("--cprofile", help="name of the page to profile")
parser.add_argument(
    "--only", help="page names separated by semicolons (or commas, when no name has one)"
)
parser.add_argument("--queries", help="name of the page whose SQL queries to list")
parser.add_argument("--url", action="append", default=[], help="an extra address to time")
parser.add_argument("--member", help="time the member pages signed in as this e-mail address")
parser.add_argument("--redis", help="production's shared cache (fragments on) at this URL")
options = parser.parse_args()

# make run's defaults: no Redis, so neither whole pages nor fragments are cached; --redis
# measures production's settings, whole pages still off.
os.environ.pop("REDIS_URL", None)
os.environ["PAGE_CACHE_ENABLED"] = "false"
os.environ["FRAGMENT_CACHE_ENABLED"] = "false"
if options.redis:
    os.environ["REDIS_URL"] = options.redis
    os.environ["FRAGMENT_CACHE_ENABLED"] = "true"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.probe import MEMBERS, addresses  # noqa: E402


class QueryTimer:
    """Times each SQL query to the microsecond (Django's own log rounds to the millisecond)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - started) * 1000, sql))

    @property
    def total(self):
        return sum(duration for duration, _ in self.queries)


def timed(client, url, runs):
    durations, cpu, sql = [], [], []
    for _ in range(3):
        client.get(url, secure=True)
    for _ in range(runs):
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)
            durations.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} : {response.status_code}")
        sql.append(timer.total)
    return {
        "p50": statistics.median(durations),
        "cpu": statistics.median(cpu),
        "queries": len(timer.queries),
        "sql": statistics.median(sql),
    }


def main():
    found = addresses()
    client = Client(HTTP_HOST="127.0.0.1")
    if options.member:
        from members.models import User

        # As the sign-in form does: the account is then read with its groups (members.backends).
        client.force_login(
            User.objects.get(email=options.member), backend="members.backends.MemberBackend"
        )
        kind = next(k for k, email in MEMBERS.items() if email == options.member)
        urls = {**found["members"][kind], **{url: url for url in options.url}}
    else:
        urls = {**found["public"], **{url: url for url in options.url}}
    if options.only:
        separator = ";" if ";" in options.only else ","
        urls = {name: urls[name] for name in options.only.split(separator)}
    if options.queries:
        url = urls[options.queries]
        # Warm, as a worker is: its repeated statements prepared (core.postgresql).
        timed(client, url, 10)
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            client.get(url, secure=True)
        for duration, sql in timer.queries:
            # The selected columns say little; what follows FROM says which query it is.
            print(f"{duration:6.2f} ms  {sql[sql.find(' FROM ') :][:400]}")
        return
    if options.cprofile:
        url = urls[options.cprofile]
        timed(client, url, 2)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(options.runs):
            client.get(url, secure=True)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
        stats.print_stats(os.environ.get("PROFILE_FILTER", ""), 45)
        return
    # CPU time is this process's own (Python), wall time adds the database and any wait.
    print("| page | p50 ms | CPU ms | queries | SQL ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, url in urls.items():
        t = timed(client, url, options.runs)
        print(
            f"| {name} | {t['p50']:.1f} | {t['cpu']:.1f} | {t['queries']} | {t['sql']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
