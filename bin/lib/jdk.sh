# Sourced by bin/cfn and bin/mvn. cfn_find_jdk sets CFN_JDK to a JDK >= 21: JAVA_HOME when it
# qualifies, else the newest under /usr/lib/jvm. Reads each JDK's `release` file (no JVM is started).
cfn_jdk_major() { # prints the feature version of the JDK in $1, or 0
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$1/release" 2>/dev/null)
  v=${v#1.}
  echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}
cfn_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(cfn_jdk_major "$JAVA_HOME")" -ge 21 ]; then
    CFN_JDK=$JAVA_HOME
    return 0
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(cfn_jdk_major "$candidate")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -n "$best" ]; then CFN_JDK=$best; return 0; fi
  echo "cfn: no JDK >= 21 found (set JAVA_HOME to one, or install one under /usr/lib/jvm)" >&2
  return 1
}
