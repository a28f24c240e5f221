# Sourced by bin/xtalc, bin/test and .ci/run: finds a JDK >= 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the usual install locations, then `java` on the PATH.
xtal_java_version() { # prints the feature version of the java at $1/bin/java, or nothing
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [[ -n $v ]] && echo "${v%%.*}"
}
xtal_find_jdk() {
  local c candidates=()
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-2[5-9]-jdk-* /usr/lib/jvm/java-2[5-9]-* /usr/lib/jvm/jdk-2[5-9]* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*)
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [[ -x $c/bin/java && -x $c/bin/javac ]] || continue
    local v; v=$(xtal_java_version "$c")
    if [[ -n $v && $v -ge 25 ]]; then echo "$c"; return 0; fi
  done
  return 1
}
if ! XTAL_JDK=$(xtal_find_jdk); then
  echo "xtal: no JDK 25 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, /opt)." >&2
  echo "xtal: install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 69
fi
export JAVA_HOME=$XTAL_JDK
export PATH="$JAVA_HOME/bin:$PATH"
