# Everyday verbs. The README's two commands need none of these.
.PHONY: run demo build test test-pg e2e format traps ci bench bench-county bench-import bench-cluster fuzz chaos api-fuzz backup-check fingerprint

run:            ## serve with demo data on SQLite at http://127.0.0.1:8080
	swift run uniondesk serve --demo

build:
	swift build --build-tests

test:           ## unit and database tests on in-memory SQLite
	swift test

test-pg:        ## database-backed suites against a throw-away PostgreSQL on 127.0.0.1:55432
	eval "$$(scripts/pg-start.sh)" && DATABASE_URL="$$DATABASE_URL" swift test --filter AppTests; rc=$$?; scripts/pg-stop.sh; exit $$rc

e2e: build      ## browser test in headless Chromium (needs chromium, chromium-driver, libreoffice-writer-nogui; pip selenium pytest requests python-docx pypdf openpyxl)
	python3 -m pytest -q e2e

format:
	swift format --in-place --recursive Sources Tests Package.swift

traps:          ## no force unwrap, force cast or try! in Sources/ (each exception needs a written reason)
	scripts/check-traps.sh

ci:             ## what CI runs, on this machine
	CI=true bash .ci/run

bench:          ## county-scale benchmarks (member list, dashboards, module lists, summary, drill-down) and the 100,000-row import, on SQLite and PostgreSQL; writes docs/performance.md. The counties are kept in .build/county for the next run
	Benchmarks/bench-county.sh
	Benchmarks/bench-import.sh 100000

bench-county:   ## only the county-scale benchmarks
	Benchmarks/bench-county.sh

bench-import:   ## import benchmark beside the sqlite3 .import and COPY floors (100,000 and 1,000,000 rows); writes docs/performance.md
	Benchmarks/bench-import.sh

bench-cluster:  ## two serve processes on one PostgreSQL: a session moves between them; racing approvals and payments end with one of each
	Benchmarks/bench-cluster.sh

fuzz:           ## libFuzzer + AddressSanitizer on every parser of outside input, FUZZ_SECONDS (60) per target; crashes in .build-fuzz/crashes
	scripts/fuzz.sh

chaos:          ## kill -9 during 100,000-row imports and concurrent payments, 20 runs each, SQLite and PostgreSQL; checks the database after each
	Benchmarks/chaos.sh 20

api-fuzz:       ## schemathesis against the OpenAPI document of a demo server: no 5xx, every answer as documented
	scripts/api-fuzz.sh

backup-check:   ## back up the demo and restore it into fresh databases (SQLite, PostgreSQL); compare counts, decrypt a member
	scripts/backup-check.sh

fingerprint:    ## the demo's work summaries and database digest under a fixed clock, in FP_OUT (compare before and after a refactor)
	swift build
	scripts/demo-fingerprint.sh .build/debug/uniondesk $${FP_OUT:-.build/fingerprint}
