"""Install requirements.lock into fresh venvs as `make install` does, and prove
that pip took exactly the lock's files, whatever the index publishes next.

The failure this guards against: pip 23.2 (Python 3.11's bundled pip) resolved
weasel's `smart-open[http]>=5.2.1` against the index and picked a release newer
than the lock's pin, which `--require-hashes` then refused. CI had passed only
because that release did not exist yet. So this check does not wait for the
index: for every package in the lock it puts a *decoy*, a newer release
(999999.0) of the same name, in a local folder that pip is told to search. An
install that leaves pip any freedom to resolve picks a decoy and fails on its
hash; the lock's own mechanism (`--no-deps --require-hashes`, then `pip check`)
must pass untouched. It runs once with the venv's bundled pip and once with the
newest pip on the index.

Usage: python .ci/check_lock.py [--pip bundled|newest|both] [--keep]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
DECOY_VERSION = "999999.0"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.M)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    return {normalise(name): version for name, version in PIN.findall(LOCK.read_text())}


def write_decoy(folder: Path, name: str) -> None:
    """A valid, empty wheel of `name` at a version no real release will reach."""
    dist = re.sub(r"[-_.]+", "_", name)
    info = f"{dist}-{DECOY_VERSION}.dist-info"
    files = {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {DECOY_VERSION}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: claimx-check-lock\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, body in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(body.encode()).digest()).rstrip(b"=")
        record.append(f"{path},sha256={digest.decode()},{len(body.encode())}")
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = "\n".join(record) + "\n"
    with zipfile.ZipFile(folder / f"{dist}-{DECOY_VERSION}-py3-none-any.whl", "w") as whl:
        for path, body in files.items():
            whl.writestr(path, body)


def run(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def check(which: str, work: Path, decoys: Path, expected: dict[str, str]) -> None:
    venv = work / f"venv-{which}"
    run([sys.executable, "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    if which == "newest":
        # deliberately unpinned: the point is the pip a user installs today
        run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    version = subprocess.run(
        [python, "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    print(f"check-lock: {which} pip {version}", flush=True)
    # the Makefile's own install recipe, with the decoys within pip's reach
    run(
        [
            "make",
            "--no-print-directory",
            "install-lock",
            f"PIP={python} -m pip",
            f"PIP_EXTRA=--find-links {decoys}",
        ]
    )
    listing = subprocess.run(
        [python, "-m", "pip", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installed = {normalise(d["name"]): d["version"] for d in json.loads(listing)}
    wrong = {
        name: (want, installed.get(name))
        for name, want in expected.items()
        if installed.get(name) != want
    }
    extra = sorted(set(installed) - set(expected) - {"pip", "claimx"})
    if wrong or extra:
        for name, (want, got) in sorted(wrong.items()):
            print(f"check-lock: {name}: lock {want}, installed {got}", file=sys.stderr)
        for name in extra:
            print(f"check-lock: {name} installed but not in the lock", file=sys.stderr)
        raise SystemExit(f"check-lock: {which} pip {version} did not install the lock exactly")
    print(f"check-lock: {which} pip {version}: {len(expected)} packages as locked", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pip", choices=["bundled", "newest", "both"], default="both")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    expected = locked()
    work = Path(tempfile.mkdtemp(prefix="claimx-check-lock-"))
    try:
        decoys = work / "decoys"
        decoys.mkdir()
        for name in expected:
            write_decoy(decoys, name)
        for which in ("bundled", "newest") if args.pip == "both" else (args.pip,):
            check(which, work, decoys, expected)
    finally:
        if args.keep:
            print(f"check-lock: scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
