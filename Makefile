# notice-pipeline: `make demo` converts the samples, `make test` runs lint and tests.
# Both build the virtual environment (.venv) they need from pyproject.toml: the demo the
# package alone, the tests the package with its dev extra.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: venv demo test lint format samples schema golden bench compare-times clean variants eval report-shot

# Two stamps, one venv. `make demo` installs the package alone (its samples are .txt,
# .docx and text-layer .pdf: no extra is needed); `make test` and the development targets
# install the dev extra (OCR, Parquet, Dask, pytest, hypothesis, ruff…) into the same
# venv, so a venv made by `make demo` is upgraded by `make test`. The dev stamp also
# stamps the demo: a venv made by `make test` is not installed again by `make demo`.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BIN)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(BIN)/.installed-demo

venv: $(BIN)/.installed-dev

demo: $(BIN)/.installed-demo  ## convert the bundled samples into out/
	$(BIN)/notice-pipeline extract samples/*.txt samples/*.docx samples/*.pdf -o $(OUT)
	$(BIN)/notice-pipeline validate $(OUT)/*.json
	$(BIN)/notice-pipeline report $(OUT)

test: lint  ## lint, format check and the test suite
	$(BIN)/python -m pytest -q

lint: $(BIN)/.installed-dev  ## ruff lint and format check
	$(BIN)/ruff check pipeline tests scripts
	$(BIN)/ruff format --check pipeline tests scripts

format: $(BIN)/.installed-dev
	$(BIN)/ruff format pipeline tests scripts
	$(BIN)/ruff check --fix pipeline tests scripts

samples: $(BIN)/.installed-dev  ## rebuild the sample inputs made from sources in samples/src
	$(BIN)/python scripts/make_samples.py

variants: $(BIN)/.installed-dev  ## layout variants with their truth in samples/variants (PDFs need LibreOffice)
	$(BIN)/python scripts/make_variants.py

schema: $(BIN)/.installed-dev  ## rewrite schemas/notice.schema.json from pipeline/model.py (tests/test_schema.py checks it)
	$(BIN)/python -m pipeline.schema > schemas/notice.schema.json.part && mv schemas/notice.schema.json.part schemas/notice.schema.json
	$(BIN)/python -m pipeline.schema --keys > tests/data/schema_keys.json

golden: $(BIN)/.installed-dev  ## rewrite samples/expected from the current code (review the diff!)
	$(BIN)/python scripts/make_golden.py

bench: $(BIN)/.installed-dev  ## time extraction on the samples
	$(BIN)/python scripts/bench.py

eval: $(BIN)/.installed-dev  ## score the corpora of ../shared and the layout variants against their truth
	$(BIN)/python scripts/eval.py $(EVAL_ARGS)

report-shot: $(BIN)/.installed-demo  ## docs/report.png: the samples' report in headless Chromium
	tmp=$$(mktemp -d) && \
	$(BIN)/notice-pipeline extract samples/*.txt samples/*.docx samples/*.pdf -o $$tmp/out -q && \
	$(BIN)/notice-pipeline report $$tmp/out && \
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--screenshot=docs/report.png --window-size=1000,1600 \
		file://$$tmp/out/report.html 2>$$tmp/chromium.log || { cat $$tmp/chromium.log; false; }; \
	status=$$?; rm -rf $$tmp; exit $$status

compare-times: $(BIN)/.installed-dev  ## our time rules against dateparser and jionlp (TIME_PARSERS_PYTHON: a venv that has them) on tests/data/time_expressions.tsv and the seed
	$(BIN)/python scripts/compare_time_parsers.py

clean:
	rm -rf $(OUT) $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
