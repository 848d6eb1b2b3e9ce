"""The production deployment: gunicorn with the production settings on a SQLite file, as `make serve-prod` runs it.

One server for the module (on a free port), with its static files collected; requests go through real sockets.
"""

import re
import threading
import time

import pytest
from django.db import connection

from bench.liveserver import Gunicorn, free_port, prepare, production_env

WRITERS = 20
WRITES_EACH = 6
QUOTE = "We will not participate in the Moscow talks,"

# Slow: starts gunicorn with collected static files (`make test-fast` leaves it out).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with 4 workers of 5 threads: 20 requests at once, as many as the writers below."""
    workdir = tmp_path_factory.mktemp("production")
    env = production_env(database_url=f"sqlite:///{workdir / 'db.sqlite3'}", static_root=workdir / "static")
    token = prepare(env, collectstatic=True)
    with Gunicorn(env, port=free_port(), workers=4, threads=5, log_path=workdir / "gunicorn.log") as gunicorn:
        gunicorn.token = token
        yield gunicorn


def static_paths(html):
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', html)


@pytest.mark.parametrize("page", ["/api/docs/", "/admin/login/"])
def test_pages_load_their_assets_from_whitenoise(server, page):
    response = server.request("GET", page, headers={"Accept": "text/html"})
    assert response.status == 200
    assets = static_paths(response.body.decode())
    assert any(path.endswith(".js") or path.endswith(".css") for path in assets)

    for path in assets:
        asset = server.request("GET", path, headers={"Accept": "*/*"})
        assert asset.status == 200, path
        assert asset.body
        # Hashed names (ManifestStaticFilesStorage) cached for ever: whitenoise's answer, not Django's.
        assert "immutable" in asset.headers["Cache-Control"], path


def test_static_assets_are_served_compressed(server):
    html = server.request("GET", "/api/docs/", headers={"Accept": "text/html"}).body.decode()
    bundle = next(path for path in static_paths(html) if "swagger-ui-bundle" in path)

    asset = server.request("GET", bundle, headers={"Accept": "*/*", "Accept-Encoding": "gzip"})

    assert asset.status == 200
    assert asset.headers["Content-Encoding"] == "gzip"
    assert asset.headers["Content-Type"].startswith("text/javascript")


def test_missing_static_file_is_404(server):
    assert server.request("GET", "/static/admin/css/nothing-here.css").status == 404


def test_plain_http_is_redirected_to_https(server):
    response = server.request("GET", "/api/events/", headers={"X-Forwarded-Proto": "http"})

    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{server.port}/api/events/"


def test_https_answers_carry_hsts_and_no_debug_page(server):
    events = server.request("GET", "/api/events/")
    missing = server.request("GET", "/no-such-page/", headers={"Accept": "text/html"})

    assert events.status == 200
    assert events.headers["Strict-Transport-Security"].startswith("max-age=")
    assert missing.status == 404
    assert b"DEBUG = True" not in missing.body


