"""A real JupyterLab in a real browser: a throwaway Lab server, headless Chromium, notebook actions.

The server runs on a free loopback port with a random token, against a temporary copy of the repo
(so nothing a test does is saved into `notebooks/`), with every per-user directory in a temporary
folder. The kernel is this Python: jupyter_client runs a kernelspec whose command is `python` with
`sys.executable`, and `PYTHONPATH` points at the copy so the kernel imports the copy's `helpers`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Debian's package installs `chromium`; other systems name it `chromium-browser`. Found on PATH.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
# Set to run `make test` without Chromium: the browser tests then skip, saying so (never under CI).
OPT_OUT = "SKIP_BROWSER_TESTS"
# Headless as root on a small machine; and no traffic of Chromium's own (updates, safe browsing, metrics).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only", "--mute-audio",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
VEGALITE = re.compile(r"application/vnd\.vegalite\.v\d\+json")

# Lab settings for a test run: every cell stays in the DOM (no windowing), nothing is saved behind
# the test's back, no news or update prompt covers the page, and Restart asks no question.
LAB_SETTINGS = {
    "notebook-extension/tracker": {"windowingMode": "none"},
    "docmanager-extension/plugin": {"autosave": False},
    "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "apputils-extension/sessionDialogs": {"skipKernelRestartDialog": True},
}

RUN_TIMEOUT_S = 240  # Restart Kernel and Run All, on a slow shared machine
LOAD_TIMEOUT_S = 90  # Lab's page load and kernel start
CHANGE_TIMEOUT_S = 15  # one widget change answered by the kernel and drawn


def joined(value: str | list[str]) -> str:
    """Output text as one string (nbformat stores it as a list of lines on disk)."""
    return "".join(value) if isinstance(value, list) else value


@cache
def placeholder() -> str:
    """The sentence tools/execute_notebooks.py saves in place of a widget view."""
    spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PLACEHOLDER


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_repo(target: Path) -> Path:
    """Copy what the notebooks need (the repo without its environment and caches) to `target`."""
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".jupyter-test", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache",
        "screenshots", ".ipynb_checkpoints", "build", "node_modules", "site"))
    return target


class LabServer:
    """A JupyterLab server for one test module; `stop()` shuts its kernels down and ends it."""

    def __init__(self, root: Path, state: Path, *, kernels: bool = True):
        self.root, self.state, self.kernels = root, state, kernels
        self.port = 0
        self.origin = ""
        self.token = secrets.token_hex(16)
        self.log = state / "lab.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        dirs = {name: self.state / name for name in ("config", "data", "runtime", "ipython")}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        settings = dirs["config"] / "lab" / "user-settings" / "@jupyterlab"
        for name, values in LAB_SETTINGS.items():
            path = settings / f"{name}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
        env.update(JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
                   JUPYTER_RUNTIME_DIR=str(dirs["runtime"]), IPYTHONDIR=str(dirs["ipython"]),
                   JUPYTER_PLATFORM_DIRS="1", PYTHONPATH=str(self.root), PYDEVD_DISABLE_FILE_VALIDATION="1")
        return env

    def start(self) -> LabServer:
        env = self._env()
        for _ in range(3):  # the free port can be taken between finding it and binding it
            self.port = _free_port()
            self.origin = f"http://127.0.0.1:{self.port}"
            if self._launch(env):
                return self
            if "already in use" not in self.log_tail():
                break
        raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")

    def _launch(self, env: dict[str, str]) -> bool:
        args = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            # The server itself stays quiet too: no news feed, no update check, no extension index.
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if not self.kernels:
            # No kernel can start: the notebooks show only what is saved in them.
            args.append("--KernelSpecManager.allowed_kernelspecs=none")
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(args, cwd=self.root, env=env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + LOAD_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                self.api("GET", "status")
                return True
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {LOAD_TIMEOUT_S} s:\n{self.log_tail()}")

    def api(self, method: str, path: str) -> Any:
        req = urllib.request.Request(f"{self.origin}/api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def url(self, path: str, workspace: str) -> str:
        """A Lab URL that opens `path` (relative to the copy) in its own workspace."""
        return f"{self.origin}/lab/workspaces/{workspace}/tree/{path}?token={self.token}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"

    def stop(self) -> None:
        """Shut every kernel down, then the server; kill it if it does not stop in time."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            for kernel in self.api("GET", "kernels"):
                self.api("DELETE", f"kernels/{kernel['id']}")
        except (OSError, ValueError):
            pass  # the server is going down anyway; SIGTERM shuts its kernels down too
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


