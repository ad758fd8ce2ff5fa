#!/bin/bash
# Builds the integration-test guest from Debian packages: a kernel
# (OUTDIR/vmlinuz) and a busybox initramfs (OUTDIR/initrd.img).  See
# tests/guest/README.md for what the guest does.
#
# usage: build-guest.sh [OUTDIR]      (default: <repo>/build/guest)
#
# Cached: nothing is done while both outputs are newer than this script
# (set VIREO_GUEST_REBUILD=1 to force).  Downloaded packages are kept in
# OUTDIR/cache so a rebuild after an edit works offline.
# Knobs: VIREO_GUEST_KERNEL_PKG (package to use instead of the newest
# linux-image-6.1 one), VIREO_GUEST_EXTRA_MODULES (more module names).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SELF="$HERE/$(basename "$0")"
REPO=$(cd "$HERE/../.." && pwd)
OUT=${1:-$REPO/build/guest}

# Loaded in this order is not required: the order comes from modules.dep.
MODULES="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci
  virtio_blk failover net_failover virtio_net virtio_console virtio_balloon virtio_rng
  button evdev pvpanic pvpanic_mmio ${VIREO_GUEST_EXTRA_MODULES:-}"

log() { echo "build-guest: $*" >&2; }
die() { log "error: $*"; exit 1; }

up_to_date() {
    [ -z "${VIREO_GUEST_REBUILD:-}" ] &&
        [ -s "$OUT/vmlinuz" ] && [ "$OUT/vmlinuz" -nt "$SELF" ] &&
        [ -s "$OUT/initrd.img" ] && [ "$OUT/initrd.img" -nt "$SELF" ]
}

# The kernel package: the one linux-image-amd64 points to, else the newest
# linux-image-6.1.*-amd64 the archive has (signed or -unsigned: both ship
# /boot/vmlinuz-* and the modules).
pick_kernel_pkg() {
    local pkg
    if [ -n "${VIREO_GUEST_KERNEL_PKG:-}" ]; then
        echo "$VIREO_GUEST_KERNEL_PKG"
        return
    fi
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
          awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    if [ -z "$pkg" ]; then
        pkg=$(apt-cache search --names-only '^linux-image-6\.1\.[0-9]+-[0-9]+-amd64(-unsigned)?$' \
              2>/dev/null | awk '{ print $1 }' | sort -V | tail -n 1)
    fi
    echo "$pkg"
}

# apt-get download into the cache, unless a .deb of the package is there.
fetch_deb() {
    local pkg=$1 deb dl
    deb=$(ls -1 "$OUT/cache/${pkg}_"*.deb 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$deb" ]; then
        echo "$deb"
        return
    fi
    dl=$(mktemp -d "$OUT/cache/dl.XXXXXX")
    # As root, apt drops to its _apt user, which cannot write here.
    local sandbox=()
    [ "$(id -u)" = 0 ] && sandbox=(-o APT::Sandbox::User=root)
    if ! (cd "$dl" && apt-get download -q "${sandbox[@]}" "$pkg" >&2); then
        rm -rf "$dl"
        return 1
    fi
    mv "$dl"/*.deb "$OUT/cache/"
    rm -rf "$dl"
    ls -1 "$OUT/cache/${pkg}_"*.deb | sort -V | tail -n 1
}

get_kernel_deb() {
    local pkg deb
    pkg=$(pick_kernel_pkg)
    if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
        log "no kernel package known to apt: running apt-get update"
        apt-get update -q >&2 || true
        pkg=$(pick_kernel_pkg)
    fi
    if [ -n "$pkg" ] && deb=$(fetch_deb "$pkg"); then
        echo "$deb"
        return
    fi
    # Offline: any kernel downloaded before will do.
    deb=$(ls -1 "$OUT/cache/"linux-image-*.deb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$deb" ] || die "cannot download a linux-image package (${pkg:-none found})"
    echo "$deb"
}

# The static busybox: the installed busybox-static package's, else one
# downloaded from the archive.
get_busybox() {
    local bb deb
    if dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q "install ok installed"; then
        bb=$(dpkg -L busybox-static | grep -E '/bin/busybox$' | head -n 1)
        if [ -x "$bb" ]; then
            echo "$bb"
            return
        fi
    fi
    deb=$(fetch_deb busybox-static) || die "cannot download busybox-static"
    dpkg-deb -x "$deb" "$WORK/busybox"
    echo "$WORK/busybox/bin/busybox"
}

# modules.dep of the extracted kernel (the package does not ship it: the
# postinst runs depmod).
make_modules_dep() {
    local root=$1 kver=$2
    [ -s "$root/lib/modules/$kver/modules.dep" ] && return
    if command -v depmod >/dev/null 2>&1; then
        depmod -b "$root" "$kver"
    else
        "$BUSYBOX" depmod -b "$root" "$kver"
    fi
}

# Path (relative to the module directory) of module NAME, or nothing.
module_path() {
    awk -F: -v want="$1" '{
        base = $1; sub(/.*\//, "", base); sub(/\.ko(\.xz|\.zst|\.gz)?$/, "", base)
        gsub(/-/, "_", base)
        if (base == want) { print $1; exit }
    }' "$MODDIR/modules.dep"
}

is_builtin() {
    [ -f "$MODDIR/modules.builtin" ] &&
        sed 's|.*/||; s|\.ko$||; s|-|_|g' "$MODDIR/modules.builtin" | grep -qx "$1"
}

# Depth-first: a module's dependencies go into ORDER before it.
ORDER=()
add_with_deps() {
    local path=$1 dep
    local deps
    for dep in "${ORDER[@]:-}"; do
        [ "$dep" = "$path" ] && return
    done
    deps=$(awk -F': *' -v p="$path" '$1 == p { print $2; exit }' "$MODDIR/modules.dep")
    for dep in $deps; do
        add_with_deps "$dep"
    done
    ORDER+=("$path")
}

# Copies a module into the initramfs uncompressed (busybox insmod may
# not read compressed modules).
install_module() {
    local src=$MODDIR/$1 name
    name=$(basename "$1")
    case "$name" in
        *.ko.xz) xz -dc "$src" > "$ROOT/lib/modules/${name%.xz}"; name=${name%.xz} ;;
        *.ko.zst) zstd -qdc "$src" > "$ROOT/lib/modules/${name%.zst}"; name=${name%.zst} ;;
        *.ko.gz) gzip -dc "$src" > "$ROOT/lib/modules/${name%.gz}"; name=${name%.gz} ;;
        *) cp "$src" "$ROOT/lib/modules/$name" ;;
    esac
    echo "$name" >> "$ROOT/etc/vireo/modules"
}

