#!/bin/sh
# The main job: builds Vireo and shows the embedded test hypervisor through
# virsh: the default guest, network and storage pool (no daemon needed).
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
VIRSH=build/tools/virsh
URI=test:///default
run() {
    echo "\$ virsh -c $URI $*"
    "$VIRSH" -c "$URI" "$@"
}
run list --all
run dominfo test
run net-list --all
run net-info default
run pool-list --all --details
run pool-info default-pool
