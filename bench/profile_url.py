"""CPU time, queries and (with --profile) a cProfile of one URL, in-process with the test client.

Against the database that `bench/run.py --setup-only` keeps, with the app's environment, e.g.:

    OU_BENCH_DB=ou_prof .venv/bin/python bench/run.py --setup-only > /tmp/prof.json
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ou_prof SECRET_KEY=x DEBUG=0 \\
      ALLOWED_HOSTS=127.0.0.1 PUBLIC_PAGE_CACHE_SECONDS=0 STAFF_2FA_REQUIRED=1 \\
      UITDAAGRECHT_VAR_DIR=/tmp/profvar .venv/bin/python bench/profile_url.py /amsterdam/ \\
      [--staff /tmp/prof.json] [--n 10] [--profile] [--top 25]

(`uitdaagrecht collectstatic` once in that environment first.) --staff takes what --setup-only
printed: its last line holds the coordinator's cookie.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--staff", type=Path, help="the output of run.py --setup-only")
    parser.add_argument("--n", type=int, default=10, help="requests measured")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitdaagrecht.conf.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    headers = {}
    if args.staff:
        headers["HTTP_COOKIE"] = json.loads(args.staff.read_text().splitlines()[-1])["cookie"]
    client = Client(SERVER_NAME="127.0.0.1", **headers)
    first = client.get(args.url)  # warm: templates, caches
    assert first.status_code == 200, (first.status_code, first.get("Location"))
    times = []
    for _ in range(args.n):
        start = time.process_time()
        client.get(args.url)
        times.append(time.process_time() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(args.url)
    print(
        f"{args.url}: cpu median {statistics.median(times) * 1000:.1f} ms "
        f"(fastest {min(times) * 1000:.1f}), "
        f"{len(queries)} queries, {len(first.content)} bytes"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.n):
            client.get(args.url)
        profile.disable()
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