collect_modules() {
    local m path
    for m in $MODULES; do
        path=$(module_path "$m")
        if [ -n "$path" ]; then
            add_with_deps "$path"
        elif ! is_builtin "$m"; then
            log "warning: module $m is neither in the package nor built in"
        fi
    done
    for path in "${ORDER[@]}"; do
        install_module "$path"
    done
}

install_busybox() {
    local applet
    cp "$BUSYBOX" "$ROOT/bin/busybox"
    chmod 755 "$ROOT/bin/busybox"
    for applet in $("$BUSYBOX" --list-full); do
        [ "$applet" = bin/busybox ] && continue
        mkdir -p "$ROOT/$(dirname "$applet")"
        ln -sf /bin/busybox "$ROOT/$applet"
    done
}

write_file() {  # PATH MODE, content on stdin
    mkdir -p "$(dirname "$ROOT/$1")"
    cat > "$ROOT/$1"
    chmod "$2" "$ROOT/$1"
}

write_scripts() {
    # Markers go to the serial port and the virtio console, whatever the
    # kernel's console= says, so tests can watch either.
    write_file bin/vireo-say 755 <<'EOF'
#!/bin/sh
for tty in /dev/ttyS0 /dev/hvc0; do
    [ -c "$tty" ] && echo "VIREO-GUEST: $*" > "$tty" 2>/dev/null
done
exit 0
EOF

    # Just enough of the QEMU guest agent protocol for the host's agent
    # client: guest-sync-delimited (0xFF, then the id echoed), guest-ping,
    # guest-shutdown; anything else gets CommandNotFound.
    write_file bin/vireo-agent 755 <<'EOF'
#!/bin/sh
exec 3<>"$1"
# A read with no host connected ends at once: try again until one comes.
while true; do
    IFS= read -r line <&3 || { sleep 0.3; continue; }
    case "$line" in
    *guest-sync-delimited*|*guest-sync*)
        id=${line##*\"id\"}; id=${id#*:}; id=${id%%[!0-9 ]*}; id=$(echo $id)
        case "$line" in *delimited*) printf '\377' >&3 ;; esac
        printf '{"return": %s}\n' "$id" >&3 ;;
    *guest-ping*)
        printf '{"return": {}}\n' >&3 ;;
    *guest-shutdown*)
        vireo-say agent shutdown
        sync
        case "$line" in *reboot*) reboot -f ;; *) poweroff -f ;; esac ;;
    *execute*)
        printf '{"error": {"class": "CommandNotFound", "desc": "not in the test agent"}}\n' >&3 ;;
    esac
done
EOF

    # ACPI power button (QMP system_powerdown): busybox acpid maps the
    # KEY_POWER input event to "PWRF" and runs CONFDIR/PWRF/00000080.
    write_file etc/acpid.conf 644 <<'EOF'
PWRF PWRF/00000080
EOF
    write_file etc/acpi/PWRF/00000080 755 <<'EOF'
#!/bin/sh
vireo-say acpi poweroff
sync
poweroff -f
EOF

    write_file etc/udhcpc.script 755 <<'EOF'
#!/bin/sh
# udhcpc hook: $1 is the event, the lease comes in the environment.
case "$1" in
    deconfig)
        ip addr flush dev "$interface"
        ip link set "$interface" up
        ;;
    bound|renew)
        ip addr flush dev "$interface"
        ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}" up
        if [ -n "${router:-}" ]; then
            ip route replace default via "${router%% *}" dev "$interface"
        fi
        : > /etc/resolv.conf
        for d in ${dns:-}; do echo "nameserver $d" >> /etc/resolv.conf; done
        [ "$1" = bound ] && vireo-say "lease $ip"
        ;;
