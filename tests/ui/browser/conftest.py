"""Real-browser fixtures: headless Debian Chromium driven by Playwright, against
Voila and JupyterLab servers started for the session, with no network.

Fixtures (all session-scoped except ``page``)
---------------------------------------------
chromium_path -> str
    Path of the Chromium executable. Skips when it is missing, unless ``CI`` is
    set, where a missing browser fails the run (``scripts/ensure_chromium.sh``
    installs it). Playwright's own browser download is never used.
browser -> playwright.sync_api.Browser
    One headless Chromium with a fresh profile for the session.
page -> playwright.sync_api.Page
    A fresh context and page per test. Chromium resolves no host but 127.0.0.1;
    requests to other hosts fail and are recorded in ``page.blocked_requests``.
    When the test fails, the page is saved as test-artifacts/<test>-failure.png.
jupyter_env -> dict[str, str]
    Environment for every server: Jupyter's config, data and runtime dirs and
    IPython's dir in a session temp dir (nothing lands in the repo), a
    ``python3`` kernel spec that runs this interpreter (``sys.executable``),
    JupyterLab's news toast off, and outbound HTTP pointed at a dead proxy.
voila_server(notebook_path) -> str
    Factory: serves the notebook with ``python -m voila`` from the repo root on
    a free port, with the workbench's page template as ``./dev.sh app`` does, and
    returns its base URL (``http://127.0.0.1:PORT/``). Idle
    kernels are culled (``VOILA_CULL``). One server per notebook per session;
    each is stopped, with its kernels, at teardown. Log: test-artifacts/voila-<stem>.log.
jupyterlab_server(root_dir) -> JupyterServer
    Factory: starts ``python -m jupyterlab`` with a random token on a free port
    and returns ``JupyterServer(url, token)``. Give it a temporary copy of the
    notebooks it should open: Lab saves and checkpoints files under root_dir.
    Log: test-artifacts/jupyterlab-<n>.log.
artifacts_dir -> pathlib.Path
    ``<repo>/test-artifacts/`` (git-ignored), created; screenshots and server logs go here.
browser_timings -> list[str]
    Lines appended here are printed under "browser timings" at the end of the run.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Offline on purpose: any host but the test servers fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:")
KERNEL_DISPLAY_NAME = "Python 3 (workbench tests)"  # the kernel spec jupyter_env writes
SERVER_START_TIMEOUT = 90.0  # [s] a cold JupyterLab start on a slow CI runner
# Talks to the local servers directly, whatever proxy the environment names.
_LOCAL_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))

#: Voila 0.5 builds its kernel manager as a subclass of jupyter_server's
#: MappingKernelManager with the Voila app as parent, so these traits apply; the
#: culler logs "Culling kernels with idle durations > 600 seconds ..." once the
#: first kernel starts (checked by test_harness).
VOILA_CULL = {
    "cull_idle_timeout": 600,  # [s] a kernel idle this long is shut down
    "cull_interval": 60,  # [s] how often the culler looks
}


@dataclass(frozen=True)
class JupyterServer:
    """A running JupyterLab: base URL (ends with "/") and its token."""

    url: str
    token: str

    def lab_url(self, path: str = "") -> str:
        """URL that opens ``path`` (relative to root_dir) in the Lab UI."""
        return f"{self.url}lab/tree/{path}?token={self.token}"

    def api(self, endpoint: str) -> dict:
        """GET ``/api/<endpoint>`` and return the decoded JSON."""
        request = urllib.request.Request(
            f"{self.url}api/{endpoint}", headers={"Authorization": f"token {self.token}"}
        )
        with _LOCAL_HTTP.open(request, timeout=10) as response:
            return json.load(response)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_http(url: str, proc: subprocess.Popen, log: Path) -> None:
    """Return once ``url`` answers (any HTTP status); fail if the server exits or is slow."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode} before answering; see {log}")
        try:
            with _LOCAL_HTTP.open(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answered, e.g. 403 without a token
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {SERVER_START_TIMEOUT:.0f} s; see {log}")


def _start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as sink:  # the child keeps its own descriptor
        return subprocess.Popen(argv, cwd=REPO_ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server (it shuts its kernels down), then kill what it left behind.

    Kernels run in their own sessions, so they are found as the server's
    children before it stops rather than through a process group.
    """
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        child.kill()
    psutil.wait_procs(alive, timeout=5)


_TIMINGS = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def browser_timings(pytestconfig: pytest.Config) -> list[str]:
    """Lines a test appends here are printed in the run's terminal summary."""
    return pytestconfig.stash.setdefault(_TIMINGS, [])


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(_TIMINGS, [])
    if lines:
        terminalreporter.section("browser timings")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = f"Chromium not found at {CHROMIUM}; run scripts/ensure_chromium.sh as root"
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so the browser tests may not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    # launch() gives each run a fresh temporary profile, so no user-data dir is needed.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Keep each phase's report on the item so `page` can tell a failed test at teardown.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest, artifacts_dir: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    blocked: list[str] = []
    # Chromium resolves no host but 127.0.0.1 (CHROMIUM_ARGS), so these fail at once;
    # listening (not routing) keeps Python out of the request path.
    context.on(
        "request",
        lambda request: (
            blocked.append(request.url)
            if request.url.startswith(("http:", "https:", "ws:", "wss:"))
            and not request.url.startswith(LOCAL)
            else None
        ),
    )
    new_page = context.new_page()
    new_page.blocked_requests = blocked
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        new_page.screenshot(path=artifacts_dir / f"{request.node.name}-failure.png")
    context.close()


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("jupyter")
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "IPYTHONDIR": home / "ipython",
    }
    for path in dirs.values():
        path.mkdir()

    # With JUPYTER_PREFER_ENV_PATH=0 (below) the user data dir comes first on the
    # kernel-spec path, so this spec wins over the venv's and the system's python3.
    spec = dirs["JUPYTER_DATA_DIR"] / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": KERNEL_DISPLAY_NAME,
                "language": "python",
            }
        )
    )
    # Lab asks "get notified about official Jupyter news?" in a toast that would
    # cover screenshots; answer no in advance.
    news = (
        dirs["JUPYTER_CONFIG_DIR"] / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    )
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))

    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH")}
    env.update({name: str(path) for name, path in dirs.items()})
    dead_proxy = "http://127.0.0.1:9"  # discard port: anything that tries to go out fails fast
    env.update(
        JUPYTER_PLATFORM_DIRS="1",
        JUPYTER_PREFER_ENV_PATH="0",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")])),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        HTTP_PROXY=dead_proxy,
        HTTPS_PROXY=dead_proxy,
        http_proxy=dead_proxy,
        https_proxy=dead_proxy,
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
    )
    return env


