# wpsnap — the two set-up commands are `make run` and `make test`; see README.md.
VENV    := .venv
PY      := $(VENV)/bin/python
WPSNAP  := $(VENV)/bin/wpsnap
STAMP   := $(VENV)/.installed
HOST    ?= $(or $(WPSNAP_HOST),127.0.0.1)
PORT    ?= $(or $(WPSNAP_PORT),8000)
WORKERS ?= 3

.PHONY: run test bench lint messages lock install setup serve clean

install: $(STAMP)

# (Re)build the virtualenv when it is missing, broken, or older than the dependency files.
$(STAMP): pyproject.toml requirements.lock scripts/find-python
	@if ! $(PY) -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then \
	  rm -rf $(VENV); \
	  P=$$(scripts/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$P"; \
	  $$P -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

var/secret_key:
	@mkdir -p var
	@umask 077 && $(or $(wildcard $(PY)),python3) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
	@echo "Generated a new secret key in var/secret_key"

setup: $(STAMP) var/secret_key
	$(WPSNAP) migrate --noinput
	$(WPSNAP) collectstatic --noinput --verbosity 0
	$(WPSNAP) load_reference
	WPSNAP_HOST=$(HOST) WPSNAP_PORT=$(PORT) $(WPSNAP) load_demo

# One background worker (imports, retraining) beside gunicorn; both stop together.
# With HOST=0.0.0.0 (or a LAN address) phones on the venue's Wi-Fi join a workshop: `lan_qr`
# prints the laptop's addresses and the QR code of the join page, and they are allowed hosts.
serve: setup
	@hosts="$${WPSNAP_ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]}"; \
	case "$(HOST)" in 127.*|localhost|::1) \
	  echo "wpsnap is serving on http://$(HOST):$(PORT)/ (stop with Ctrl+C)";; \
	*) lan=$$($(WPSNAP) lan_qr --host "$(HOST)" --port "$(PORT)" --hosts-only); \
	  hosts="$$hosts$${lan:+,$$lan}"; \
	  echo "wpsnap is serving on $(HOST), port $(PORT) (stop with Ctrl+C)"; \
	  $(WPSNAP) lan_qr --host "$(HOST)" --port "$(PORT)";; \
	esac; \
	export WPSNAP_ALLOWED_HOSTS="$$hosts"; \
	$(WPSNAP) db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn wpsnap.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) \
	  --access-logfile - --access-logformat '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'

run: serve

# The suite runs in parallel, one worker per CPU (pytest-xdist; each worker has its own test
# database); `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto
test: $(STAMP)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Figures go to bench/results/*.json. The import benchmark (10,000 and 100,000 Kobo
# submissions) takes about ten minutes; `make bench BENCH_SIZES=10000` for a quick run.
# The coding-assistant benchmark (50,000 Statements) takes about three minutes.
# The workshop benchmark (300, 1,000 and 3,000 simulated phones on gunicorn) takes about
# four and a half minutes; `.venv/bin/python bench/workshop_bench.py --quick` about one.
# The Plan benchmark (the Plan stage's pages and exports on the demo NAP, then on it grown ×10)
# takes about three minutes; `.venv/bin/python bench/plan_bench.py --quick` about two.
BENCH_SIZES ?= 10000,100000
bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/import_bench.py --sizes $(BENCH_SIZES)
	$(PY) bench/suggest_bench.py
	$(PY) bench/live_bench.py
	$(PY) bench/workshop_bench.py
	$(PY) bench/plan_bench.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .

messages: $(STAMP) var/secret_key
	cd src/wpsnap && ../../$(WPSNAP) makemessages --locale km --no-obsolete --no-location \
	  --extension html,txt,py --ignore 'tests/*' --ignore '*/tests/*'
	cd src/wpsnap && ../../$(WPSNAP) compilemessages --locale km

# Regenerate the lock file from the current virtualenv after changing pyproject.toml.
lock:
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > requirements.lock

clean:
	rm -rf $(VENV) var/static
