"""Benchmark of Open Uitdaagrecht: public pages, logged-in staff pages and API against /healthz,
and the Iv3 import against PostgreSQL's COPY. See bench/README.md.

Run with `.venv/bin/python bench/run.py` (or `make bench`). It needs PostgreSQL on
127.0.0.1:5432 (trust auth, user postgres), Redis on 127.0.0.1:6379 and wrk (installed with
apt-get when missing). It creates the database `ou_bench`, drops it again at the end, and sends
traffic to 127.0.0.1 only.

Throughput is always given as a ratio to /healthz on the same server, measured right before each
URL in the same round, so that the figures compare across machines; the median over the rounds
is reported. A second ratio in CPU time per request stays steady when other programs use the CPU.
"""

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.prefix) / "bin"
if not (BIN / "uitdaagrecht").exists():
    BIN = ROOT / ".venv" / "bin"
IV3_FILE = (
    ROOT / "src/uitdaagrecht/budgets/data/iv3_gemeenten_taakveld_lasten_baten_2023_2025.csv.gz"
)

PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
# OU_BENCH_DB names another database, e.g. to keep a profiling copy beside a running bench.
DB_NAME = os.environ.get("OU_BENCH_DB", "ou_bench")
REDIS_URL = "redis://127.0.0.1:6379/5"
HOST = "127.0.0.1"

# (url, kind). Kinds decide the target; the deep cursor page is added once it is found.
# The pages of the targets; `--more` adds the variants in MORE_PAGES and MORE_API (other
# periods, filters, a language, the feed and the stored open-data files), which keeps the
# default run under 10 minutes.
PAGES = [
    "/",
    "/amsterdam/",
    "/amsterdam/begroting/",
    "/amsterdam/begroting/7.3/",
    "/amsterdam/taken/",
    "/amsterdam/taken/onderhoud-groen-wijk-1/",
    "/amsterdam/kalender/",
    "/amsterdam/uitdagingen/",
    # + the public page of a challenge (CHALLENGE_PAGE), once bench/challenge_data.py chose one
    "/amsterdam/criteria/",
    # Open data (issue 11): the files are written by export_open_data before the servers start.
    "/open-data/",
    "/uitdaagrecht/",  # the national view: every municipality with its challenges per phase
    "/uitdaagrecht/lessen/",  # the library of lessons (the bench data has no evaluations yet)
]
MORE_PAGES = [
    "/?q=beek",
    "/amsterdam/begroting/?periode=2024-begroting",
    "/en/amsterdam/begroting/",
    "/amsterdam/taken/?status=12-maanden&q=buurthuis",
    "/amsterdam/besluiten/feed/",  # Atom; cached like the pages
    "/open-data/catalogus.ttl",  # the national DCAT catalogue, served from storage
    "/amsterdam/woo/sitemap.xml",  # one municipality's Woo sitemap, served from storage
    "/uitdaagrecht/lessen/?provincie=Noord-Holland&zoek=buurt",
]
# A decided challenge with a signed agreement: the page shows its timeline, the decision with its
# reasons, the advice, the scores side by side and the agreement.
CHALLENGE_PAGE = "/{municipality}/uitdagingen/{reference}/"
# A challenge in execution (every municipality has one, bench/challenge_data.py): its public page
# shows per agreed result the chart and the table of eight periods of acknowledged reports, the
# accounts, and the feedback of users with its aggregates per quarter.
PROGRESS_PAGE = "/{municipality}/uitdagingen/{progress_reference}/"
# Logged in as the municipality's coordinator, second factor passed: sent with a session cookie.
STAFF = [
    "/amsterdam/beheer/uitdagingen/",
    # + the staff dossier of the same challenge (STAFF_DOSSIER) and its assessment page
]
STAFF_DOSSIER = "/{municipality}/beheer/uitdagingen/{reference}/"
STAFF_ASSESSMENT = "/{municipality}/beheer/uitdagingen/{reference}/beoordeling/"
API = [
    ("/api/v1/municipalities/", "api-list"),
    ("/api/v1/taakvelden/", "api-list"),
    ("/api/v1/budget-lines/?year=2025", "api-list"),
    ("/api/v1/budget-lines/", "api-list"),  # first page: the reference of the deep page
    ("/api/v1/municipalities/GM0363/budget/?year=2025&document=begroting", "api"),
    ("/api/v1/tasks/", "api-list"),
    ("/api/v1/contracts/", "api-list"),
    ("/api/v1/calendar/?municipality=GM0363", "api-list"),
    ("/api/v1/challenges/", "api-list"),
    ("/api/v1/frameworks/", "api-list"),  # every published version, with criteria and levels
    ("/api/v1/decisions/", "api-list"),
    ("/api/v1/agreements/", "api-list"),
    # Acknowledged progress reports with their realised values (one challenge in execution per
    # municipality, eight periods each).
    ("/api/v1/progress-reports/", "api-list"),
]
MORE_API = [
    ("/api/v1/municipalities/GM0363/", "api"),
    ("/api/v1/schema/", "api"),
    ("/api/v1/tasks/?municipality=GM0363", "api-list"),
    ("/api/v1/challenges/?municipality=GM0363", "api-list"),
    ("/api/v1/frameworks/?municipality=GM0363", "api-list"),
    ("/api/v1/decisions/?municipality=GM0363", "api-list"),
    ("/api/v1/progress-reports/?municipality=GM0363", "api-list"),
]
FIRST_PAGE = "/api/v1/budget-lines/"
DEEP = "deep-cursor"

