# Sourced by bin/cfn and bin/mvn. cfn_find_jdk sets CFN_JDK to a JDK >= 21 and CFN_JDK_MAJOR to its
# feature version: JAVA_HOME when it qualifies, else the newest under /usr/lib/jvm. Reads each JDK's
# `release` file with bash builtins only (no JVM, no subprocess: this runs on every cfn start).
cfn_jdk_major() { # prints the feature version of the JDK in $1, or 0
  cfn_jdk_major_var "$1"
  echo "$REPLY"
}
cfn_find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    cfn_jdk_major_var "$JAVA_HOME"
    if [ "$REPLY" -ge 21 ]; then
      CFN_JDK=$JAVA_HOME
      CFN_JDK_MAJOR=$REPLY
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    cfn_jdk_major_var "$candidate"
    major=$REPLY
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -n "$best" ]; then CFN_JDK=$best; CFN_JDK_MAJOR=$best_major; return 0; fi
  echo "cfn: no JDK >= 21 found (set JAVA_HOME to one, or install one under /usr/lib/jvm)" >&2
  return 1
}
# Like cfn_jdk_major, but sets REPLY instead of printing (a $(...) would fork a subshell).
cfn_jdk_major_var() {
  local line
  REPLY=0
  [ -r "$1/release" ] || return 0
  while IFS= read -r line; do
    case $line in
      JAVA_VERSION=*)
        REPLY=${line#JAVA_VERSION=}
        REPLY=${REPLY//\"/}
        REPLY=${REPLY#1.}
        REPLY=${REPLY%%[!0-9]*}
        break
        ;;
    esac
  done <"$1/release"
  REPLY=${REPLY:-0}
}
