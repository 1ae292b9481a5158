#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md: ./mvnw -B -Pbenchmark verify, which compiles the plugin and
# its test classes and runs org.sqlwarehouse.bench.Benchmarks in a forked JVM. Prints a table and
# writes target/benchmarks.json; JFR recordings of the workloads whose goal is missed go to
# target/bench/profiles/.
#
#   bash bench/run-benchmarks.sh                  # all benchmarks, 2-5 minutes on 2 cores
#   bash bench/run-benchmarks.sh compile memory   # some of: compile deploy redeploy change memory
#
# Environment:
#   BENCH_RUNS=quick           one or two runs each, to check that everything works
#   BENCH_PROFILE=missed       when to profile with JFR: missed (default), always, never
#   WAREHOUSE_TEST_PG_HOST/PORT/USER/DATABASE   the PostgreSQL server, as the tests read it
#                              (default 127.0.0.1:5432, user postgres, database postgres)
# The deploy benchmarks create and drop the schemas wh_bench_raw, wh_bench_deploy and
# wh_bench_redeploy there, and need psql on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

only=all
if [ "$#" -gt 0 ]; then
  only=$(IFS=,; echo "$*")
fi

needs_pg=true
case ",$only," in
  *,deploy,*|*,redeploy,*|*,change,*|,all,) needs_pg=true ;;
  *) needs_pg=false ;;
esac
if [ "$needs_pg" = true ]; then
  command -v psql >/dev/null || { echo "psql is needed on the PATH (the deploy floor runs it)" >&2; exit 1; }
  host=${WAREHOUSE_TEST_PG_HOST:-127.0.0.1}
  port=${WAREHOUSE_TEST_PG_PORT:-5432}
  if ! psql -X -q -h "$host" -p "$port" -U "${WAREHOUSE_TEST_PG_USER:-postgres}" \
      -d "${WAREHOUSE_TEST_PG_DATABASE:-postgres}" -c 'select 1' >/dev/null 2>&1; then
    echo "No PostgreSQL answers at $host:$port; the deploy benchmarks need one (or run: $0 compile memory)" >&2
    exit 1
  fi
fi

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec ./mvnw -B -Pbenchmark verify -Dbench.only="$only" -Dbench.runs="${BENCH_RUNS:-full}" \
  -Dbench.profile="${BENCH_PROFILE:-missed}"