TARGETS = {
    # kind: (with the page cache, without it); None = no target set
    "page": (0.5, 0.08),
    "api-list": (0.1, 0.1),
    DEEP: (0.1, 0.1),
    "api": (None, None),
    "staff": (0.05, None),  # logged in: never served from the page cache, measured once
}
DEEP_TARGET = 0.8  # the deep cursor page at least this fraction of the first page
IMPORT_TARGET = 3.0  # the import at most this many times PostgreSQL's COPY
# url -> the Cookie header it is requested with (the staff pages); filled in by main().
COOKIES: dict[str, str] = {}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], *, env: dict | None = None, quiet: bool = True, **kwargs):
    """Run a command; on failure show its output and stop."""
    result = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"failed ({result.returncode}): {' '.join(map(str, cmd))}")
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip(), flush=True)
    return result


def timed(cmd: list[str], *, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    result = run(cmd, env=env)
    return time.perf_counter() - start, result.stdout


# --- tools and services ------------------------------------------------------------------


def ensure_wrk() -> str:
    if path := shutil.which("wrk"):
        return path
    log("wrk is missing: apt-get install wrk")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    result = subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=apt_env, check=False)
    if result.returncode != 0:
        run(["apt-get", "update", "-qq"], env=apt_env)
        run(["apt-get", "install", "-y", "-qq", "wrk"], env=apt_env)
    if path := shutil.which("wrk"):
        return path
    raise SystemExit("wrk is not available")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def ensure_postgres() -> None:
    if subprocess.run(["pg_isready", "-q", "-h", PG["host"], "-p", PG["port"]]).returncode == 0:
        return
    # The same fallback as .ci/run: start the machine's cluster.
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if versions:
        log("PostgreSQL is down: starting it with pg_ctlcluster")
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
            check=False,
        )
        for _ in range(30):
            if subprocess.run(["pg_isready", "-q", "-h", PG["host"]]).returncode == 0:
                return
            time.sleep(1)
    raise SystemExit("PostgreSQL is not accepting connections on 127.0.0.1:5432")


