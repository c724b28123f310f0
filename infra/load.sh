#!/usr/bin/env bash
# IAM Ledger load driver: the performance figures of issue 2, on this machine, loopback only.
#
#   infra/load.sh writes  [seconds=60] [clients=16]  [--warmup=10] [--sample-every=20] [--watch-kafka] [--data-dir=DIR]
#       CreateUser + AttachUserPolicy from signing clients in the server's JVM (SigV4-signed as the SDK signs), against
#       an in-process server: requests/s, latency percentiles, errors by code; projection lag (call returned -> row
#       in iam_read); server gauges.
#   infra/load.sh writes  [seconds] [clients] --client=sdk [--warmup=10] [--targets=null,ledger,moto] [--data-dir=DIR]
#       The same calls through the AWS SDK for Java v2 in a JVM of its own, against each target in turn: a null
#       server (fixed responses: the client side's ceiling here), IAM Ledger, and moto_server when it is installed
#       (pip install 'moto[server]'); requests/s and latency of each, as a share of the ceiling, and CPU per call.
#   infra/load.sh sts     [seconds=30] [clients=16]  [--warmup=10] [--client=signing|sdk] [--phases=user,session,assume]
#       Three phases against an in-process server, each warmed up then measured: GetCallerIdentity signed with an
#       IAM user's key, GetCallerIdentity signed with an assumed-role session's credentials, and AssumeRole.
#   infra/load.sh rebuild [events=200000]  [--batch=2000[,500,...]] [--data-dir=DIR]
#       Tops the event store up to `events` (in-process, through the command gateway), then times a replay into a
#       fresh read-model schema (EventLogReader + Projector, one transaction per batch) and checks it against
#       the live model. DIR defaults to /tmp/iam-ledger-load/rebuild and is kept, so the next run skips generating.
#   infra/load.sh history [events=1000000] [--users=9000] [--roles=1000] [--queries=1000] [--ask=can,timeline,who-can] [--data-dir=DIR]
#       An account of users + roles whose history of `events` events is spread over the past year (generated
#       in-process, with event times from a simulated clock, the first time only: DIR defaults to
#       /tmp/iam-ledger-load/history and is kept), then can, timeline (over the whole year) and who-can at random
#       principals, resources and instants through TimeTravel: p50/p90/p99/max of each.
#   infra/load.sh startup [--timeout=180] [--classpath]
#       java -jar infra/target/iam-ledger.jar serve: first start on an empty data directory, then a restart.
#       Rebuilds the jar (mvn package -DskipTests) first if it is missing or older than the sources. With
#       --classpath, runs the same main class from the test class path instead (when the jar itself is broken).
#
# Environment: IAMLEDGER_* settings apply to the server (IAMLEDGER_POSTGRES_SETTINGS=shared_preload_libraries=
# pg_stat_statements adds per-statement totals to the writes report, pg_stat_statements.track_planning=on their
# planning time); LOAD_JAVA_OPTS (default "-Xms1g -Xmx4g") the driver's JVM, which runs the servers;
# LOAD_CLIENT_JAVA_OPTS (default "-Xms256m -Xmx1g") the SDK client's JVM; LOAD_MOTO_SERVER the moto_server to run;
# LOAD_JFR=1 also records a JFR profile of the driver JVM next to the report; LOAD_MODULES=tree takes every module
# from this tree's own `mvn package` (run if stale) instead of infra + the other modules as installed in ~/.m2 (the
# default, as -pl infra).
# Reports go to stdout and to infra/target/load/<mode>-<time>.log. Each mode stops by itself: the driver has a
# watchdog, and this script an outer time limit.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mode=${1:-help}
work=infra/target/load
mkdir -p "$work"
stamp=$(date +%Y%m%d-%H%M%S)

case "$mode" in
  writes|sts|rebuild|history|startup) ;;
  *) sed -n '2,37p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

maven_running() {
  pgrep -f 'org.codehaus.plexus.classworlds.launcher.Launcher' >/dev/null 2>&1
}

# Others build in this repository too; a full package on 2 cores next to another build helps no one.
wait_for_other_builds() {
  local waited=0
  while maven_running && [ "$waited" -lt 600 ]; do
    [ "$waited" -eq 0 ] && echo "load.sh: another Maven build is running; waiting for it (at most 10 min)" >&2
    sleep 5
    waited=$((waited + 5))
  done
}

jar=infra/target/iam-ledger.jar
jar_is_stale() {
  [ ! -f "$jar" ] || [ -n "$(find events/src command-side/src query-side/src infra/src pom.xml events/pom.xml \
      command-side/pom.xml query-side/pom.xml infra/pom.xml -newer "$jar" -type f 2>/dev/null | head -1)" ]
}
package_tree() {
  wait_for_other_builds
  echo "load.sh: $jar is missing or older than the sources; building (mvn package -DskipTests)" >&2
  if ! mvn -B -q -o package -DskipTests; then
    [ -f "$jar" ] || { echo "load.sh: the build failed and there is no jar" >&2; exit 1; }
    echo "load.sh: the build failed; measuring the existing (older) build" >&2
  fi
}

