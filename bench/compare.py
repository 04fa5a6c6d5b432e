"""Compare two `make bench` runs (their results.json): requests per second and p99 per page.

python bench/compare.py /tmp/cms-bench/avant.json /tmp/cms-bench/results.json
"""

import json
import sys
from pathlib import Path


def load(path):
    return json.loads(Path(path).read_text())


def main(before_path, after_path):
    before, after = load(before_path), load(after_path)
    print("| page | mode | req/s avant | req/s après | p99 avant | p99 après |")  # noqa: T201
    print("| --- | --- | ---: | ---: | ---: | ---: |")  # noqa: T201
    for name, figures in after["pages"].items():
        old = before["pages"].get(name)
        for mode in ("cached", "uncached"):
            new = figures[mode]
            if new is None:
                # Signed-in pages are measured once, in production's mode.
                continue
            previous = old.get(mode) if old else None
            print(  # noqa: T201
                f"| {name} | {mode} | {previous['rps']:.0f} | {new['rps']:.0f} "
                f"| {previous['p99']:.1f} | {new['p99']:.1f} |"
                if previous
                else f"| {name} | {mode} | — | {new['rps']:.0f} | — | {new['p99']:.1f} |"
            )
    rendering = after.get("rendering_without_redis") or {}
    if rendering:
        # Older runs did not time the pages in process: their column stays empty.
        old_rendering = before.get("rendering_without_redis") or {}
        print()  # noqa: T201
        print("| page sans Redis | p50 avant | p50 après | requêtes avant | requêtes après |")  # noqa: T201
        print("| --- | ---: | ---: | ---: | ---: |")  # noqa: T201
        for name, new in rendering.items():
            old = old_rendering.get(name)
            print(  # noqa: T201
                f"| {name} | {old['p50']:.1f} | {new['p50']:.1f} | {old['queries']} "
                f"| {new['queries']} |"
                if old
                else f"| {name} | — | {new['p50']:.1f} | — | {new['queries']} |"
            )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("Usage : python bench/compare.py avant.json apres.json")
    main(sys.argv[1], sys.argv[2])
