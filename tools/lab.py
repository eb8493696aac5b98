"""Start JupyterLab at the first notebook: `make lab`, or `python tools/lab.py` where there is no `make`.

- No pop-up asks about Jupyter news and no update check runs: the settings in `jupyter-config/` (read through
  JUPYTER_CONFIG_PATH) turn both off, and the server fetches no news feed.
- As root (a container, a lab-room image, a fresh machine), JupyterLab refuses to start without `--allow-root`:
  this adds it, and says so.

Extra arguments go to JupyterLab, e.g. `python tools/lab.py --no-browser --port 8890`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "jupyter-config"


def first_notebook() -> Path:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def command(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment `main` runs."""
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(CONFIG), env.get("JUPYTER_CONFIG_PATH")) if p)
    args = [sys.executable, "-m", "jupyterlab", str(first_notebook().relative_to(ROOT)), "--LabApp.news_url=None",
            *argv]
    if is_root() and "--allow-root" not in argv:
        args.append("--allow-root")
    return args, env


def main(argv: list[str]) -> int:
    args, env = command(argv)
    if "--allow-root" in args and "--allow-root" not in argv:
        print("Running as root (a container or a lab-room image?): starting JupyterLab with --allow-root. "
              "On a shared machine, run it as an ordinary user instead.", flush=True)
    proc = subprocess.Popen(args, env=env, cwd=ROOT)
    # Stopping this script stops JupyterLab too (Ctrl+C reaches both; a plain `kill` only this one).
    signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    try:
        return proc.wait()
    except KeyboardInterrupt:
        return proc.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
