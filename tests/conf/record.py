#!/usr/bin/python3
"""Record the golden XML corpus of tests/conf from stock libvirt.

Run with Debian 12's /usr/bin/python3, which has the `libvirt` binding
(python3-libvirt 9.0).  Every document is defined against a fresh
`test:///default` connection (the in-process test driver), read back and
removed again:

  KIND/valid/NAME.xml    -> KIND/valid/NAME.out.xml   (exactly what libvirt returned)
  KIND/invalid/NAME.xml  -> KIND/invalid/NAME.err     (message, then error code)

A .err file has two lines: str(libvirtError) with any newline inside the
message written as the two characters '\\n' (and a backslash as '\\\\'),
then the numeric error code (virErrorNumber).

A "valid" document that libvirt rejects, or an "invalid" one it accepts, is
reported with UNEXPECTED and makes the script exit 1.

Usage:
  record.py [--check] [-v] [PATH...]

  --check   record into memory and compare with the files on disk; write
            nothing; exit 1 on any difference (determinism/regression check)
  PATH      restrict to these input files or directories (default: all kinds)
"""

import argparse
import gc
import os
import re
import sys

# Keep libvirt's own logging quiet (it warns on stderr, e.g. "Ignoring
# vcpupin for missing vcpus"); this does not change any recorded result.
os.environ.setdefault("LIBVIRT_LOG_OUTPUTS", "4:file:/dev/null")

try:
    import libvirt
except ImportError:
    sys.stderr.write("record.py: the libvirt module is missing; run it with "
                     "Debian's /usr/bin/python3 (package python3-libvirt)\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
URI = "test:///default"
KINDS = ["domain", "network", "storage_pool", "storage_vol", "snapshot",
         "interface"]

# The domain that test:///default always contains; snapshots are redefined on it.
SNAPSHOT_DOMAIN = "test"

# Volumes are created in a pool defined (and started) from
# storage_vol/pools/POOL.xml.  A volume document selects the pool with an XML
# comment `<!-- pool: POOL -->` before its root element; the default is `dir`.
DEFAULT_VOL_POOL = "dir"
POOL_COMMENT = re.compile(r"<!--\s*pool:\s*([A-Za-z0-9_.-]+)\s*-->")


class RecorderError(Exception):
    """A problem of the recorder or its fixtures, not an expected result."""


def cleanup(what, fn, *args):
    """Remove something the recorder defined; a failure is the recorder's."""
    try:
        fn(*args)
    except libvirt.libvirtError as e:
        raise RecorderError("cleanup (%s) failed: %s" % (what, e))


def readback(what, fn, *args):
    """Read back a defined object; a failure is the recorder's."""
    try:
        return fn(*args)
    except libvirt.libvirtError as e:
        raise RecorderError("read-back (%s) failed: %s" % (what, e))


def _quiet(_ctx, _err):
    pass


libvirt.registerErrorHandler(_quiet, None)


def read_text(path):
    with open(path, "r", encoding="utf-8", newline="") as f:
        return f.read()


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def is_input(name):
    return name.endswith(".xml") and not name.endswith(".out.xml")


# ---------------------------------------------------------------------------
# One recorder per kind.  Each gets a fresh connection and the document text,
# returns the XML libvirt formats, and removes what it defined.  libvirt errors
# raised by the define/create step propagate (they are the expected result for
# invalid documents); failures of fixtures are raised as RecorderError.

def rec_domain(conn, xml, path):
    dom = conn.defineXML(xml)
    try:
        return readback("XMLDesc", dom.XMLDesc,
                        libvirt.VIR_DOMAIN_XML_INACTIVE |
                        libvirt.VIR_DOMAIN_XML_SECURE)
    finally:
        cleanup("undefine", dom.undefine)


def rec_network(conn, xml, path):
    net = conn.networkDefineXML(xml)
    try:
        # The test driver rejects VIR_NETWORK_XML_INACTIVE ("unsupported
        # flags (0x1) in function testNetworkGetXMLDesc"); the network is
        # never started, so flags=0 gives the inactive definition.
        return readback("XMLDesc", net.XMLDesc, 0)
    finally:
        cleanup("undefine", net.undefine)


def rec_storage_pool(conn, xml, path):
    pool = conn.storagePoolDefineXML(xml)
    try:
        # The test driver rejects VIR_STORAGE_XML_INACTIVE ("unsupported
        # flags (0x1) in function testStoragePoolGetXMLDesc"); the pool is
        # never started, so flags=0 gives the inactive definition.
        return readback("XMLDesc", pool.XMLDesc, 0)
    finally:
        cleanup("undefine", pool.undefine)


def vol_pool_name(xml):
    m = POOL_COMMENT.search(xml.split("<volume", 1)[0])
    return m.group(1) if m else DEFAULT_VOL_POOL


def rec_storage_vol(conn, xml, path):
    which = vol_pool_name(xml)
    ppath = os.path.join(HERE, "storage_vol", "pools", which + ".xml")
    if not os.path.exists(ppath):
        raise RecorderError("%s: pool fixture %s does not exist" % (path, ppath))
    try:
        pool = conn.storagePoolDefineXML(read_text(ppath))
        pool.create()
    except libvirt.libvirtError as e:
        raise RecorderError("%s: pool fixture %s failed: %s" % (path, ppath, e))
    try:
        vol = pool.createXML(xml, 0)
        try:
            return readback("XMLDesc", vol.XMLDesc, 0)
        finally:
            cleanup("vol delete", vol.delete, 0)
    finally:
        cleanup("pool destroy", pool.destroy)
        cleanup("pool undefine", pool.undefine)


_snapshot_index = None


def snapshot_index():
    """Map snapshot name -> valid document, to redefine parents first."""
    global _snapshot_index
    if _snapshot_index is None:
        _snapshot_index = {}
        vdir = os.path.join(HERE, "snapshot", "valid")
        for name in sorted(os.listdir(vdir)) if os.path.isdir(vdir) else []:
            if not is_input(name):
                continue
            p = os.path.join(vdir, name)
            m = re.search(r"<name>([^<]*)</name>", read_text(p))
            if m:
                _snapshot_index.setdefault(m.group(1), p)
    return _snapshot_index


def snapshot_parent(xml):
    m = re.search(r"<parent>\s*<name>([^<]*)</name>\s*</parent>", xml)
    return m.group(1) if m else None


def rec_snapshot(conn, xml, path):
    dom = conn.lookupByName(SNAPSHOT_DOMAIN)
    flags = libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE
    # Redefine the chain of parents (from the valid documents) first.
    chain = []
    parent = snapshot_parent(xml)
    while parent is not None:
        ppath = snapshot_index().get(parent)
        if ppath is None or ppath in chain or ppath == path:
            break  # a missing parent is then libvirt's business to report
        chain.append(ppath)
        parent = snapshot_parent(read_text(ppath))
    made = []
    try:
        for ppath in reversed(chain):
            try:
                made.append(dom.snapshotCreateXML(read_text(ppath), flags))
            except libvirt.libvirtError as e:
                raise RecorderError("%s: parent %s failed: %s" % (path, ppath, e))
        snap = dom.snapshotCreateXML(xml, flags)
        made.append(snap)
        return readback("getXMLDesc", snap.getXMLDesc,
                        libvirt.VIR_DOMAIN_SNAPSHOT_XML_SECURE)
    finally:
        # Children first.  The test driver rejects
        # VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY; it only has metadata.
        for s in reversed(made):
            cleanup("snapshot delete", s.delete, 0)


def rec_interface(conn, xml, path):
    iface = conn.interfaceDefineXML(xml)
    try:
        # The test driver rejects VIR_INTERFACE_XML_INACTIVE ("unsupported
        # flags (0x1) in function testInterfaceGetXMLDesc"); the interface is
        # never started, so flags=0 gives the inactive definition.
        return readback("XMLDesc", iface.XMLDesc, 0)
    finally:
        cleanup("undefine", iface.undefine)


RECORDERS = {
    "domain": rec_domain,
    "network": rec_network,
    "storage_pool": rec_storage_pool,
    "storage_vol": rec_storage_vol,
    "snapshot": rec_snapshot,
    "interface": rec_interface,
}


def record_one(kind, path):
    """Return ('ok', xml) or ('error', message, code)."""
    xml = read_text(path)
    conn = libvirt.open(URI)
    if conn is None:
        raise RecorderError("cannot open %s" % URI)
    try:
        try:
            out = RECORDERS[kind](conn, xml, path)
        except libvirt.libvirtError as e:
            return ("error", str(e), e.get_error_code())
        return ("ok", out)
    finally:
        gc.collect()  # drop objects that still hold a connection reference
        if conn.close() != 0:
            # test:///default keeps its state while any reference is open;
            # the next document would not start from a fresh driver.
            raise RecorderError("%s: connection still referenced after close"
                                % path)


def err_text(message, code):
    one = message.replace("\\", "\\\\").replace("\n", "\\n")
    return "%s\n%d\n" % (one, code)


def collect(args):
    """List (kind, validity, path) of the inputs selected by args."""
    items = []
    for kind in KINDS:
        for validity in ("valid", "invalid"):
            d = os.path.join(HERE, kind, validity)
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                if is_input(name):
                    items.append((kind, validity, os.path.join(d, name)))
    if args:
        sel = [os.path.abspath(a) for a in args]
        items = [it for it in items
                 if any(it[2] == s or it[2].startswith(s.rstrip("/") + "/")
                        for s in sel)]
    return items


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true",
                    help="compare with the recorded files, write nothing")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("paths", nargs="*")
    opts = ap.parse_args()

    items = collect(opts.paths)
    unexpected = []
    differ = []
    counts = {}
    written = 0
    for kind, validity, path in items:
        rel = os.path.relpath(path, HERE)
        base = path[:-len(".xml")]
        out_path, err_path = base + ".out.xml", base + ".err"
        try:
            res = record_one(kind, path)
        except RecorderError as e:
            unexpected.append("RECORDER ERROR: %s" % e)
            continue
        counts[(kind, validity)] = counts.get((kind, validity), 0) + 1
        if validity == "valid":
            if res[0] != "ok":
                unexpected.append("UNEXPECTED: valid document rejected: %s: "
                                  "%s (code %d)" % (rel, res[1], res[2]))
                continue
            want, text, stale = out_path, res[1], err_path
        else:
            if res[0] != "error":
                unexpected.append("UNEXPECTED: invalid document accepted: %s"
                                  % rel)
                continue
            want, text, stale = err_path, err_text(res[1], res[2]), out_path
        if opts.check:
            if not os.path.exists(want) or read_text(want) != text:
                differ.append(os.path.relpath(want, HERE))
            if os.path.exists(stale):
                differ.append("stale " + os.path.relpath(stale, HERE))
        else:
            if not os.path.exists(want) or read_text(want) != text:
                write_text(want, text)
                written += 1
            if os.path.exists(stale):
                os.unlink(stale)
        if opts.verbose:
            print("%-8s %s" % ("ok" if validity == "valid" else "rejected", rel))

    # Outputs whose input is gone.
    if not opts.paths:
        for kind in KINDS:
            for validity in ("valid", "invalid"):
                d = os.path.join(HERE, kind, validity)
                if not os.path.isdir(d):
                    continue
                for name in sorted(os.listdir(d)):
                    for suf in (".out.xml", ".err"):
                        if name.endswith(suf) and not os.path.exists(
                                os.path.join(d, name[:-len(suf)] + ".xml")):
                            p = os.path.join(d, name)
                            if opts.check:
                                differ.append("orphan " + os.path.relpath(p, HERE))
                            else:
                                os.unlink(p)

    for kind in KINDS:
        print("%-13s valid %4d  invalid %4d" % (
            kind, counts.get((kind, "valid"), 0), counts.get((kind, "invalid"), 0)))
    for u in unexpected:
        print(u)
    if opts.check:
        for d in differ:
            print("DIFFERS: %s" % d)
        print("check: %d documents, %d differences" % (len(items), len(differ)))
    else:
        print("recorded: %d documents, %d files written" % (len(items), written))
    if unexpected:
        print("FAILED: %d unexpected results" % len(unexpected))
    return 1 if unexpected or differ else 0


if __name__ == "__main__":
    sys.exit(main())