@pytest.fixture(scope="session")
def voila_server(
    jupyter_env: dict[str, str], artifacts_dir: Path
) -> Iterator[Callable[[str | os.PathLike], str]]:
    running: dict[Path, tuple[subprocess.Popen, str]] = {}

    def serve(notebook_path: str | os.PathLike) -> str:
        notebook = Path(notebook_path).resolve()
        if notebook in running:
            return running[notebook][1]
        port = _free_port()
        url = f"http://127.0.0.1:{port}/"
        log = artifacts_dir / f"voila-{notebook.stem}.log"
        argv = [
            sys.executable,
            "-m",
            "voila",
            str(notebook),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            "--VoilaConfiguration.show_tracebacks=True",
            "--template=workbench",  # as ./dev.sh app serves it: no CDN links
            *(f"--MappingKernelManager.{name}={value}" for name, value in VOILA_CULL.items()),
        ]
        env = dict(jupyter_env, JUPYTER_PATH=str(REPO_ROOT / "share" / "jupyter"))
        proc = _start(argv, env, log)
        running[notebook] = (proc, url)
        # Probe a static file: GET / would execute the notebook in a kernel of its own.
        _wait_for_http(f"{url}voila/static/voila.js", proc, log)
        return url

    yield serve
    for proc, _ in running.values():
        _stop(proc)


@pytest.fixture(scope="session")
def jupyterlab_server(
    jupyter_env: dict[str, str], artifacts_dir: Path
) -> Iterator[Callable[[str | os.PathLike], JupyterServer]]:
    running: list[subprocess.Popen] = []

    def serve(root_dir: str | os.PathLike) -> JupyterServer:
        port = _free_port()
        token = secrets.token_hex(16)
        log = artifacts_dir / f"jupyterlab-{len(running) + 1}.log"
        argv = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            f"--ServerApp.token={token}",
            "--allow-root",
            f"--ServerApp.root_dir={Path(root_dir).resolve()}",
            # Nothing that reaches the internet: no news feed, no update check,
            # no PyPI-backed extension manager.
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        proc = _start(argv, jupyter_env, log)
        running.append(proc)
        url = f"http://127.0.0.1:{port}/"
        _wait_for_http(f"{url}api/status?token={token}", proc, log)
        return JupyterServer(url=url, token=token)

    yield serve
    for proc in running:
        _stop(proc)
