"""gunicorn's master, as ``gunicorn.conf.py`` sets it up, has loaded the extraction assistant before it forks a worker.

Tester 45, D2: each worker paid the assistant's start-up (spaCy, its vocabulary, the gazetteers: 20–30 s on a busy
machine) in its first extraction request, and gunicorn's 30 s timeout killed it: the client got an HTML 500. The
master is built here as ``gunicorn -c gunicorn.conf.py`` builds it (``Arbiter``, which preloads the application) and
its ``on_starting`` hook is called, in a child process: a worker is a fork of that state.
"""

import json
import subprocess
import sys

import pytest

from bench.liveserver import ROOT, production_env

# Slow: the assistant's start-up in a child process (`make test-fast` leaves it out).
pytestmark = pytest.mark.slow

MASTER = """
import importlib, inspect, json, os, pkgutil, sys, threading

from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.arbiter import Arbiter

sys.argv = ["gunicorn", "--config", "gunicorn.conf.py"]
arbiter = Arbiter(WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]"))
arbiter.cfg.on_starting(arbiter)

import django

django.setup()  # as a worker that loads the application itself would (a no-op once preloaded)
import events.extraction
from django.db import connections
from events.services.proposals import started

def loads_once(function):
    return hasattr(function, "cache_info") and not any(
        p.default is p.empty for p in inspect.signature(function).parameters.values()
    )

unloaded = []
for module in pkgutil.iter_modules(events.extraction.__path__):
    module = importlib.import_module(f"events.extraction.{module.name}")
    unloaded += [
        f"{module.__name__}.{name}"
        for name, function in vars(module).items()
        if loads_once(function) and function.__module__ == module.__name__ and not function.cache_info().currsize
    ]
print(json.dumps({
    "preload_app": arbiter.cfg.preload_app,
    "started": started.cache_info().currsize,
    "spacy": "spacy" in sys.modules,
    "unloaded": unloaded,
    "connected": [alias for alias in connections if connections[alias].connection is not None],
    "threads": threading.active_count(),
    "os_threads": len(os.listdir("/proc/self/task")),  # a library's own (OpenBLAS's) too
}))
"""


def master(tmp_path, **environment):
    database = tmp_path / "db.sqlite3"
    env = production_env(database_url=f"sqlite:///{database}", static_root=tmp_path / "static", **environment)
    done = subprocess.run(
        [sys.executable, "-c", MASTER], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), database


def test_the_master_loads_the_extraction_assistant_before_it_forks_the_workers(tmp_path):
    state, database = master(tmp_path)

    assert state["preload_app"] is True
    assert state["started"] == 1 and state["spacy"]
    # Every table the assistant loads once a process (a function of the package cached with no argument).
    assert state["unloaded"] == []
    # Nothing a worker would inherit and share with the master: no database connection (the start-up reads no
    # database: the SQLite file was never even made), no thread.
    assert state["connected"] == [] and not database.exists()
    assert state["threads"] == state["os_threads"] == 1


def test_without_preloading_each_worker_loads_the_application_and_nothing_is_loaded_in_the_master(tmp_path):
    state, _ = master(tmp_path, GUNICORN_PRELOAD="false")

    assert state["preload_app"] is False
    assert state["started"] == 0
