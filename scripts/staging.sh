#!/usr/bin/env bash
# Staging on one machine, loopback only: scripts/staging.sh up | smoke | drill [--short] | down
# (several in one call run in order, e.g. `scripts/staging.sh up smoke down`). What each does:
# scripts/staging/staging.py and docs/deploy.md. Needs root on Debian (it installs nginx-light,
# prometheus and wrk when missing, and starts PostgreSQL with scripts/start-postgres.sh).
set -euo pipefail
exec python3 "$(dirname "$0")/staging/staging.py" "$@"
