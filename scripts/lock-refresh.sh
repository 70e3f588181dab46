#!/usr/bin/env bash
# Brings package-lock.json in line with the package.json files, so that `npm ci` accepts it on a
# fresh clone (CI runs `npm ci` without any fallback).
#
# Why not a plain `npm install`: with a node_modules present, npm 11 writes a lock that lacks the
# optional per-platform packages it did not install here (@swc/core-darwin-*, @unrs/resolver-binding-*,
# ...), and `npm ci` then refuses it ("Missing: ... from lock file"). So the lock is resolved in a
# scratch copy that holds only the package.json files, the lock and .npmrc, with no node_modules,
# and `npm ci --dry-run` checks the result before it is copied back.
#
# Usage (after merging branches that change dependencies; on a lock conflict take either side first,
# e.g. `git checkout --theirs package-lock.json`):
#   bash scripts/lock-refresh.sh                 # keep every locked version, add/remove what changed
#   bash scripts/lock-refresh.sh --from-scratch  # re-resolve everything to the newest in range
# then `npm ci` to install it, and commit package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
files=(package.json .npmrc)
[ -f package-lock.json ] && files+=(package-lock.json)
for f in apps/*/package.json packages/*/package.json; do files+=("$f"); done
for f in "${files[@]}"; do
  mkdir -p "$work/$(dirname "$f")"
  cp "$f" "$work/$f"
done

cd "$work"
if [ "${1:-}" = "--from-scratch" ]; then
  rm -f package-lock.json
fi
npm install --package-lock-only --ignore-scripts --no-audit --no-fund
# Fails with "Missing: ... from lock file" or "Invalid: ..." if npm ci would refuse the lock.
npm ci --dry-run --ignore-scripts --no-audit --no-fund >/dev/null
cp package-lock.json "$root/package-lock.json"
echo "package-lock.json refreshed; now run: npm ci"
