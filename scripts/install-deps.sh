#!/bin/sh
# Installs every Debian 12 package Vireo's build, tests and demo use.
# Safe to run again: only missing packages are installed.
set -eu

PACKAGES="
  build-essential meson ninja-build pkg-config clang libclang-rt-14-dev
  libglib2.0-dev libxml2-dev libxml2-utils libjson-c-dev libtirpc-dev rpcsvc-proto
  libgnutls28-dev libreadline-dev
  qemu-system-x86 qemu-utils dnsmasq-base nftables iproute2
  libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu python3-libvirt
  busybox-static cpio hyperfine scrub iptables
  parted tgt libiscsi-dev
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: root is needed to install packages (run as root or with sudo)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi
