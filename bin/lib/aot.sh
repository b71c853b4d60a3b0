# Sourced by bin/cfn: the JDK's AOT caches of target/cfn.jar (JEP 483/514/515, JDK 25+), which
# start cfn with its classes already loaded and linked.
#
# Every class in a cache is loaded at every start that uses it, so there are two, each made by a
# training run (a mix of real commands in one JVM, see dev.cfn.cli.AotTraining) the first time a
# command needs it: the "hot" cache holds only what the commands agents and scripts run all the
# time need (skill list/show/load/log), the "full" one everything common (set-up, reports, help,
# the server's start). bin/cfn picks one by command. They are kept beside the jar as
# cfn-<size>-<mtime>-<inode>.hot.aot and .aot: a rebuilt jar gets new names, so a stale cache is
# never used (the JDK can keep serving the previous classes otherwise). Both belong to
# cfn-<key>.aot.jar, a copy of the jar in which AotJar.java re-emitted picocli's Java 5 classes as
# Java 8 ones, which a cache can hold, split in three: the manifest and small resources,
# cfn-<key>.aot.core.jar with the classes one-shot commands use, and cfn-<key>.aot.rest.jar with the
# rest (server, Redis, metrics, SDKs); the first jar's manifest puts the other two on the class path,
# and a one-shot start with a cache opens neither.
# One creator at a time (flock -n: the others run without it); written to temporary names and
# renamed. A JDK older than 25, or one that rejects the flags, runs without it; a failed training
# leaves <cache>.failed so it is not retried for this build. CFN_AOT=off turns them off.

# cfn_aot_options JAR EXAMPLES_DIR MIX JAVA_OPTION...: sets the array CFN_AOT_OPTS to the options
# that use the jar's AOT cache for MIX (hot or full; creating it first if this build has none), or
# to a -Dcfn.aot.status that says why there is none (cfn --version prints it), and CFN_RUN_JAR to
# the jar to run.
cfn_aot_options() {
  local jar=$1 examples=$2 mix=$3 key base cache
  shift 3
  CFN_AOT_OPTS=()
  CFN_RUN_JAR=$jar
  if [ "${CFN_AOT:-on}" = off ]; then
    CFN_AOT_OPTS=("-Dcfn.aot.status=turned off by CFN_AOT=off")
    return 0
  fi
  if [ "${CFN_JDK_MAJOR:-0}" -lt 25 ]; then
    CFN_AOT_OPTS=("-Dcfn.aot.status=JDK $CFN_JDK_MAJOR has no AOT cache (needs 25 or newer)")
    return 0
  fi
  # The jar's size, mtime and inode name its cache. stat is a process (~1.5 ms of every start), so the
  # key is remembered in cfn.aot.key and trusted while that file is newer than the jar; a jar put
  # back with an older mtime keeps the old key, and the JVM then rejects that cache (--version says
  # so) until the jar is touched.
  local keyfile=${jar%.jar}.aot.key
  key=
  if [ "$keyfile" -nt "$jar" ]; then read -r key <"$keyfile" || key=; fi
  case $key in
    [0-9]*-[0-9]*-[0-9]*) ;;
    *)
      key=$(stat -c '%s-%Y-%i' "$jar" 2>/dev/null) || return 0
      if printf '%s\n' "$key" 2>/dev/null >"$keyfile.$$"; then mv -f "$keyfile.$$" "$keyfile" 2>/dev/null || rm -f "$keyfile.$$"; fi
      ;;
  esac
  base=${jar%.jar}-$key
  if [ "$mix" = hot ]; then cache=$base.hot.aot; else cache=$base.aot; fi
  if [ ! -f "$cache" ] || [ ! -f "$base.aot.jar" ] || [ ! -f "$base.aot.core.jar" ] || [ ! -f "$base.aot.rest.jar" ]; then
    if [ ! -w "${jar%/*}" ]; then
      CFN_AOT_OPTS=("-Dcfn.aot.status=the jar's folder ${jar%/*} is not writable, so no cache can be made beside it")
      return 0
    fi
    if [ -f "$cache.failed" ]; then
      CFN_AOT_OPTS=("-Dcfn.aot.status=creating it failed, see ${jar%.jar}-aot.log (delete $cache.failed to retry)")
      return 0
    fi
    if ! cfn_aot_create "$jar" "$base" "$cache" "$mix" "$examples" "$@"; then
      CFN_AOT_OPTS=("-Dcfn.aot.status=another cfn is creating it, or creating it failed (see ${jar%.jar}-aot.log)")
      return 0
    fi
  fi
  # -Xlog:aot*=off: a cache the JVM rejects must not print to stdout; --version reports it instead.
  CFN_AOT_OPTS=("-XX:AOTCache=$cache" "-Xlog:aot*=off" "-Xlog:cds*=off" "-Dcfn.aot.cache=$cache")
  CFN_RUN_JAR=$base.aot.jar
}

