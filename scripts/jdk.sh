# Sourced by ./sluice and scripts/test: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME, then `java` on PATH, then the usual install folders (newest first).

sluice_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

sluice_jdk_ok() { # $1: a JDK home; true when it holds java and javac of version 21+
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(sluice_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

sluice_find_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && sluice_jdk_ok "$JAVA_HOME"; then
    echo "$JAVA_HOME"; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if sluice_jdk_ok "$candidate"; then echo "$candidate"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if sluice_jdk_ok "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

sluice_require_jdk() {
  local home
  if ! home=$(sluice_find_jdk); then
    echo "sluice: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm, /usr/java, /opt/java, ~/.sdkman, ~/.jdks); install one or set JAVA_HOME" >&2
    exit 1
  fi
  export JAVA_HOME="$home"
  export PATH="$home/bin:$PATH"
}
