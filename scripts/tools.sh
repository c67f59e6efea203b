# Sourced by scripts/test, scripts/setup and .ci/run: the programs the build and the tests run
# besides the JDK, and the Debian packages that provide them.

# One line each: the command (or an absolute path), its Debian package, and what needs it.
SLUICE_TOOLS="
mvn maven the build itself
python3 python3 the sandbox's Python functions (the demo's Hello CLB; about fifteen ITs)
promtool prometheus the alerting rules' unit tests (PrometheusRulesTest)
prometheus prometheus the real Prometheus of ObservabilityIT
/usr/bin/chromium chromium the status page ITs (Selenium drives Debian's Chromium)
/usr/bin/chromedriver chromium-driver the status page ITs (Debian's driver; never downloaded)
faketime faketime the nemesis suite's clock jumps (FaketimeIT; libfaketime)
/usr/sbin/haproxy haproxy the failover comparison with HAProxy (FailoverVsHaproxyIT, bench/)
"

sluice_tool_present() { # $1: a command on the PATH, or an absolute path
  case $1 in
    /*) [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

sluice_missing_tools() { # prints "tool package what-needs-it" for each missing one
  local tool package why
  while read -r tool package why; do
    [ -n "$tool" ] || continue
    sluice_tool_present "$tool" || echo "$tool $package $why"
  done <<<"$SLUICE_TOOLS"
}

sluice_packages_of() { # $1: lines from sluice_missing_tools; prints their packages, once each
  echo "$1" | awk 'NF { print $2 }' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# Installs Debian packages quietly (with sudo unless root); on failure prints apt's own output and
# stops the calling script.
sluice_apt_install() {
  local sudo="" log
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log=$(mktemp)
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } \
    >"$log" 2>&1; then
    echo "apt-get install $* failed:" >&2
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}