# cfn_aot_create JAR BASE CACHE MIX EXAMPLES_DIR JAVA_OPTION...: writes BASE.aot.jar,
# BASE.aot.core.jar and BASE.aot.rest.jar (the jar, its pre-Java-6 classes re-emitted, split in
# three) unless a first training did, and CACHE (one training run of MIX on them); returns non-zero
# when another process holds the lock or the training wrote no cache.
cfn_aot_create() {
  local jar=$1 base=$2 cache=$3 mix=$4 examples=$5 copy=$2.aot
  shift 5
  (
    flock -n 9 || exit 3
    [ -f "$cache" ] && [ -f "$copy.jar" ] && [ -f "$copy.core.jar" ] && [ -f "$copy.rest.jar" ] && exit 0
    if [ -t 2 ]; then echo "cfn: creating the start-up cache for this build (once; a few seconds)..." >&2; fi
    log=${jar%.jar}-aot.log
    work=$(mktemp -d "${TMPDIR:-/tmp}/cfn-aot.XXXXXX") || exit 1
    trap 'rm -rf "$work" "$cache.tmp" "$cache.tmp.config" "$copy.jar.tmp"' EXIT
    # The first jar's manifest names the other two by their final names, so they are written there
    # (under this lock) and the first one last. Without AotJar the cache still works: picocli left
    # out of it and every start opening the whole jar (empty jars keep the layout the same).
    if [ ! -f "$copy.jar" ] || [ ! -f "$copy.core.jar" ] || [ ! -f "$copy.rest.jar" ]; then
      if "$CFN_JDK/bin/java" "$(dirname "${BASH_SOURCE[0]}")/AotJar.java" "$jar" "$copy.jar.tmp" \
        "$copy.core.jar" "$copy.rest.jar" >"$log" 2>&1 </dev/null; then
        :
      else
        cp "$jar" "$copy.jar.tmp" &&
          "$CFN_JDK/bin/jar" --create --file "$copy.core.jar" --no-manifest -C "$work" . &&
          "$CFN_JDK/bin/jar" --create --file "$copy.rest.jar" --no-manifest -C "$work" .
      fi
      mv -f "$copy.jar.tmp" "$copy.jar"
    fi
    skills=()
    if [ -d "$examples" ]; then skills=("-Dcfn.aot.skills=$examples"); fi
    # A command of the mix that fails is named in the log; the cache is good as long as it was written.
    env -u CFN_HOME -u CFN_DB_URL -u CFN_REDIS_URL "$CFN_JDK/bin/java" "$@" \
      -XX:AOTCacheOutput="$cache.tmp" -Dcfn.aot.training="$work" -Dcfn.aot.mix="$mix" "${skills[@]}" \
      -jar "$copy.jar" >>"$log" 2>&1 </dev/null || true
    if [ -s "$cache.tmp" ]; then
      mv -f "$cache.tmp" "$cache"
      # Caches and copies of earlier builds go; this build's (the other mix's too) stay.
      for old in "${jar%.jar}"-*.aot "${jar%.jar}"-*.aot*.jar "${jar%.jar}"-*.aot.failed; do
        case $old in "$base".*) ;; *) rm -f "$old" ;; esac
      done
      exit 0
    fi
    : >"$cache.failed"
    exit 1
  ) 9>"${jar%.jar}.aot.lock"
}