# --------------------------------------------------------------------------------------------
# Browser side


@dataclass
class Traffic:
    """What a browser context tried to reach: anything off the Lab server is aborted and recorded."""

    origin: str
    blocked: list[str] = field(default_factory=list)
    sockets: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        return url.startswith((self.origin + "/", "data:", "blob:", "about:"))

    def watch(self, context: Any) -> None:
        def route(r: Any) -> None:
            if self.allowed(r.request.url):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        ws_origin = self.origin.replace("http://", "ws://", 1) + "/"

        def route_ws(ws: Any) -> None:
            self.sockets.append(ws.url)
            ws.close()

        def seen(r: Any) -> None:  # a second witness, for anything that reaches the network unrouted
            if not self.allowed(r.url) and r.url not in self.blocked:
                self.blocked.append(r.url)

        context.route("**/*", route)
        context.route_web_socket(lambda url: not url.startswith(ws_origin), route_ws)
        context.on("request", seen)

    def attempts(self) -> list[str]:
        return self.blocked + [f"websocket {u}" for u in self.sockets]


@dataclass
class PageLog:
    """Dialogs and uncaught page errors seen by one page."""

    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        def on_dialog(d: Any) -> None:
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))


def find_chromium(path: str | None = None) -> Path | None:
    """Chromium's executable on PATH (or on `path`), or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name, path=path)
        if found:
            return Path(found)
    return None


def truthy(value: str | None) -> bool:
    """An environment flag as people set it: `1`, `true`, `yes`, `on` (any case) are on; unset, empty, `0`,
    `false`, `no`, `off` are off."""
    return (value or "").strip().lower() not in ("", "0", "false", "no", "off")


def without_chromium(env: dict[str, str]) -> str:
    """What the browser tests do when Chromium is missing: "fail", unless opted out outside CI: "skip"."""
    return "skip" if truthy(env.get(OPT_OUT)) and not truthy(env.get("CI")) else "fail"


def launch_browser(playwright: Any) -> Any:
    chromium = find_chromium()
    assert chromium is not None, "no Chromium on PATH"
    return playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)


@dataclass
class Committed:
    """What the committed notebook holds: which cells draw a chart, which showed a widget."""

    path: Path
    cells: list[dict[str, Any]]

    @classmethod
    def read(cls, path: Path) -> Committed:
        return cls(path, json.loads(path.read_text(encoding="utf-8"))["cells"])

    def _with_output(self, keep: Callable[[dict[str, Any]], bool]) -> list[int]:
        return [i for i, c in enumerate(self.cells)
                if c["cell_type"] == "code" and any(keep(o) for o in c.get("outputs", []))]

    @property
    def chart_cells(self) -> list[int]:
        return self._with_output(lambda o: any(VEGALITE.fullmatch(k) for k in o.get("data", {})))

    @property
    def chart_specs(self) -> dict[int, list[dict[str, Any]]]:
        """Cell index → the Vega-Lite specs its outputs hold, in order."""
        return {i: [o["data"][k] for o in c.get("outputs", []) for k in o.get("data", {}) if VEGALITE.fullmatch(k)]
                for i, c in enumerate(self.cells) if c["cell_type"] == "code"}

    @property
    def widget_cells(self) -> list[int]:
        # tools/execute_notebooks.py saves each widget view as a fixed placeholder sentence.
        return self._with_output(lambda o: WIDGET_VIEW in o.get("data", {})
                                 or joined(o.get("data", {}).get("text/plain", "")) == placeholder())

    @property
    def script_cells(self) -> list[int]:
        """Cells whose saved output needs a script to show (Altair's html renderer, raw JavaScript)."""
        return self._with_output(lambda o: "application/javascript" in o.get("data", {})
                                 or "<script" in joined(o.get("data", {}).get("text/html", "")).lower())

    @property
    def code_cells(self) -> int:
        return sum(1 for c in self.cells if c["cell_type"] == "code" and "".join(c["source"]).strip())


# Lab's DOM, read in the page. Cells are addressed by their index in the notebook.
JS_RUN_STATE = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim());
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return {
    queued: prompts.filter(p => p.includes('*')).length,
    done: prompts.filter(p => /^\\[\\d+\\]:$/.test(p)).length,
    idle: indicator !== null && indicator.dataset.status === 'idle',
    errors: document.querySelectorAll(
      '.jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
  };
}"""

JS_ERRORS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].flatMap((cell, i) =>
  [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(o => ({cell: i, text: o.innerText.slice(0, 600)})))"""

# A chart is drawn when its vega-embed holds a non-empty canvas or svg of marks.
JS_CHARTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell =>
  [...cell.querySelectorAll('.jp-RenderedVegaLite, .jp-RenderedVega, .vega-embed')]
    .filter(el => !el.parentElement.closest('.jp-RenderedVegaLite, .jp-RenderedVega, .vega-embed'))
    .map(el => {
      const marks = el.querySelector('.vega-embed .marks');
      const box = marks ? marks.getBoundingClientRect() : null;
      return {drawn: !!box && box.width > 0 && box.height > 0, text: el.innerText.slice(0, 300)};
    }))"""

# A widget view is drawn when its output holds a jupyter-widgets element with a size and no error.
JS_WIDGETS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell =>
  [...cell.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => !o.parentElement.closest('.widget-output') &&
                 (o.classList.contains('jupyter-widgets') || o.querySelector(':scope > .jupyter-widgets')))
    .map(o => {
      const root = o.classList.contains('jupyter-widgets') ? o : o.querySelector(':scope > .jupyter-widgets');
      const box = root.getBoundingClientRect();
      const text = o.innerText.trim();
      return {drawn: box.width > 0 && box.height > 0 && !/^(Error|Loading widget)/.test(text) &&
                     root.querySelector('[class*="widget-"]') !== null,
              text: text.slice(0, 200)};
    }))"""

JS_CELL_TEXT = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(c =>
  [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n'))"""


class NotebookPage:
    """One notebook open in JupyterLab, in its own page and workspace."""

    def __init__(self, context: Any, server: LabServer, relpath: str, shot: str = ""):
        self.server, self.relpath = server, relpath
        self.name = Path(relpath).stem
        self.shot = f"{self.name}{shot}"
        for old in (SCREENSHOTS / f"{self.shot}.png", SCREENSHOTS / f"{self.shot}-failed.png"):
            old.unlink(missing_ok=True)
        self.page = context.new_page()
        self.log = PageLog()
        self.log.watch(self.page)

    @contextmanager
    def step(self, what: str) -> Iterator[None]:
        """Run one step; if it fails, save a screenshot and fail naming the notebook and the step."""
        try:
            yield
        except PlaywrightError as exc:
            shot = self.screenshot("-failed")
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            pytest.fail(f"{self.name}: {what} failed: {first} (screenshot: {shot})", pytrace=False)

    def open(self, n_cells: int) -> None:
        workspace = re.sub(r"[^A-Za-z0-9]", "-", self.name)
        self.page.goto(self.server.url(self.relpath, workspace), timeout=LOAD_TIMEOUT_S * 1000)
        self.page.wait_for_function(
            "n => document.querySelectorAll('.jp-Notebook .jp-Cell').length === n",
            arg=n_cells, timeout=LOAD_TIMEOUT_S * 1000)

    def wait_for_kernel(self) -> None:
        status = self.page.locator("#jp-main-statusbar")
        status.get_by_text(re.compile(r"^(?!No Kernel).*\| Idle$")).wait_for(timeout=LOAD_TIMEOUT_S * 1000)

    def command(self, menu: str, command: str) -> None:
        """Pick a main-menu item, as a person would (the item is found by its Lab command)."""
        self.page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
        self.page.locator(f'.lm-Menu-item[data-command="{command}"]').click()

    def restart_and_run_all(self, expected: int) -> dict[str, int]:
        """Clear every output, then Restart Kernel and Run All; wait until the kernel is idle and
        `expected` cells ran (or an error stopped the run). Returns the final run state."""
        self.command("Edit", "editmenu:clear-all")
        self.page.wait_for_function(f"() => ({JS_RUN_STATE})().done === 0", timeout=30_000)
        self.command("Kernel", "runmenu:restart-and-run-all")
        self.page.wait_for_function(
            f"n => {{ const s = ({JS_RUN_STATE})(); return s.idle && !s.queued && (s.done >= n || s.errors > 0); }}",
            arg=expected, timeout=RUN_TIMEOUT_S * 1000, polling=250)
        return self.page.evaluate(JS_RUN_STATE)

    def errors(self) -> list[dict[str, Any]]:
        return self.page.evaluate(JS_ERRORS)

    def charts(self) -> list[list[dict[str, Any]]]:
        return self.page.evaluate(JS_CHARTS)

    def chart_problems(self, chart_cells: list[int]) -> tuple[list[int], list[tuple[int, str]]]:
        """Cells that should hold a chart and show none drawn, and every chart present but not drawn."""
        charts = self.charts()
        missing = [i for i in chart_cells if not any(c["drawn"] for c in charts[i])]
        undrawn = [(i, c["text"]) for i, cell in enumerate(charts) for c in cell if not c["drawn"]]
        return missing, undrawn

    def widgets(self) -> list[list[dict[str, Any]]]:
        return self.page.evaluate(JS_WIDGETS)

    def output_text(self) -> list[str]:
        return self.page.evaluate(JS_CELL_TEXT)

    def settle(self, chart_cells: list[int], widget_cells: list[int], timeout_s: float = 60) -> None:
        """Charts and widgets draw after their output arrives: wait until the committed chart cells
        and widget cells show one, and every chart is drawn. On time-out, go on: the tests say what is missing."""
        with suppress(PlaywrightTimeout):
            self.page.wait_for_function(
                f"""a => {{
                  const c = ({JS_CHARTS})(), w = ({JS_WIDGETS})();
                  return a.charts.every(i => c[i] && c[i].some(x => x.drawn))
                      && a.widgets.every(i => w[i] && w[i].some(x => x.drawn))
                      && c.every(cell => cell.every(x => x.drawn));
                }}""",
                arg={"charts": chart_cells, "widgets": widget_cells}, timeout=timeout_s * 1000, polling=250)

    def screenshot(self, suffix: str = "") -> Path:
        """The whole notebook in one picture: the page is made as tall as the notebook for the shot."""
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{self.shot}{suffix}.png"
        size = self.page.viewport_size
        height = self.page.evaluate(
            "() => { const n = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');"
            " if (n) n.scrollTop = 0; return n ? n.scrollHeight : 0; }")
        self.page.set_viewport_size({"width": size["width"], "height": min(max(height + 200, size["height"]), 30_000)})
        try:
            self.page.screenshot(path=path)
        finally:
            self.page.set_viewport_size(size)
        return path


# --------------------------------------------------------------------------------------------
# Widgets: change each control, see that what it drives changes


# Every control a person can change in the notebook's widget views (not Vega's own bindings, not
# widgets inside an Output). Each gets a data-probe id so Playwright can find it again.
JS_MARK_CONTROLS = """() => {
  const found = [];
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  const roots = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output .jupyter-widgets')]
    .filter(el => !el.parentElement.closest('.jupyter-widgets'));
  roots.forEach((root, r) => {
    const cell = cells.findIndex(c => c.contains(root));
    const add = (el, kind, box) => {
      if (el.closest('.widget-output, .vega-embed')) return;
      const label = (box && box.querySelector(':scope > .widget-label')?.textContent || '')
        .replace(/\u200b/g, '').trim();
      el.setAttribute('data-probe', `${r}-${found.length}`);
      found.push({id: `${r}-${found.length}`, kind, cell,
                  label: label || el.getAttribute('placeholder') || '(no label)'});
    };
    root.querySelectorAll('select').forEach(el =>
      add(el, el.multiple ? 'select-multiple' : 'select', el.closest('.widget-inline-hbox')));
    root.querySelectorAll('.widget-slider').forEach(el => {
      const handle = el.querySelector('.noUi-handle');
      if (handle) add(handle, 'slider', el);
    });
    root.querySelectorAll('input[type=text], input:not([type]), textarea').forEach(el =>
      add(el, 'text', el.closest('.widget-inline-hbox')));
    root.querySelectorAll('input[type=number]').forEach(el => add(el, 'number', el.closest('.widget-inline-hbox')));
    root.querySelectorAll('.widget-toggle-buttons').forEach(el => add(el, 'toggle-buttons', el));
    root.querySelectorAll('.widget-radio-box').forEach(el => add(el, 'radio', el.closest('.widget-radio')));
    root.querySelectorAll('input[type=checkbox]').forEach(el => add(el, 'checkbox', el.closest('.widget-checkbox')));
    root.querySelectorAll('button.widget-toggle-button').forEach(el => {
      if (!el.closest('.widget-toggle-buttons')) add(el, 'toggle', null);
    });
  });
  return found;
}"""

# What widgets show: chart pixels (canvas) or drawn SVG, and HTML, of every Output and HTML widget.
# `ready` when each chart in a widget output is drawn and the kernel is idle.
JS_WIDGET_OUTPUTS = """async () => {
  const parts = [];
  let ready = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle';
  for (const o of document.querySelectorAll('.jp-Notebook .widget-output')) {
    const bits = [];
    for (const a of o.querySelectorAll('.jp-OutputArea-output')) {
      const marks = a.querySelector('.vega-embed .marks');
      if (a.matches('.jp-RenderedVegaLite, .jp-RenderedVega') && !marks) ready = false;
      bits.push(marks ? (marks.tagName === 'CANVAS' ? marks.toDataURL() : marks.outerHTML) : a.innerHTML);
    }
    parts.push('output:' + bits.join('\u241e'));
  }
  for (const h of document.querySelectorAll('.jp-Notebook .widget-html-content, .jp-Notebook .widget-htmlmath-content'))
    parts.push('html:' + h.innerHTML);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u241f')));
  const hash = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
  return {hash, ready, outputs: parts.length};
}"""


@dataclass
class Probe:
    """The result of changing one control."""

    label: str
    kind: str
    cell: int
    tried: list[str]
    changed: bool
    seconds: float


Step = tuple[str, Callable[[], None], Callable[[], None]]  # what, do, undo


class WidgetProber:
    """Change every widget control on a page in turn and see whether the widget outputs change."""

    def __init__(self, page: Any):
        self.page = page

    def outputs(self) -> dict[str, Any]:
        return self.page.evaluate(JS_WIDGET_OUTPUTS)

    def settle(self, timeout_s: float, differ_from: str | None = None, equal_to: str | None = None) -> str:
        """Poll until the outputs are drawn, the kernel idle and the picture the same twice running
        (and, if asked, different from or equal to a given state); return the last state's hash."""
        deadline = time.monotonic() + timeout_s
        last = None
        while True:
            now = self.outputs()
            stable = now["ready"] and last is not None and now["hash"] == last["hash"]
            if stable and (differ_from is None or now["hash"] != differ_from) and (
                    equal_to is None or now["hash"] == equal_to):
                return now["hash"]
            if time.monotonic() > deadline:
                return now["hash"]
            last = now
            self.page.wait_for_timeout(250)

    def steps(self, kind: str, loc: Any) -> list[Step]:
        """A few changes a person could make to one control, each with the way back."""
        if kind == "select":
            original = loc.input_value()
            options = loc.evaluate("s => [...s.options].map(o => o.value)")
            return [(f"pick {v!r}", lambda v=v: loc.select_option(value=v), lambda: loc.select_option(value=original))
                    for v in options if v != original][:3]
        if kind == "select-multiple":
            original = loc.evaluate("s => [...s.selectedOptions].map(o => o.value)")
            options = loc.evaluate("s => [...s.options].map(o => o.value)")
            picks = [p for p in ([options[0]], [options[-1]], []) if sorted(p) != sorted(original)] if options else []
            return [(f"select {p!r}", lambda p=p: loc.select_option(value=p), lambda: loc.select_option(value=original))
                    for p in picks[:2]]
        if kind == "slider":
            return [(f"press {k}", lambda k=k: loc.press(k), lambda b=back: loc.press(b))
                    for k, back in (("ArrowRight", "ArrowLeft"), ("ArrowLeft", "ArrowRight"))]
        if kind == "text":
            original = loc.input_value()

            def submit() -> None:
                loc.fill("missile")
                loc.press("Enter")

            def restore() -> None:
                loc.fill(original)
                loc.press("Enter")

            # Enter first: it answers in a box that updates as you type and in one that waits for Enter.
            steps: list[Step] = [("type 'missile' and press Enter", submit, restore)]
            steps += [(f"type {w!r}", lambda w=w: loc.fill(w), lambda: loc.fill(original)) for w in ("missile", "zzqx")]
            # A text box may act only through a button next to it ("Check", "Search").
            button = loc.locator("xpath=ancestor::*[contains(@class,'jupyter-widgets')][last()]"
                                 "//button[contains(@class,'widget-button')]")
            if button.count():
                def fill_and_click() -> None:
                    loc.fill("missile")
                    button.first.click()

                steps.append(("type 'missile' and click the widget's button", fill_and_click,
                              lambda: loc.fill(original)))
            return steps
        if kind == "number":
            original = loc.input_value()

            def enter(value: str) -> None:
                loc.fill(value)
                loc.press("Enter")

            return [(f"enter {v}", lambda v=v: enter(v), lambda: enter(original))
                    for v in (str(float(original or 0) + 1).removesuffix(".0"),
                              str(float(original or 0) - 1).removesuffix(".0"))]
        if kind == "toggle-buttons":
            buttons = loc.locator("button")
            active = loc.evaluate("b => [...b.querySelectorAll('button')].map(x => x.classList.contains('mod-active'))")
            back = (lambda: buttons.nth(active.index(True)).click()) if True in active else (lambda: None)
            return [(f"click {buttons.nth(i).inner_text()!r}", lambda i=i: buttons.nth(i).click(), back)
                    for i, on in enumerate(active) if not on][:3]
        if kind == "radio":
            inputs = loc.locator("input[type=radio]")
            checked = [i for i in range(inputs.count()) if inputs.nth(i).is_checked()]
            back = (lambda: inputs.nth(checked[0]).check()) if checked else (lambda: None)
            return [(f"choose option {i + 1}", lambda i=i: inputs.nth(i).check(), back)
                    for i in range(inputs.count()) if i not in checked][:3]
        if kind in ("checkbox", "toggle"):
            return [("click", loc.click, loc.click)]
        raise ValueError(f"no steps for a {kind} control")

    def probe_all(self) -> list[Probe]:
        controls = self.page.evaluate(JS_MARK_CONTROLS)
        results = []
        self.page.mouse.move(0, 0)  # no hover highlight on a chart
        for control in controls:
            loc = self.page.locator(f'[data-probe="{control["id"]}"]')
            before = self.settle(CHANGE_TIMEOUT_S)
            steps = self.steps(control["kind"], loc)
            if not steps:
                continue  # nothing else to choose (a one-option dropdown)
            tried, changed, start = [], False, time.monotonic()
            for what, do, undo in steps:
                tried.append(what)
                do()
                self.page.mouse.move(0, 0)
                after = self.settle(CHANGE_TIMEOUT_S, differ_from=before)
                undo()
                self.page.mouse.move(0, 0)
                if after != before:
                    changed = True
                    # Back where it started, so the next control is tried from the same state.
                    self.settle(CHANGE_TIMEOUT_S, equal_to=before)
                    break
            results.append(Probe(control["label"], control["kind"], control["cell"], tried, changed,
                                 time.monotonic() - start))
        return results
