#!/bin/sh
# The main job: builds Vireo and the tiny test guest (a Debian kernel and a
# busybox initramfs), then boots the guest under QEMU through virsh with the
# embedded driver (qemu:///embed: no daemon, all state under build/demo),
# shows it running and what it printed on its serial console, and shuts it
# down with the ACPI power button.
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
bash tests/guest/build-guest.sh build/guest >/dev/null

TOP=$(pwd)
ROOT=$TOP/build/demo
VIRSH=build/tools/virsh
URI="qemu:///embed?root=$ROOT"
SERIAL=$ROOT/demo-serial.log
mkdir -p "$ROOT"
rm -f "$SERIAL"

run() {
    echo "\$ virsh -c '$URI' $*"
    "$VIRSH" -c "$URI" "$@"
}

# A guest left over from an interrupted run goes first.
"$VIRSH" -c "$URI" destroy demo >/dev/null 2>&1 || true
"$VIRSH" -c "$URI" undefine demo >/dev/null 2>&1 || true

cat >"$ROOT/demo.xml" <<EOF
<domain type='qemu'>
  <name>demo</name>
  <memory unit='MiB'>160</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$TOP/build/guest/vmlinuz</kernel>
    <initrd>$TOP/build/guest/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet vireo.nonet</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <serial type='pty'>
      <log file='$SERIAL'/>
    </serial>
    <console type='pty'/>
  </devices>
</domain>
EOF

run define "$ROOT/demo.xml"
run start demo
run list --all

# TCG boots the guest in a few seconds; its marker lands in the serial log.
i=0
while ! grep -q 'VIREO-GUEST: booted' "$SERIAL" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 600 ]; then
        echo "the guest did not boot within 120 s; its log: $ROOT/log/vireo/qemu/demo.log" >&2
        "$VIRSH" -c "$URI" destroy demo >/dev/null 2>&1 || true
        exit 1
    fi
    sleep 0.2
done
run dominfo demo
echo "--- the guest's serial console ($SERIAL):"
grep -o 'VIREO-GUEST: [a-z ]*' "$SERIAL"
echo "---"

run shutdown demo
i=0
while [ "$("$VIRSH" -c "$URI" domstate demo)" != "shut off" ]; do
    i=$((i + 1))
    if [ $i -gt 300 ]; then
        run destroy demo
        break
    fi
    sleep 0.2
done
run domstate demo
echo "--- the guest saw the power button:"
grep -o 'VIREO-GUEST: acpi poweroff' "$SERIAL"
echo "---"
run undefine demo