def ensure_redis(tmp: Path) -> subprocess.Popen | None:
    """Redis on 6379; started by us (and stopped at the end) only when nothing listens there."""
    if port_open(6379):
        return None
    if not shutil.which("redis-server"):
        raise SystemExit("Redis is not running on 127.0.0.1:6379 and redis-server is missing")
    log("Redis is down: starting redis-server on 127.0.0.1:6379 for the benchmark")
    process = subprocess.Popen(
        ["redis-server", "--bind", HOST, "--port", "6379", "--save", "", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if port_open(6379):
            return process
        time.sleep(0.1)
    process.terminate()
    raise SystemExit("redis-server did not start")


def redis_flush() -> None:
    import redis  # in .venv: the app's cache backend needs it

    redis.Redis.from_url(REDIS_URL).flushdb()


def psql(sql: str, *, db: str = DB_NAME) -> str:
    cmd = ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", db]
    return run([*cmd, "-v", "ON_ERROR_STOP=1", "-qAtc", sql]).stdout.strip()


def db_drop() -> None:
    run(
        [
            "dropdb",
            "-h",
            PG["host"],
            "-p",
            PG["port"],
            "-U",
            PG["user"],
            "--if-exists",
            "--force",
            DB_NAME,
        ]
    )


def db_create() -> None:
    db_drop()
    run(["createdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], DB_NAME])


def app_env(var_dir: Path, **extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PUBLIC_PAGE_CACHE_SECONDS", "CONN_MAX_AGE", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "CACHE_URL": REDIS_URL,
        "UITDAAGRECHT_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        # The staff pages are measured behind the second factor: the coordinator's session
        # holds a verified TOTP device (bench/challenge_data.py).
        "STAFF_2FA_REQUIRED": "1",
    }
    return env | extra


def uitdaagrecht(*args: str) -> list[str]:
    return [str(BIN / "uitdaagrecht"), *args]


# --- the import --------------------------------------------------------------------------

COPY_TABLE = """
CREATE TABLE iv3_copy (
    jaar integer, document text, gm_code text, gemeente text, taakveld_code text,
    taakveld_naam text, lasten_x1000_eur bigint, baten_x1000_eur bigint,
    salarislasten_l1_1_x1000_eur bigint, provincie text, inwonertal integer
)
"""
LOAD_LOOKUPS = (
    "from uitdaagrecht.tenants.services import municipalities_load\n"
    "from uitdaagrecht.budgets.services import taakvelden_load\n"
    "print(municipalities_load(), taakvelden_load())"
)


def measure_import(env: dict, tmp: Path) -> dict:
    """Import the national file into an empty budget table, again unchanged, and COPY it."""
    csv_path = tmp / "iv3.csv"
    with gzip.open(IV3_FILE, "rb") as source, csv_path.open("wb") as target:
        shutil.copyfileobj(source, target)
    rows = sum(1 for _ in csv_path.open(encoding="utf-8")) - 1
    run(uitdaagrecht("shell", "-c", LOAD_LOOKUPS), env=env)
    startup, _ = timed(uitdaagrecht("shell", "-c", "pass"), env=env)
    assert psql("SELECT count(*) FROM budgets_budgetline") == "0"

    log(f"import_iv3 of {rows:,} rows into an empty budget table")
    first, first_out = timed(uitdaagrecht("import_iv3", str(csv_path)), env=env)
    log(f"  {first:.2f} s: {first_out.splitlines()[0]}")
    second, second_out = timed(uitdaagrecht("import_iv3", str(csv_path)), env=env)
    log(f"  again, unchanged: {second:.2f} s: {second_out.splitlines()[0]}")

    psql(COPY_TABLE)
    copy_cmd = ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", DB_NAME]
    copy_sql = f"\\copy iv3_copy FROM '{csv_path}' WITH (FORMAT csv, HEADER true)"
    copies = []
    for _ in range(3):
        psql("TRUNCATE iv3_copy")
        seconds, _ = timed([*copy_cmd, "-v", "ON_ERROR_STOP=1", "-qc", copy_sql])
        copies.append(seconds)
    copied = int(psql("SELECT count(*) FROM iv3_copy"))
    psql("DROP TABLE iv3_copy")
    copy = statistics.median(copies)
    log(f"  PostgreSQL COPY of the same file: {copy:.3f} s (median of {copies})")
    return {
        "file": IV3_FILE.name,
        "rows": rows,
        "rows_copied": copied,
        "first_seconds": round(first, 3),
        "first_report": first_out.splitlines()[0],
        "second_seconds": round(second, 3),
        "second_report": second_out.splitlines()[0],
        "command_startup_seconds": round(startup, 3),
        "copy_seconds": [round(c, 3) for c in copies],
        "copy_median_seconds": round(copy, 3),
        "ratio_first": round(first / copy, 1),
        "ratio_second": round(second / copy, 1),
        # The import's own work: the command without its start-up (Django, the apps).
        "ratio_first_without_startup": round((first - startup) / copy, 1),
        "ratio_second_without_startup": round((second - startup) / copy, 1),
        "target_ratio": IMPORT_TARGET,
        "meets": first / copy <= IMPORT_TARGET,
    }


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with 2 sync workers, in its own process group so that it can be stopped whole."""

    def __init__(self, env: dict, log_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = log_path.open("ab")
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "uitdaagrecht.conf.wsgi",
                "-w",
                "2",
                "-b",
                f"{HOST}:{self.port}",
            ],
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}); see {log_path}")
            with contextlib.suppress(OSError):
                if get(self.base + "/healthz")[0] == 200:
                    return
            time.sleep(0.2)
        raise SystemExit("gunicorn did not answer /healthz within 30 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn's master stops its workers on SIGTERM
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own (e.g. a staff page sending to the login page), not
    something to follow: wrk would not follow it either."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url: str, cookie: str | None = None) -> tuple[int, bytes, str]:
    assert url.startswith(f"http://{HOST}:")  # loopback only
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def deep_cursor(base: str, pages: int) -> str:
    """Follow `next` from the first page of budget-lines `pages` times; the URL reached."""
    url = base + FIRST_PAGE
    for _ in range(pages):
        status, body, _type = get(url)
        if status != 200:
            raise SystemExit(f"{url}: HTTP {status}")
        following = json.loads(body)["next"]
        if not following:
            break
        url = following
    parts = urllib.parse.urlsplit(url)
    assert parts.netloc == urllib.parse.urlsplit(base).netloc
    return f"{parts.path}?{parts.query}"


def check(base: str, urls: list[str]) -> dict[str, dict]:
    """One GET of each URL: it must answer 200 without a redirect. Also warms the page cache."""
    found = {}
    for url in urls:
        status, body, content_type = get(base + url, COOKIES.get(url))
        found[url] = {"status": status, "bytes": len(body), "content_type": content_type}
        if status != 200:
            log(f"  {url}: HTTP {status}")
    return found


LATENCY = re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(master: int) -> dict[int, float]:
    """CPU seconds used so far by gunicorn (master and workers) and by the PostgreSQL backends
    of the bench database, per process id, from /proc."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            pid, parent = int(entry.name), int(stat[1])
            if pid != master and parent != master:
                command = Path(entry.path, "cmdline").read_bytes()
                if not (command.startswith(b"postgres: ") and f" {DB_NAME} ".encode() in command):
                    continue
        except (OSError, IndexError, ValueError):
            continue  # gone in the meantime
        found[pid] = (int(stat[11]) + int(stat[12])) / CLOCK_TICKS  # utime + stime
    return found


def drain(master: int, timeout: float = 3.0) -> None:
    """Wait until gunicorn is idle. When wrk stops, the workers still answer the requests that
    were already sent; without this they would count against the next run."""
    deadline = time.monotonic() + timeout
    before = sum(server_cpu(master).values())
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = sum(server_cpu(master).values())
        if now - before < 0.005:
            return
        before = now


def wrk(binary: str, url: str, args, master: int | None = None, cookie: str | None = None) -> dict:
    """One wrk run. With the gunicorn master's pid it also measures the CPU time that one
    request costs: gunicorn, its PostgreSQL backends and wrk itself, whoever else runs. With a
    cookie every request sends it (the staff pages: a logged-in session)."""
    if master:
        drain(master)
    cpu_before = server_cpu(master) if master else {}
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [
            binary,
            "-t",
            str(args.threads),
            "-c",
            str(args.connections),
            "-d",
            f"{args.duration}s",
            "--timeout",
            "10s",
            "--latency",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_after = server_cpu(master) if master else {}
    out = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    requests = re.search(r"(\d+) requests in", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = LATENCY.search(out)
    p50 = None
    if latency:
        p50 = float(latency.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[latency.group(2)]
    if result.returncode != 0 or not rps or not requests:
        raise SystemExit(f"wrk failed on {url}:\n{out}{result.stderr}")
    count = int(requests.group(1))
    wrk_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    app_cpu = sum(after - cpu_before.get(pid, 0.0) for pid, after in cpu_after.items())
    return {
        "rps": float(rps.group(1)),
        "requests": count,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
        "p50_ms": round(p50, 2) if p50 is not None else None,
        "cpu_ms_per_request": (app_cpu + wrk_cpu) * 1000 / count if master and count else None,
    }


def measure(binary: str, server: Server, urls: list[str], args, label: str) -> dict:
    """Interleaved rounds. In each round every URL is measured right after a short /healthz
    run, and its throughput is given as a ratio to that /healthz run: on a machine whose load
    changes from second to second the pair sees the same conditions."""
    baseline_args = argparse.Namespace(**{**vars(args), "duration": args.baseline_duration})
    wrk(binary, server.base + "/healthz", baseline_args)  # warm the workers up
    healthz: list[float] = []
    load: list[float] = []
    runs: dict[str, list[dict]] = {url: [] for url in urls}
    for number in range(1, args.rounds + 1):
        load.append(round(os.getloadavg()[0], 2))
        baselines = []
        for url in urls:
            master = server.process.pid
            healthz_run = wrk(binary, server.base + "/healthz", baseline_args, master)
            baseline = healthz_run["rps"]
            result = wrk(binary, server.base + url, args, master, COOKIES.get(url))
            result["healthz_rps"] = baseline
            result["ratio"] = result["rps"] / baseline
            result["healthz_cpu_ms"] = healthz_run["cpu_ms_per_request"]
            result["cpu_ratio"] = healthz_run["cpu_ms_per_request"] / result["cpu_ms_per_request"]
            runs[url].append(result)
            baselines.append(baseline)
        healthz.append(statistics.median(baselines))
        log(
            f"{label} round {number}/{args.rounds}: /healthz {min(baselines):.0f} to "
            f"{max(baselines):.0f} req/s (load average {load[-1]:.1f} at the start)"
        )
    out = {"healthz_rps": healthz, "load_average": load, "urls": {}}
    for url, results in runs.items():
        out["urls"][url] = {
            "rps": [round(r["rps"], 1) for r in results],
            "healthz_rps": [round(r["healthz_rps"], 1) for r in results],
            "ratios": [round(r["ratio"], 4) for r in results],
            "median_ratio": round(statistics.median(r["ratio"] for r in results), 4),
            "median_rps": round(statistics.median(r["rps"] for r in results), 1),
            "median_p50_ms": statistics.median(r["p50_ms"] or 0 for r in results),
            "cpu_ms_per_request": [round(r["cpu_ms_per_request"], 3) for r in results],
            "healthz_cpu_ms_per_request": [round(r["healthz_cpu_ms"], 3) for r in results],
            "cpu_ratios": [round(r["cpu_ratio"], 4) for r in results],
            "median_cpu_ratio": round(statistics.median(r["cpu_ratio"] for r in results), 4),
            "non_2xx": sum(r["non_2xx"] for r in results),
            "socket_errors": [r["socket_errors"] for r in results if r["socket_errors"]],
        }
    return out


# --- queries per request (diagnosis) ------------------------------------------------------


def count_queries(urls: list[str]) -> None:
    """Run inside the app's environment (page cache off): queries and time of one request."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitdaagrecht.conf.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous = Client(SERVER_NAME=HOST)
    cookies = json.loads(os.environ.get("OU_BENCH_COOKIES", "{}"))
    found = {}
    for url in urls:
        client = anonymous
        if url in cookies:  # a staff page: the coordinator's session
            client = Client(SERVER_NAME=HOST, HTTP_COOKIE=cookies[url])
        client.get(url)  # warm: the first request of a process loads templates and the like
        times = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
        found[url] = {
            "status": response.status_code,
            "queries": len(queries),
            "server_ms": round(statistics.median(times) * 1000, 1),
        }
    print(json.dumps(found))


# --- report ------------------------------------------------------------------------------


def verdict(value: float | None, target: float | None, *, at_most: bool = False) -> str:
    if value is None or target is None:
        return ""
    return "ok" if (value <= target if at_most else value >= target) else "MISS"


def label(url: str, deep_url: str, deep_pages: int) -> str:
    if url == deep_url:
        return f"/api/v1/budget-lines/?cursor=… (page {deep_pages + 1})"
    return url


def report(data: dict) -> list[str]:
    deep = data["deep_cursor"]
    on, off = data["passes"]["cache_on"], data["passes"].get("cache_off", {"urls": {}})
    healthz_off = statistics.median(off["healthz_rps"]) if off["urls"] else 0
    lines = [
        "",
        f"Throughput as a ratio to /healthz (median of {data['settings']['rounds']} rounds; "
        f"/healthz ≈ {statistics.median(on['healthz_rps']):.0f} req/s with the page cache, "
        f"{healthz_off:.0f} req/s without)",
    ]
    busy = data["load_average_at_start"][0]
    if busy > 1:
        lines.append(
            f"WARNING: the machine was busy before the benchmark started (load average {busy:.1f}"
            f" on {data['machine']['cpus']} CPUs): the figures are noisier than usual."
        )
    labels = {url: label(url, deep["url"], deep["pages"]) for url in data["urls"]}
    width = max(map(len, labels.values()))
    lines += [
        "(cpu = the same ratio in CPU time per request of gunicorn, its PostgreSQL backends and "
        "wrk: steadier when other programs compete for the CPU)",
        "",
        f"{'':<{width}} {'':<11} {'with page cache':^27}   {'without page cache':^27}",
        f"{'URL':<{width}} {'kind':<11} {'ratio':>6} {'target':>6} {'':4} {'cpu':>7}   "
        f"{'ratio':>6} {'target':>6} {'':4} {'cpu':>7}   {'queries':>7} {'ms':>6}",
    ]
    misses = []
    for url, info in data["urls"].items():
        kind = info["kind"]
        target_on, target_off = TARGETS[kind]
        if kind != "page":  # the page cache applies neither to the API nor to staff: measured once
            target_off = None
        cells = []
        for figures, target, name in ((on, target_on, "on"), (off, target_off, "off")):
            measured = figures["urls"].get(url, {})
            ratio, cpu = measured.get("median_ratio"), measured.get("median_cpu_ratio")
            result = verdict(ratio, target)
            if result == "MISS":
                misses.append(f"{labels[url]} (cache {name})")
            cells.append(
                f"{(f'{ratio:.3f}' if ratio is not None else '—'):>6} "
                f"{(f'≥{target:g}' if target is not None else '—'):>6} {result:4} "
                f"{(f'{cpu:.3f}' if cpu is not None else '—'):>7}"
            )
        queries = info.get("queries", {})
        lines.append(
            f"{labels[url]:<{width}} {kind:<11} {cells[0]}   {cells[1]}   "
            f"{queries.get('queries', '?'):>7} {queries.get('server_ms', '?'):>6}"
        )
    lines.append(f"{'':<{width}} (queries and ms: one request in-process with the page cache off)")
    lines += [
        "",
        f"Deep cursor page (after following `next` {deep['pages']} times) vs the first page: "
        f"{deep['median_ratio']:.3f} (target ≥{DEEP_TARGET}) "
        f"{verdict(deep['median_ratio'], DEEP_TARGET)}; in CPU time {deep['median_cpu_ratio']:.3f}",
    ]
    if verdict(deep["median_ratio"], DEEP_TARGET) == "MISS":
        misses.append("deep cursor page vs first page")
    imp = data["import"]
    lines += [
        "",
        f"Import of the national Iv3 file ({imp['rows']:,} rows):",
        f"  import_iv3 into an empty budget table  {imp['first_seconds']:7.2f} s   "
        f"{imp['ratio_first']:5.1f}× COPY (target ≤{IMPORT_TARGET:g}×) "
        f"{verdict(imp['ratio_first'], IMPORT_TARGET, at_most=True)}",
        f"  import_iv3 again, nothing changed      {imp['second_seconds']:7.2f} s   "
        f"{imp['ratio_second']:5.1f}× COPY",
        f"  PostgreSQL \\copy into a plain table    {imp['copy_median_seconds']:7.3f} s",
        f"  (start-up of an uitdaagrecht command:  {imp['command_startup_seconds']:7.2f} s, "
        "included above)",
        f"  without the start-up: {imp['ratio_first_without_startup']:.1f}× COPY into an empty "
        f"table, {imp['ratio_second_without_startup']:.1f}× again",
    ]
    if not imp["meets"]:
        misses.append("import_iv3 vs COPY")
    if data["errors"]:
        lines += ["", "ERRORS:", *(f"  {e}" for e in data["errors"])]
    lines += ["", "Misses: " + ("; ".join(misses) if misses else "none")]
    data["misses"] = misses
    return lines


def write_results(data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{data['timestamp']}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    for target in (path, RESULTS / "latest.json"):
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    return path


# --- main --------------------------------------------------------------------------------


def source_state() -> dict:
    """The commit measured and the files that differ from it (read-only git commands)."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
    status = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    changed = [line[3:] for line in status.stdout.splitlines() if line[3:] and "bench/" not in line]
    return {"commit": head.stdout.strip() or None, "uncommitted_changes": changed}


def versions(wrk_binary: str) -> dict:
    wrk_version = subprocess.run([wrk_binary, "-v"], capture_output=True, text=True, check=False)
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "postgres": psql("SHOW server_version", db="postgres"),
        "wrk": (wrk_version.stdout or wrk_version.stderr).split("\n")[0].strip(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=2, help="seconds per wrk run (2)")
    parser.add_argument(
        "--baseline-duration", type=int, default=1, help="seconds of /healthz before each URL (1)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--deep-pages", type=int, default=200, help="`next` links to follow")
    parser.add_argument("--keep-db", action="store_true", help="do not drop ou_bench at the end")
    parser.add_argument(
        "--more",
        action="store_true",
        help="also the variants of the pages and API lists (MORE_PAGES, MORE_API): 5 minutes more",
    )
    parser.add_argument(
        "--setup-only",
        action="store_true",
        help="build the database (import, generated data), print the measured URLs and the "
        "coordinator's cookie, keep it and stop: for profiling",
    )
    parser.add_argument("--count-queries", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_queries:
        count_queries(args.count_queries)
        return 0

    # SIGTERM (e.g. from a CI timeout) runs the `finally` below, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    wrk_binary = ensure_wrk()
    ensure_postgres()
    data: dict = {
        "timestamp": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        "machine": versions(wrk_binary),
        "source": source_state(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "settings": {
            "duration_s": args.duration,
            "baseline_duration_s": args.baseline_duration,
            "rounds": args.rounds,
            "more": args.more,
            "connections": args.connections,
            "threads": args.threads,
            "gunicorn_workers": 2,
            "deep_pages": args.deep_pages,
            "database": "PostgreSQL",
            "cache": REDIS_URL,
        },
        "targets": {
            "page_cache_on": TARGETS["page"][0],
            "page_cache_off": TARGETS["page"][1],
            "api_list": TARGETS["api-list"][0],
            "staff_pages": TARGETS["staff"][0],
            "deep_vs_first": DEEP_TARGET,
            "import_vs_copy_at_most": IMPORT_TARGET,
        },
        "errors": [],
    }
    tmp = Path(tempfile.mkdtemp(prefix="ou-bench-"))
    var_dir = tmp / "var"
    server_log = tmp / "gunicorn.log"
    redis_process: subprocess.Popen | None = None
    server: Server | None = None
    try:
        redis_process = ensure_redis(tmp)
        log(f"database {DB_NAME}: create, migrate")
        db_create()
        env = app_env(var_dir)
        run(uitdaagrecht("migrate", "--no-input", "-v", "0"), env=env)
        data["import"] = measure_import(env, tmp)
        log("load_reference (municipalities, taakvelden; the Iv3 file is loaded already)")
        run(uitdaagrecht("load_reference", "--skip-if-loaded"), env=env, quiet=False)
        log("catalogue: 30 tasks with contracts for each of the 342 municipalities")
        generator = Path(__file__).with_name("catalog_data.py")
        run(
            uitdaagrecht("shell", "-c", f"exec(open({str(generator)!r}).read())"),
            env=env,
            quiet=False,
        )
        log(
            "challenges: 5 organisations with a challenge of about 20 events for each municipality,"
            " staff with roles and a coordinator's session; two framework versions, advice,"
            " scores, decisions and agreement versions"
        )
        generator = Path(__file__).with_name("challenge_data.py")
        generated = run(
            uitdaagrecht("shell", "-c", f"exec(open({str(generator)!r}).read())"), env=env
        ).stdout
        marker = "BENCH_CHALLENGES "
        challenge = json.loads(
            next(line for line in generated.splitlines() if line.startswith(marker))[len(marker) :]
        )
        log(
            f"  {challenge['challenges']:,} challenges, {challenge['events']:,} events, "
            f"{challenge['decisions']:,} decisions, {challenge['scores']:,} scores, "
            f"{challenge['signed_versions']:,} signed agreement versions; measured: "
            f"{challenge['municipality']} {challenge['reference']} ({challenge['state']}, "
            f"{challenge['public_events']} public events); {challenge['executing']:,} in "
            f"execution with {challenge['progress_reports']:,} progress reports, measured: "
            f"{challenge['progress_reference']}"
        )
        if not (challenge["decided"] and challenge["signed_agreement"]):
            data["errors"].append(
                f"{challenge['reference']}: the measured challenge has no decision or no signed "
                "agreement"
            )
        cookie = f"sessionid={challenge.pop('session_key')}"
        data["challenges"] = challenge
        log("export_open_data: every dataset, national and per municipality")
        started = time.perf_counter()
        run(uitdaagrecht("export_open_data"), env=env)
        data["export_seconds"] = round(time.perf_counter() - started, 1)
        log(f"  {data['export_seconds']} s")
        run(uitdaagrecht("collectstatic", "--no-input", "-v", "0"), env=env)
        # Fresh planner statistics, as autovacuum would have after a while: without them the
        # plans (and figures) change when autovacuum happens to run in the middle of a round.
        psql("ANALYZE")
        if args.setup_only:
            args.keep_db = True
            print(json.dumps({"database": DB_NAME, "challenge": challenge, "cookie": cookie}))
            return 0

        pages = [*PAGES, CHALLENGE_PAGE.format(**challenge), PROGRESS_PAGE.format(**challenge)]
        api = [*API, *(MORE_API if args.more else ())]
        pages += MORE_PAGES if args.more else []
        staff = [*STAFF, STAFF_DOSSIER.format(**challenge), STAFF_ASSESSMENT.format(**challenge)]
        COOKIES.update(dict.fromkeys(staff, cookie))
        urls = pages + staff + [url for url, _kind in api]
        kinds = dict.fromkeys(pages, "page") | dict.fromkeys(staff, "staff") | dict(api)

        log("gunicorn with the anonymous page cache on")
        redis_flush()
        server = Server(env, server_log)
        deep_url = deep_cursor(server.base, args.deep_pages)
        log(f"deep cursor page: {deep_url}")
        urls.insert(urls.index(FIRST_PAGE) + 1, deep_url)  # next to the page it is compared with
        kinds[deep_url] = DEEP
        data["urls"] = {url: {"kind": kinds[url]} for url in urls}
        checked = check(server.base, urls)
        for url, info in checked.items():
            data["urls"][url]["check"] = info
            if info["status"] != 200:
                data["errors"].append(f"{url}: HTTP {info['status']}")
        good = [url for url in urls if checked[url]["status"] == 200]
        data["passes"] = {"cache_on": measure(wrk_binary, server, good, args, "cache on")}
        server.stop()

        log("gunicorn with the page cache off (PUBLIC_PAGE_CACHE_SECONDS=0)")
        server = Server(app_env(var_dir, PUBLIC_PAGE_CACHE_SECONDS="0"), server_log)
        pages = [url for url in pages if url in good]
        data["passes"]["cache_off"] = measure(wrk_binary, server, pages, args, "cache off")
        server.stop()
        server = None

        first = data["passes"]["cache_on"]["urls"].get(FIRST_PAGE)
        deep = data["passes"]["cache_on"]["urls"].get(deep_url)
        # Each normalised by its own /healthz run, then one against the other.
        pairs = zip(deep["ratios"], first["ratios"], strict=True) if deep and first else []
        ratios = [d / f for d, f in pairs]
        pairs = zip(deep["cpu_ratios"], first["cpu_ratios"], strict=True) if deep and first else []
        cpu_ratios = [d / f for d, f in pairs]
        data["deep_cursor"] = {
            "url": deep_url,
            "pages": args.deep_pages,
            "ratios_to_first": [round(r, 4) for r in ratios],
            "median_ratio": round(statistics.median(ratios), 4) if ratios else 0.0,
            "cpu_ratios_to_first": [round(r, 4) for r in cpu_ratios],
            "median_cpu_ratio": round(statistics.median(cpu_ratios), 4) if cpu_ratios else 0.0,
            "target": DEEP_TARGET,
        }

        log("queries per request (in-process, page cache off)")
        found = run(
            [sys.executable, str(Path(__file__).resolve()), "--count-queries", *urls],
            env=app_env(
                var_dir, PUBLIC_PAGE_CACHE_SECONDS="0", OU_BENCH_COOKIES=json.dumps(COOKIES)
            ),
        ).stdout
        for url, info in json.loads(found.strip().splitlines()[-1]).items():
            data["urls"][url]["queries"] = info
    finally:
        if server is not None:
            server.stop()
        if server_log.exists():  # errors of the app during the run, if any
            text = server_log.read_text(errors="replace")
            data["server_errors"] = [
                line for line in text.splitlines() if "[ERROR]" in line or "Traceback" in line
            ][-20:]
        if not args.keep_db:
            with contextlib.suppress(SystemExit):
                db_drop()
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)

    data["elapsed_seconds"] = round(time.monotonic() - started, 1)
    lines = report(data)
    print("\n".join(lines), flush=True)
    path = write_results(data)
    log(f"{data['elapsed_seconds']:.0f} s; results in {path.relative_to(ROOT)} and latest.json")
    return 1 if data["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
