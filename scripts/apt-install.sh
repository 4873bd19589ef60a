#!/bin/sh
# Install Debian packages when we may (root, or sudo without a password); otherwise say how.
set -e
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "Missing Debian packages: $*. Install them with: sudo apt-get install $*" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$@" >/dev/null; }
