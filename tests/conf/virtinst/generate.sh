#!/bin/bash
# Regenerate the virt-install (virtinst) domain XML corpus.
#
# For every "NAME: ARGS" line of options.txt this runs
#     virt-install --connect test:///default --print-xml ARGS
# and writes its output to NAME.xml.  When virt-install prints more than one
# document (installs with a separate boot phase: --cdrom, --pxe,
# --install kernel=...), the first document (the install-time XML,
# what --print-xml=1 prints) goes to NAME.xml and the second (the
# post-install XML, what --print-xml=2 prints) to NAME-2.xml.  Each file is
# byte-for-byte what virt-install printed for that document; only the single
# extra newline that print() appends after the last document is dropped.
#
# Usage: generate.sh [OUTDIR]     (OUTDIR defaults to this directory)
#
# Nothing is created or defined anywhere: --print-xml only prints.  The only
# files written outside OUTDIR are the empty media fixtures in
# /tmp/vireo-virtinst-media (their path ends up in the XML, so it is fixed)
# and virt-install's log, which is redirected to a temporary XDG_CACHE_HOME
# that is removed on exit.

set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
OPTIONS=$HERE/options.txt
MEDIA=/tmp/vireo-virtinst-media
PY=/usr/bin/python3

export LC_ALL=C LANG=C TZ=UTC
unset LANGUAGE || true
TMPHOME=$(mktemp -d)
trap 'rm -rf "$TMPHOME"' EXIT
export XDG_CACHE_HOME=$TMPHOME/cache XDG_CONFIG_HOME=$TMPHOME/config

# Empty fixture files that virt-install requires to exist locally, plus a
# minimal install tree (just a .treeinfo and an empty kernel/initrd) for
# --location.
mkdir -p "$MEDIA/tree/images/pxeboot"
for f in boot.iso vmlinuz initrd.img floppy.img disk1.img disk2.qcow2 \
         tree/images/pxeboot/vmlinuz tree/images/pxeboot/initrd.img; do
    [ -f "$MEDIA/$f" ] || : > "$MEDIA/$f"
done
cat > "$MEDIA/tree/.treeinfo" <<'EOF'
[general]
family = Fedora
version = 37
arch = i386

[images-i386]
kernel = images/pxeboot/vmlinuz
initrd = images/pxeboot/initrd.img
EOF
if [ ! -b /dev/loop0 ]; then
    echo "warning: /dev/loop0 is not a block device; disk-block will fail" >&2
fi

# Remove previous virt-install outputs (but not record.py's *.libvirt.*).
find "$OUT" -maxdepth 1 -name '*.xml' ! -name '*.libvirt.xml' -delete

fail=0
count=0
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    name=${line%%:*}
    args=${line#*: }
    if ! [[ $name =~ ^[a-z0-9][a-z0-9-]*$ ]] || [[ $name =~ -[0-9]+$ ]]; then
        echo "bad option set name '$name'" >&2; fail=1; continue
    fi
    args=${args//@MEDIA@/$MEDIA}
    eval "set -- $args"
    count=$((count + 1))
    if ! virt-install --connect test:///default --print-xml "$@" < /dev/null \
            > "$TMPHOME/out" 2> "$TMPHOME/err"; then
        echo "FAIL $name:" >&2
        sed 's/^/    /' "$TMPHOME/err" >&2
        fail=1
        continue
    fi
    # Split the documents, check each is well-formed XML with a <domain> root.
    # Installs that boot a kernel (--install kernel=, --location) make
    # virt-install copy kernel/initrd into a scratch dir under a random
    # tempfile name (virtinst-XXXXXXXX-vmlinuz); that is the one random
    # value no option can fix, so it is rewritten to a fixed placeholder.
    if ! "$PY" - "$TMPHOME/out" "$OUT" "$name" "$XDG_CACHE_HOME" <<'EOF'
import re, sys, xml.dom.minidom
src, outdir, name, cache = sys.argv[1:]
data = open(src, encoding="utf-8").read()
data = re.sub(r"(?:%s/virt-manager/boot|/var/lib/libvirt/boot)"
              r"/virtinst-[a-z0-9_]{8}-" % re.escape(cache),
              "/var/lib/libvirt/boot/virtinst-XXXXXXXX-", data)
docs = re.findall(r"<domain\b.*?^</domain>\n", data, re.S | re.M)
if not docs or "".join(docs) + "\n" != data:
    sys.exit("%s: unexpected virt-install output layout" % name)
if len(docs) > 2:
    sys.exit("%s: more than two documents" % name)
for i, doc in enumerate(docs):
    root = xml.dom.minidom.parseString(doc).documentElement
    if root.tagName != "domain":
        sys.exit("%s: root element is %s" % (name, root.tagName))
    fn = "%s/%s%s.xml" % (outdir, name, "" if i == 0 else "-%d" % (i + 1))
    with open(fn, "w", encoding="utf-8") as f:
        f.write(doc)
EOF
    then
        fail=1
        continue
    fi
done < "$OPTIONS"

echo "generated $count option sets into $OUT" >&2
exit $fail