@pytest.mark.parametrize("page", ["/admin/login/", "/api/docs/", "/api/events/"])
def test_answers_carry_the_security_headers(server, page):
    """A year of HSTS (no preload unless asked), the CSP, and the browser hardening headers."""
    response = server.request("GET", page, headers={"Accept": "text/html"})

    assert response.status == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    policy = dict(
        directive.strip().split(" ", 1) for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_url_past_the_applications_limit_is_its_json_414(server):
    """gunicorn's request-line limit (8190) is above the application's (4096), which answers."""
    response = server.request("GET", "/api/events/?search=" + "a" * 5000)

    assert response.status == 414
    assert b"limit of 4096 characters" in response.body


def test_twenty_concurrent_writers_get_no_database_is_locked(server):
    """20 curators write at once, through 20 gunicorn threads in 4 processes, on one SQLite file."""
    # The seed article's text, published on the day the reports are stated (none is stated after its article).
    seed = server.request("GET", "/api/articles/").json()["results"][0]
    copy = {"title": "Again", "publisher": seed["publisher"], "published_on": "2020-01-02", "body": seed["body"]}
    article = server.request("POST", "/api/articles/", data=copy, token=server.token).json()["id"]
    before = server.request("GET", "/api/events/?page_size=1").json()["count"]
    start = threading.Barrier(WRITERS)
    responses = [[] for _ in range(WRITERS)]

    def write(i):
        slug = f"concurrent-{i}"
        start.wait()
        for n in range(WRITES_EACH):
            if n == 0 or n % 2:
                data = {"slug": f"{slug}-{n}" if n else slug, "title": slug, "kind": "meeting", "status": "held"}
                data["start_date"] = "2020-01-01"
                responses[i].append(server.request("POST", "/api/events/", data=data, token=server.token))
            else:
                report = {"event": slug, "participant": "taliban", "status": "declined", "reported_on": "2020-01-02"}
                # A shorter part of the quote each time: the same report twice would be a refused repeat.
                report.update(article=article, quote=QUOTE[: len(QUOTE) - n])
                responses[i].append(server.request("POST", "/api/reports/", data=report, token=server.token))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    every = [response for writer in responses for response in writer]
    assert len(every) == WRITERS * WRITES_EACH
    assert "database is locked" not in server.log()
    assert [r for r in every if r.status != 201] == []
    created_events = WRITERS * (1 + WRITES_EACH // 2)
    assert server.request("GET", "/api/events/?page_size=1").json()["count"] == before + created_events
    # As a curator: reports written with no review are drafts, which only curators see.
    reports = server.request(
        "GET", "/api/reports/?participant=taliban&reported_after=2020-01-02&page_size=1", token=server.token
    )
    assert reports.json()["count"] == WRITERS * (WRITES_EACH - 1 - WRITES_EACH // 2)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: run the suite with DATABASE_URL=postgres://..."
)
@pytest.mark.parametrize("health_checks", [True, False])
def test_workers_reconnect_when_postgres_drops_their_connections(db, tmp_path, health_checks):
    """What a database restart does to gunicorn's persistent connections, without restarting the shared server.

    With CONN_HEALTH_CHECKS (the default) no request fails; without, a worker's next request would be a 500.
    """
    import psycopg

    database = connection.settings_dict
    application = f"eventsapi-health-{health_checks}".lower()
    url = f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/"
    env = production_env(
        database_url=f"{url}{database['NAME']}?conn_max_age=600&conn_health_checks={health_checks}"
        f"&application_name={application}",
        static_root=tmp_path,
    )
    backends = "SELECT pid FROM pg_stat_activity WHERE application_name = %s"
    with (
        Gunicorn(env, port=free_port(), workers=2, log_path=tmp_path / "gunicorn.log") as server,
        psycopg.connect(f"{url}postgres", autocommit=True) as admin,
    ):
        # Until both workers hold an open connection. On a loaded machine one worker may answer every request
        # while the other still starts: ask for up to a minute, not a number of times.
        deadline = time.monotonic() + 60
        while len(admin.execute(backends, [application]).fetchall()) < 2:
            if time.monotonic() > deadline:
                pytest.fail("the workers did not keep their connections")
            assert server.request("GET", "/api/events/").status == 200
            time.sleep(0.02)

        admin.execute(f"SELECT pg_terminate_backend(pid) FROM ({backends}) AS b", [application])
        statuses = [server.request("GET", "/api/events/").status for _ in range(6)]

    if health_checks:
        assert statuses == [200] * 6
    else:
        assert 500 in statuses


@pytest.mark.parametrize("path", ["/api/events/", "/events/"])
def test_a_host_header_of_no_allowed_host_is_a_400_and_one_log_line(server, path):
    """The tester's case (31, G7): every such request logged a traceback, and the answer told the client to edit
    ALLOWED_HOSTS. Scanners send them all day: one warning line each, no traceback, no advice."""
    logged = len(server.log())

    response = server.request("GET", path, headers={"Host": "evil.example", "Accept": "application/json"})

    assert response.status == 400
    assert b"ALLOWED_HOSTS" not in response.body and b"evil.example" not in response.body
    time.sleep(0.2)  # the worker writes its line as it answers
    log = server.log()[logged:]
    assert "Traceback" not in log
    assert len([line for line in log.splitlines() if "evil.example" in line]) == 1, log
