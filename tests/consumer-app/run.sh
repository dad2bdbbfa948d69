#!/usr/bin/env bash
# Checks that hourglass-mocap works as a dependency of another project: installs the plugin and what it needs
# (inference, retarget, the parent POM) into a private local repository, then builds and runs the tiny jME app
# in this folder against those artifacts, from this folder (no assets/, no mocap.home). Exit status 0 = passed.
#
#   tests/consumer-app/run.sh            # private repository /tmp/m2-consumer, seeded from ~/.m2 when missing
#   M2_CONSUMER_REPO=/path run.sh        # another private repository
#   MVN_OFFLINE= run.sh                  # allow Maven to download (default: offline, -o)
#
# It never installs into ~/.m2, so SNAPSHOT jars of this checkout do not leak into other builds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The app stands for a user of the public API: it must not reach into the implementation packages.
if grep -rnE 'io\.github\.hourglassmocap\.[a-z.]*\binternal\b' "$here/src"; then
  echo "consumer-app: FAILED: the app uses an internal package (above); use the public API (docs/plugin.md)" >&2
  exit 1
fi
repo="${M2_CONSUMER_REPO:-/tmp/m2-consumer}"
offline="${MVN_OFFLINE--o}"
if [ ! -d "$repo" ]; then
  echo "consumer-app: seeding $repo from ~/.m2/repository" >&2
  mkdir -p "$(dirname "$repo")"
  if [ -d "$HOME/.m2/repository" ]; then
    cp -a "$HOME/.m2/repository" "$repo.tmp.$$" && mv "$repo.tmp.$$" "$repo"
  else
    mkdir -p "$repo"
  fi
fi
echo "consumer-app: installing inference, retarget and plugin into $repo" >&2
# Tests are compiled (other modules' tests use the inference test-jar) but not run; the BlazePose fetch is skipped.
(cd "$root" && mvn -B -q $offline -Dmaven.repo.local="$repo" -DskipTests -Dexec.skip=true -pl plugin -am install)
echo "consumer-app: building and running the app" >&2
cd "$here"
mvn -B -q $offline -Dmaven.repo.local="$repo" compile exec:exec
