#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, where this machine allows it
# (Debian/Ubuntu as root): Chromium for the end-to-end tests, Ceph's radosgw for the real
# S3 server, aws-cli v2 (/usr/bin/aws) as the second client the property tests check against,
# and rclone, which the sync interop test syncs with (as it does with aws-cli).
# Elsewhere it says what is missing; the tests then skip with that reason, except under
# CI=true, where a missing server, browser, aws-cli or rclone is a failure.
set -uo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v radosgw >/dev/null 2>&1 || need+=(ceph-mon ceph-osd radosgw)
# The path, not PATH: an older aws-cli v1 may come first there.
[ -x /usr/bin/aws ] || need+=(awscli)
command -v rclone >/dev/null 2>&1 || need+=(rclone)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages the tests need: ${need[*]}"
  apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null &&
    exit 0
  echo "apt-get could not install: ${need[*]}" >&2
else
  echo "Not installed, and this machine is not Debian/Ubuntu as root: ${need[*]}." >&2
  echo "Install them yourself, or point the tests at an S3 server with QS_TEST_S3_ENDPOINT." >&2
fi
[ "${CI:-}" = true ] && exit 1
exit 0