modules=${LOAD_MODULES:-m2}
if [ "$modules" = tree ]; then
  # Every module from this tree's own reactor build (no install), so a run measures one consistent state of
  # the tree whatever others install into ~/.m2 meanwhile.
  if jar_is_stale; then package_tree; fi
else
  # Like `mvn -pl infra`: infra's classes from this tree, the other modules as installed in ~/.m2. Compile when the
  # classes are missing or older than any source, POM or installed module.
  compiled="$work/compiled.stamp"
  if [ ! -f "$compiled" ] || [ ! -f infra/target/test-classes/io/iamledger/infra/load/LoadDriver.class ] \
     || [ -n "$(find infra/src infra/pom.xml pom.xml "$HOME/.m2/repository/io/iamledger" -newer "$compiled" -type f 2>/dev/null | head -1)" ]; then
    echo "load.sh: compiling test classes (mvn -pl infra test-compile)" >&2
    touch "$compiled.new"
    mvn -B -q -o -pl infra test-compile
    mv "$compiled.new" "$compiled"
  fi
fi

classpath="$work/classpath.txt"
if [ ! -s "$classpath" ] || [ infra/pom.xml -nt "$classpath" ] || [ pom.xml -nt "$classpath" ]; then
  mvn -B -q -o -pl infra dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath" >&2
fi

# Run from a private copy of the classes and of our own modules' jars: others recompile and reinstall them while a
# run is under way, and a class loaded late (at shutdown, say) must come from the same build as the rest.
snapshot=$(mktemp -d "${TMPDIR:-/tmp}/iam-ledger-load-classes.XXXXXX")
trap 'rm -rf "$snapshot"' EXIT
cp -r infra/target/classes "$snapshot/classes"
cp -r infra/target/test-classes "$snapshot/test-classes"
mkdir -p "$snapshot/lib"
cp_entries=()
IFS=":" read -r -a entries < "$classpath" || true  # no final newline in the file
for entry in "${entries[@]}"; do
  if [[ "$entry" == */io/iamledger/* ]]; then
    if [ "$modules" = tree ]; then
      artifact=${entry%/*/*}  # ~/.m2/repository/io/iamledger/<artifact>/<version>/<file>
      entry="${artifact##*/}/target/$(basename "$entry")"
    fi
    cp "$entry" "$snapshot/lib/"
    entry="$snapshot/lib/$(basename "$entry")"
  fi
  cp_entries+=("$entry")
done
cp_string="$snapshot/test-classes:$snapshot/classes:$(IFS=':'; echo "${cp_entries[*]}")"

args=("$@")
case "$mode" in
  writes)
    seconds=60
    [[ "${2:-}" =~ ^[0-9]+$ ]] && seconds=$2
    limit=$((3 * seconds + 1500))  # --client=sdk runs up to three targets
    ;;
  sts)
    seconds=30
    [[ "${2:-}" =~ ^[0-9]+$ ]] && seconds=$2
    limit=$((3 * (seconds + 60) + 600))
    ;;
  rebuild)
    limit=3600
    ;;
  history)
    limit=7500
    ;;
  startup)
    limit=1800
    if [[ " $* " != *" --classpath "* ]]; then
      if jar_is_stale; then package_tree; fi
      cp "$jar" "$snapshot/iam-ledger.jar"
      args+=("--jar=$snapshot/iam-ledger.jar")
    fi
    ;;
esac

java_opts=(${LOAD_JAVA_OPTS:--Xms1g -Xmx4g})
if [ "${LOAD_JFR:-0}" = 1 ]; then
  # "default" costs ~1%; LOAD_JFR_SETTINGS=profile samples twice as often but slows the server down measurably
  java_opts+=("-XX:StartFlightRecording=filename=$PWD/$work/$mode-$stamp.jfr,settings=${LOAD_JFR_SETTINGS:-default},dumponexit=true")
  echo "load.sh: JFR recording to $work/$mode-$stamp.jfr" >&2
fi

echo "load.sh: $mode at $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" \
  | tee "$work/$mode-$stamp.log"
# TERM first, so the driver's shutdown hooks stop the PostgreSQL and Kafka it started
timeout --signal=TERM --kill-after=180 "$limit" \
  java "${java_opts[@]}" -Daxoniq.update-checker.disabled=true -cp "$cp_string" \
    io.iamledger.infra.load.LoadDriver "${args[@]}" 2>&1 | tee -a "$work/$mode-$stamp.log"