esac
exit 0
EOF

    write_file init 755 <<'EOF'
#!/bin/sh
# /init of the Vireo test guest (generated by tests/guest/build-guest.sh).
export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
exec </dev/console >/dev/console 2>&1
hostname vireo-guest
ip link set lo up

DISK=/dev/vda WRITEDISK= READDISK= NONET=
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        vireo.writedisk=*) WRITEDISK=${arg#vireo.writedisk=} ;;
        vireo.readdisk|vireo.readdisk=1) READDISK=1 ;;
        vireo.disk=*) DISK=/dev/${arg#vireo.disk=}; DISK=/dev/${DISK##*/} ;;
        vireo.nonet|vireo.nonet=1) NONET=1 ;;
    esac
done

# Dependencies come first in the list (virtio_ring before virtio).
for m in $(cat /etc/vireo/modules); do
    insmod "/lib/modules/$m" || echo "vireo-guest: cannot load $m"
done

# Before the boot marker, so that a power-down sent as soon as a test
# sees the marker is not lost.
acpid -d -c /etc/acpi -a /etc/acpid.conf > /tmp/acpid.log 2>&1 &
# virtio ports appear a moment after their module loads
(for try in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    for port in /sys/class/virtio-ports/*; do
        if [ "$(cat "$port/name" 2>/dev/null)" = org.qemu.guest_agent.0 ] &&
           [ -c "/dev/${port##*/}" ]; then
            exec vireo-agent "/dev/${port##*/}" > /tmp/agent.log 2>&1
        fi
    done
    sleep 0.5
done) &
vireo-say booted

if [ -z "$NONET" ] && [ -e /sys/class/net/eth0 ]; then
    ip link set eth0 up
    udhcpc -b -i eth0 -s /etc/udhcpc.script -t 10 -T 1 -A 3 > /tmp/udhcpc.log 2>&1
fi

if [ -n "$WRITEDISK" ]; then
    if [ -b "$DISK" ]; then
        printf '%s' "$WRITEDISK" | dd of="$DISK" bs=512 conv=notrunc 2>/dev/null
        sync
        vireo-say wrote disk
    else
        vireo-say no disk
    fi
fi
if [ -n "$READDISK" ] && [ -b "$DISK" ]; then
    # The first line of the first sector, printable characters only.
    text=$(dd if="$DISK" bs=512 count=1 2>/dev/null | tr '\0' '\n' | head -n 1 |
           tr -cd 'A-Za-z0-9._:=-')
    vireo-say "disk $text"
fi

export PS1='vireo-guest# '
cd /root

# A second shell on the virtio console when it is not the main console.
if [ -c /dev/hvc0 ] && ! grep -qw hvc0 /sys/class/tty/console/active; then
    (while true; do setsid -c sh </dev/hvc0 >/dev/hvc0 2>&1; sleep 1; done) &
fi

vireo-say shell
while true; do
    setsid cttyhack sh
    sleep 1
done
EOF
}

make_initramfs() {
    (cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
        gzip -9 > "$OUT/initrd.img.new"
    mv "$OUT/initrd.img.new" "$OUT/initrd.img"
}

main() {
    local deb vmlinuz kver
    if up_to_date; then
        log "up to date: $OUT"
        return
    fi
    mkdir -p "$OUT/cache"
    OUT=$(cd "$OUT" && pwd)
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/vireo-guest.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT

    BUSYBOX=$(get_busybox)
    deb=$(get_kernel_deb)
    log "kernel package: $(basename "$deb")"
    dpkg-deb -x "$deb" "$WORK/kernel"
    vmlinuz=$(ls -1 "$WORK"/kernel/boot/vmlinuz-* 2>/dev/null | head -n 1)
    [ -n "$vmlinuz" ] || die "$(basename "$deb") has no /boot/vmlinuz-*"
    kver=${vmlinuz##*/vmlinuz-}
    MODDIR=$WORK/kernel/lib/modules/$kver
    [ -d "$MODDIR" ] || die "$(basename "$deb") has no modules for $kver"
    make_modules_dep "$WORK/kernel" "$kver"

    ROOT=$WORK/root
    mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,root,mnt,etc/vireo,lib/modules}
    if [ "$(id -u)" = 0 ]; then
        # The kernel opens /dev/console before /init mounts devtmpfs.
        mknod -m 600 "$ROOT/dev/console" c 5 1
    fi
    : > "$ROOT/etc/vireo/modules"
    install_busybox
    collect_modules
    write_scripts
    echo "$kver" > "$ROOT/etc/vireo/kernel"

    make_initramfs
    cp "$vmlinuz" "$OUT/vmlinuz.new"
    mv "$OUT/vmlinuz.new" "$OUT/vmlinuz"
    echo "$kver" > "$OUT/kernel-version"
    log "built $OUT/vmlinuz and $OUT/initrd.img (kernel $kver, modules: $(tr '\n' ' ' < "$ROOT/etc/vireo/modules"))"
}

main "$@"
