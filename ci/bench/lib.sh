# Sourced by the ci/bench scripts: moves to the repository root and defines bench_classpath.
# shellcheck shell=bash
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# Compiles main and test classes and sets BENCH_CP to their classpath with every test-scope dependency
# (the bench mains live under src/test). The classpath goes through a temp file removed right away, since the
# callers exec java and an EXIT trap would never run.
bench_classpath() {
  mvn -q -B test-compile
  local cp_file
  cp_file="$(mktemp)"
  mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test \
    || { rm -f "$cp_file"; return 1; }
  BENCH_CP="target/classes:target/test-classes:$(cat "$cp_file")"
  rm -f "$cp_file"
}
