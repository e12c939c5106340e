# Sourced by ./evolve and ./run-tests: picks a JDK >= 21 and builds the project when needed.
# JAVA_HOME wins when it is new enough; else the newest JDK under /usr/lib/jvm (or /Library/Java).

evolve_java_major() {  # prints the major version of the java binary $1
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

evolve_find_jdk() {
  local cand best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(evolve_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$cand/bin/javac" ] || continue
    [ -L "$cand" ] && continue
    major=$(evolve_java_major "$cand/bin/java")
    if [ "${major:-0}" -gt "$best_major" ]; then best="$cand"; best_major=$major; fi
  done
  if [ "$best_major" -ge 21 ]; then echo "$best"; return 0; fi
  echo "evolve: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; searched /usr/lib/jvm)." >&2
  echo "evolve: install one (e.g. a Temurin 25 JDK) or point JAVA_HOME at it." >&2
  return 1
}

evolve_setup() {
  EVOLVE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  JAVA_HOME=$(evolve_find_jdk) || exit 1
  export JAVA_HOME
  # Maven 3.8.7 on JDK 23+ prints sun.misc.Unsafe warnings without this.
  if [ "$(evolve_java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  EVOLVE_JAR="$EVOLVE_ROOT/engine/target/evolve.jar"
}

evolve_build_if_stale() {
  local stale=""
  if [ ! -f "$EVOLVE_JAR" ]; then
    stale="no build yet"
  elif [ -n "$(cd "$EVOLVE_ROOT" && find pom.xml kernels evaluators benchmarks engine -path '*/target' -prune -o -path kernels/examples -prune -o -type f -newer "$EVOLVE_JAR" -print 2>/dev/null | head -n 1)" ]; then
    stale="sources changed"
  fi
  [ -z "$stale" ] && return 0
  command -v mvn >/dev/null || { echo "evolve: Maven (mvn) is needed to build; install it (apt-get install maven)." >&2; exit 1; }
  echo "evolve: building ($stale) with $JAVA_HOME ..." >&2
  (
    cd "$EVOLVE_ROOT"
    flock 9
    set -o pipefail
    # Maven 3.8.7 prints bare colour resets even in batch mode; keep the terminal clean
    mvn -q -B -Dstyle.color=never -DskipTests package 2>&1 | sed $'s/\x1b\\[0m//g' >&2 \
      || { echo "evolve: build failed; see the Maven output above." >&2; exit 1; }
  ) 9>"$EVOLVE_ROOT/.build.lock" || exit 1
}
