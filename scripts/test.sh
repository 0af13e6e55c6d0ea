#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every check the project has,
# cheapest first so a mistake fails fast: formatting, the UI's types, lint and unit tests, Rust
# lints, the Rust test suites (including the bindings drift check), then the end-to-end
# WebDriver suite on the real app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
frontdesk_setup

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: build (the app embeds ui/dist), tsc --noEmit, ESLint, Vitest"
npm run build --workspace ui
npm run typecheck --workspace ui
npm run lint --workspace ui
npm run test --workspace ui

step "clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (nextest), including the bindings drift check"
cargo nextest run --workspace --locked --no-fail-fast

step "end-to-end WebDriver suite"
cargo build -p frontdesk-app --locked
tests/e2e/run.sh "$PWD/target/debug/frontdesk-app"
