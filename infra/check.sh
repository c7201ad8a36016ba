#!/usr/bin/env bash
# Offline check of the infrastructure code (`npm run check:infra`, part of `npm test`).
#
# Nothing here talks to AWS. It proves what can be proved without an account:
#   1. `sst install` evaluates sst.config.ts's app() and bundles sst.config.ts with every infra/
#      file and what they import (packages/core/src/dynamo/table.ts) through SST's own esbuild
#      step, then writes SST's platform (component sources and types) into .sst/platform.
#      Skipped when .sst/platform already matches the installed sst version (~25-70 s and
#      ~320 MB otherwise). The flags keep it from downloading Pulumi and bun, which it does
#      not need for this and which are out of reach here.
#   2. tsc typechecks sst.config.ts and infra/ against those component types (infra/tsconfig.json):
#      wrong or misspelt component arguments, a `timezone` on the old Cron, a runtime SST does
#      not know, a reference to a resource that does not exist.
#   3. infra/offline/plan.ts runs the infrastructure program itself, bundled as `sst deploy`
#      bundles it, under Pulumi's mocks for a production and a developer stage, and checks the
#      resources it would create (table shape, schedule time zone, retries, dead letters, alarms,
#      links, permissions). It fails on a handler file that does not exist, on which `sst deploy`
#      would stop with "Handler not found".
# What it cannot prove (needs AWS credentials): that AWS accepts the plan (`sst diff`), and
# everything that happens at deploy time (DNS, SES verification, quotas).
set -euo pipefail
cd "$(dirname "$0")/.."

export SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1

wanted=$(node -p 'require("./node_modules/sst/package.json").version')
installed=$(cat .sst/platform/version 2>/dev/null || true)
if [ "$installed" != "$wanted" ] || [ ! -f .sst/platform/config.d.ts ]; then
  echo "check:infra: installing SST $wanted's platform into .sst/platform (once; offline from the npm registry)"
  start=$(date +%s)
  npx sst install --stage ci
  echo "check:infra: sst install took $(($(date +%s) - start)) s"
fi

npx tsc -p infra/tsconfig.json
echo "check:infra: sst.config.ts and infra/ typecheck against SST $wanted"

npx tsx infra/offline/plan.ts
