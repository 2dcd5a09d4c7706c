# Rebound: `make run` serves the app, `make test` runs every test. Both install what is missing first.
SHELL := /bin/bash
TOOLS_DIR ?= $(HOME)/.cache/rebound-tools
export PATH := $(HOME)/.cargo/bin:$(TOOLS_DIR)/node_modules/.bin:$(PATH)
ADDR ?= 127.0.0.1:3000
# cargo-leptos builds the development server with this flag. The Rust tests use it too, so both
# share one set of compiled dependencies instead of building everything twice.
DEV_RUSTFLAGS := --cfg erase_components

.PHONY: setup setup-e2e build build-dev run demo test lint release-bundle test-rust test-rust-postgres test-e2e test-e2e-postgres bench clean

setup:
	@scripts/setup.sh

setup-e2e:
	@REBOUND_SETUP_E2E=1 scripts/setup.sh

## Release build of the server and the browser bundle.
build: setup
	cargo leptos build --release
	scripts/compress-site.sh

## Development build (what the tests use).
build-dev: setup
	cargo leptos build || { scripts/build-resources.sh; exit 1; }
	scripts/compress-site.sh

## Build the release site and serve it at http://$(ADDR) with the database under ./data.
run: build
	@mkdir -p data
	LEPTOS_SITE_ADDR=$(ADDR) target/release/rebound serve

## Serve an invented demo organisation from its own database (data/demo.db).
demo: build
	@mkdir -p data
	target/release/rebound --database sqlite://data/demo.db demo-seed
	LEPTOS_SITE_ADDR=$(ADDR) target/release/rebound --database sqlite://data/demo.db serve

## Formatting and lints, every Rust test (unit, db, HTTP integration) on SQLite and again on a
## throwaway PostgreSQL cluster, and the Playwright suite, JavaScript on and off.
test: setup-e2e lint release-bundle test-rust test-rust-postgres build-dev test-e2e test-e2e-postgres

## Formatting and lints, for the server (with its tests) and for the browser bundle.
lint:
	cargo fmt --check
	RUSTFLAGS="$(DEV_RUSTFLAGS)" cargo clippy --no-default-features --features ssr --all-targets -- -D warnings
	cargo clippy --no-default-features --features hydrate --lib --target wasm32-unknown-unknown -- -D warnings

## The browser bundle as `make run` builds it. Development builds erase component types; a
## release build does not, and a page whose view types nest too deeply compiles only in the first.
release-bundle:
	cargo build --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release

test-rust:
	RUSTFLAGS="$(DEV_RUSTFLAGS)" cargo test --no-default-features --features ssr || { scripts/build-resources.sh; exit 1; }

## The Rust suite against PostgreSQL: scripts/postgres-cluster.sh installs Debian's postgresql
## when missing (as root), starts a cluster of its own on a free loopback port, points the tests
## at it (REBOUND_TEST_POSTGRES_URL), and removes it afterwards.
test-rust-postgres:
	RUSTFLAGS="$(DEV_RUSTFLAGS)" scripts/postgres-cluster.sh run cargo test --no-default-features --features ssr || { scripts/build-resources.sh; exit 1; }

test-e2e:
	cd end2end && REBOUND_BIN=../target/debug/rebound npx playwright test

## The setup and plan journeys again, on a throwaway PostgreSQL cluster.
test-e2e-postgres:
	cd end2end && REBOUND_BIN=../target/debug/rebound ../scripts/postgres-cluster.sh run npx playwright test setup.spec.ts plan.spec.ts

## Seed a large synthetic organisation, load it on SQLite and on a throwaway PostgreSQL cluster (or
## only on BENCH_DATABASE=sqlite|postgres), run Lighthouse, check the budgets, write bench/results.md.
bench: build
	@REBOUND_SETUP_BENCH=1 scripts/setup.sh
	@missing=""; for tool in wrk brotli bc; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get install -y $$missing >/dev/null; \
	    else echo "make bench needs:$$missing (install them with: sudo apt-get install$$missing)"; exit 1; fi; \
	  fi
	@if [ -n "$$BENCH_DATABASE" ]; then scripts/bench.sh "$$BENCH_DATABASE"; else scripts/bench.sh sqlite && scripts/bench.sh postgres; fi
	@scripts/bench-report.py

clean:
	cargo clean
