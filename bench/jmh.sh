#!/usr/bin/env bash
# Runs the JMH benchmarks of the hot paths (src/test/java/dev/cfn/skills/bench/jmh: load cached and
# cold, update, dual logging) with short, sane defaults: 1 fork, 3 x 2 s warm-up, 5 x 2 s
# measurement, sample-time mode (p50/p90/p99 per benchmark). Not part of `mvn verify`.
#
# Usage: bench/jmh.sh [JMH options] [benchmark regex]
#   bench/jmh.sh                      every benchmark (about 2 minutes)
#   bench/jmh.sh LoadBenchmark.cold   one benchmark
#   bench/jmh.sh -prof gc -i 10 Update  a JMH profiler; an option given replaces its default
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/lib/jdk.sh"
cfn_find_jdk

classpath_file=$root/target/jmh.classpath
"$root/bin/mvn" -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test >&2
if [ ! -f "$root/target/test-classes/META-INF/BenchmarkList" ]; then
  echo "jmh.sh: target/test-classes/META-INF/BenchmarkList is missing: is jmh-generator-annprocess" \
    "listed under the compiler's annotationProcessorPaths?" >&2
  exit 1
fi
defaults=()
for option in "-f 1" "-wi 3" "-w 2s" "-i 5" "-r 2s"; do
  [[ " $* " == *" ${option%% *} "* ]] || defaults+=($option)
done
exec "$CFN_JDK/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$root/target/test-classes:$root/target/classes:$(cat "$classpath_file")" \
  org.openjdk.jmh.Main "${defaults[@]}" "$@"
