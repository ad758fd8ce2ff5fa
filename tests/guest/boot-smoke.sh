#!/bin/bash
# Boots the test guest under bare QEMU (TCG) to check it before the
# integration tests rely on it:
#   1. the minimal machine: boot marker, then QMP system_powerdown ends
#      QEMU through the guest's ACPI handler;
#   2. with a virtio disk, NIC (user networking) and console: DHCP lease,
#      vireo.writedisk, the marker on hvc0, a command typed on the serial
#      shell, power-down again.
# Ends with the suite's "N passed, N failed" line.
#
# usage: boot-smoke.sh [GUESTDIR]   (default: <repo>/build/guest, built
#                                    by build-guest.sh when needed)
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
GUEST=${1:-$REPO/build/guest}
QEMU=${QEMU:-qemu-system-x86_64}
BOOT_TIMEOUT=${VIREO_GUEST_BOOT_TIMEOUT:-120}

passed=0
failed=0
QEMU_PID=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vireo-boot-smoke.XXXXXX")

cleanup() {
    [ -n "$QEMU_PID" ] && kill -9 "$QEMU_PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

check() {  # DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok: $what"
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
    fi
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# QMP and serial-socket helper: "qmp SOCKET COMMAND" runs one command;
# "type SOCKET TEXT EXPECT TIMEOUT" types a line and waits for EXPECT.
guestpy() {
    python3 - "$@" <<'EOF'
import json, socket, sys, time

def qmp(path, command):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    f = s.makefile("rw")
    json.loads(f.readline())  # greeting
    for cmd in ("qmp_capabilities", command):
        f.write(json.dumps({"execute": cmd}) + "\n")
        f.flush()
        while True:
            msg = json.loads(f.readline())
            if "error" in msg:
                sys.exit("qmp %s: %s" % (cmd, msg["error"]))
            if "return" in msg:
                break

def type_line(path, text, expect, timeout):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.settimeout(0.2)
    s.sendall(text.encode() + b"\n")
    seen, end = b"", time.time() + timeout
    while time.time() < end:
        try:
            data = s.recv(4096)
        except socket.timeout:
            continue
        if not data:
            break
        seen += data
        if expect.encode() in seen:
            return
    sys.exit("did not see %r after typing %r; got %r" % (expect, text, seen[-300:]))

if sys.argv[1] == "qmp":
    qmp(sys.argv[2], sys.argv[3])
else:
    type_line(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
EOF
}

wait_for() {  # FILE TEXT TIMEOUT
    local end=$((SECONDS + $3))
    while [ $SECONDS -lt $end ]; do
        grep -qF "$2" "$1" 2>/dev/null && return 0
        kill -0 "$QEMU_PID" 2>/dev/null || { grep -qF "$2" "$1" 2>/dev/null; return; }
        sleep 0.1
    done
    return 1
}

wait_exit() {  # TIMEOUT: true when QEMU exited by itself
    local end=$((SECONDS + $1))
    while [ $SECONDS -lt $end ]; do
        if ! kill -0 "$QEMU_PID" 2>/dev/null; then
            wait "$QEMU_PID" 2>/dev/null
            QEMU_PID=
            return 0
        fi
        sleep 0.1
    done
    return 1
}

powerdown() {  # QMP-SOCKET LOG
    guestpy qmp "$1" system_powerdown &&
        wait_exit 60 && grep -qF "VIREO-GUEST: acpi poweroff" "$2"
}

boot_minimal() {
    local log=$TMP/minimal.log start
    start=$(now)
    "$QEMU" -accel tcg -m 256 -nodefaults -nographic -serial stdio \
        -kernel "$GUEST/vmlinuz" -initrd "$GUEST/initrd.img" \
        -append 'console=ttyS0 quiet' -no-reboot \
        -qmp "unix:$TMP/qmp1.sock,server=on,wait=off" \
        < /dev/null > "$log" 2>&1 &
    QEMU_PID=$!
    if wait_for "$log" "VIREO-GUEST: booted" "$BOOT_TIMEOUT"; then
        echo "booted in $(elapsed "$start") s"
        check "minimal guest boots" true
    else
        check "minimal guest boots" false
        tail -n 20 "$log"
        return
    fi
    wait_for "$log" "VIREO-GUEST: shell" 30
    check "ACPI power-down stops QEMU" powerdown "$TMP/qmp1.sock" "$log"
}

boot_devices() {
    local log=$TMP/serial2.log hvc=$TMP/hvc0.log disk=$TMP/disk.img start
    truncate -s 1M "$disk"
    start=$(now)
    "$QEMU" -accel tcg -m 256 -nodefaults -nographic -no-reboot \
        -kernel "$GUEST/vmlinuz" -initrd "$GUEST/initrd.img" \
        -append 'console=ttyS0 quiet vireo.writedisk=VIREO-DISK-OK' \
        -chardev "socket,id=ser0,path=$TMP/serial.sock,server=on,wait=off,logfile=$log" \
        -serial chardev:ser0 \
        -device virtio-serial-pci -chardev "file,id=con0,path=$hvc" \
        -device virtconsole,chardev=con0 \
        -drive "file=$disk,format=raw,if=virtio" \
        -netdev user,id=net0 -device virtio-net-pci,netdev=net0 \
        -qmp "unix:$TMP/qmp2.sock,server=on,wait=off" \
        < /dev/null > "$TMP/qemu2.log" 2>&1 &
    QEMU_PID=$!
    if ! wait_for "$log" "VIREO-GUEST: booted" "$BOOT_TIMEOUT"; then
        check "guest with devices boots" false
        tail -n 20 "$log" "$TMP/qemu2.log"
        return
    fi
    echo "booted with devices in $(elapsed "$start") s"
    check "guest with devices boots" true
    check "marker on the virtio console" wait_for "$hvc" "VIREO-GUEST: booted" 10
    check "disk written" wait_for "$log" "VIREO-GUEST: wrote disk" 30
    check "disk holds the text" sh -c "head -c 13 '$disk' | grep -qx VIREO-DISK-OK"
    check "DHCP lease" wait_for "$log" "VIREO-GUEST: lease 10.0.2.15" 60
    wait_for "$log" "VIREO-GUEST: shell" 30
    # The guest's shell does the arithmetic, not ours.
    # shellcheck disable=SC2016
    check "serial shell runs a command" \
        guestpy type "$TMP/serial.sock" 'echo vireo-$((6*7))' "vireo-42" 30
    check "ACPI power-down stops QEMU" powerdown "$TMP/qmp2.sock" "$log"
}

if ! "$HERE/build-guest.sh" "$GUEST"; then
    echo "cannot build the guest"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "kernel $(cat "$GUEST/kernel-version" 2>/dev/null)"
boot_minimal
[ -n "$QEMU_PID" ] && { kill -9 "$QEMU_PID" 2>/dev/null; QEMU_PID=; }
boot_devices
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
