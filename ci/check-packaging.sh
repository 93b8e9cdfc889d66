#!/usr/bin/env bash
# Checks what 'mvn install' produced, as a user's build would see it (run after it; .ci/run does):
#  - the library jar is thin (no dependency classes shaded in), names its automatic module, and carries the
#    built-in scenarios and the workload's C source;
#  - the CLI jar (classifier cli, target/faultlab.jar) lists the built-in scenarios from an unrelated directory;
#  - the installed artifacts are in the local Maven repository under their coordinates.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fail() { echo "check-packaging: $*" >&2; exit 1; }
version=$(python3 -c 'import xml.etree.ElementTree as E
print(E.parse("pom.xml").getroot().find("{http://maven.apache.org/POM/4.0.0}version").text)')
lib="target/faultlab-$version.jar"
[[ -f "$lib" ]] || fail "$lib missing: run 'mvn -B install' first"
entries="$(unzip -Z1 "$lib")"
grep -q '^dev/faultlab/scenario/lab-scenarios/tunl0-mtu-blackhole.yaml$' <<<"$entries" \
  || fail "$lib lacks the built-in scenarios (pom.xml resources from lab-scenarios/)"
[[ $(grep -c '^dev/faultlab/scenario/lab-scenarios/.*\.yaml$' <<<"$entries") -eq $(ls lab-scenarios/*.yaml | wc -l) ]] \
  || fail "$lib does not carry every lab-scenarios/*.yaml"
grep -q '^dev/faultlab/workload/faultlab-workload.c$' <<<"$entries" || fail "$lib lacks the workload's C source"
if grep -v '^dev/faultlab/\|^META-INF/\|^dev/$' <<<"$entries" | grep -q '\.class$'; then
  fail "$lib has classes outside dev.faultlab: the library must stay thin (shade only the cli classifier)"
fi
unzip -p "$lib" META-INF/MANIFEST.MF | grep -q '^Automatic-Module-Name: dev.faultlab' \
  || fail "$lib has no Automatic-Module-Name"
repo="${HOME}/.m2/repository/dev/faultlab/faultlab/$version"
for f in "faultlab-$version.jar" "faultlab-$version.pom" "faultlab-$version-cli.jar"; do
  [[ -f "$repo/$f" ]] || fail "$repo/$f not installed"
done
jar="$PWD/target/faultlab.jar"
elsewhere="$(mktemp -d)"
trap 'rm -rf "$elsewhere"' EXIT
(cd "$elsewhere" && java -jar "$jar" list) | grep -q '^tunl0-mtu-blackhole ' \
  || fail "'faultlab list' from $elsewhere does not show the built-in scenarios"
echo "check-packaging: $lib thin with built-ins, cli jar runs anywhere, installed as dev.faultlab:faultlab:$version"
