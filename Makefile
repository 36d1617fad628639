# The README's two commands are `make run` and `make test`; everything else supports them.
PYTHON ?= python3
UV := $(PYTHON) -m uv
HOST ?= 127.0.0.1
PORT ?= 8000
# Use the machine's Python; never download one.
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test e2e bench load lint layers typecheck format check-migrations check-deploy install uv assets

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --user --break-system-packages uv

install: uv
	$(UV) sync --frozen --quiet

run: install
	$(UV) run --frozen python manage.py migrate --noinput
	$(UV) run --frozen python manage.py seed_demo
	DEBUG=1 SEN_REGISTER_MFA_REQUIRED=0 $(UV) run --frozen python manage.py runserver $(HOST):$(PORT)

test: install
	$(UV) run --frozen pytest $(PYTEST_ARGS)

bench: install
	$(UV) run --frozen pytest tests/benchmarks -o addopts="" -p no:cacheprovider -s $(PYTEST_ARGS)

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

# The layers: each app imports only the ones below it, and no module circles
# (the contracts are in pyproject.toml; docs/architecture.md explains them).
layers: install
	$(UV) run --frozen lint-imports

# mypy with django-stubs on the core, the census and the services (pyproject.toml says which).
typecheck: install
	$(UV) run --frozen mypy

format: install
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

check-migrations: install
	$(UV) run --frozen python manage.py makemigrations --check --dry-run

# Production settings must leave Django's deployment checklist with nothing to say.
check-deploy: install
	SEN_REGISTER_PRODUCTION=1 ALLOWED_HOSTS=sen-register.example.org \
	SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(UV) run --frozen python manage.py check --deploy --fail-level WARNING

# Browser tests (Debian's Chromium, driven by Playwright, axe-core on every page visited).
e2e: install
	$(UV) run --frozen pytest tests/e2e -o addopts="-p no:cacheprovider --strict-markers" $(PYTEST_ARGS)

# Load benchmark: wrk against gunicorn (2 workers) on PostgreSQL with signed-in sessions, each
# page alone and in a mix, at 650 and 10,000 pupils, each against the floor page measured just
# before it, in rounds judged on the median (docs/performance.md). Loopback only; creates and
# drops its own database.
LOAD_DB ?= sen_register_load
load: install
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $(LOAD_DB)" -c "CREATE DATABASE $(LOAD_DB)"
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(LOAD_DB) DJANGO_SETTINGS_MODULE=tests.benchmarks.load_settings \
		$(UV) run --frozen python tests/benchmarks/load.py; status=$$?; \
		psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $(LOAD_DB)"; exit $$status

# GOV.UK Frontend, rebuilt from its npm package (versions pinned in assets/package-lock.json)
# without the GOV.UK crown, crest and typeface, into static/vendor/govuk-frontend. The built
# files are committed, so running the register never needs Node.
GOVUK := static/vendor/govuk-frontend
assets:
	cd assets && npm ci --no-audit --no-fund
	mkdir -p $(GOVUK)
	assets/node_modules/.bin/sass --style=compressed --no-source-map --load-path=assets/node_modules \
		assets/govuk-frontend.scss $(GOVUK)/govuk-frontend.min.css
	cp assets/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(GOVUK)/
