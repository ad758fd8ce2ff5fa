#!/usr/bin/python3
"""Record the QEMU driver's xml2xml goldens from stock libvirt.

Run with Debian 12's /usr/bin/python3 (python3-libvirt 9.0) while a stock
libvirtd serves qemu:///system.  Each input is defined, read back as the
inactive definition, and undefined again:

  NAME.xml -> NAME.out.xml   the inactive XML libvirt's QEMU driver keeps
  NAME.xml -> NAME.err       when libvirt refuses it: message, then code

A .err file has two lines: the message (a newline inside written as the
two characters '\\n') and the numeric error code.

An input carrying the comment `<!-- vireo-only: REASON -->` is not sent to
libvirt: its expected output is Vireo's own (written by the C test with
VIREO_TEST_REGENERATE=1) because libvirt behaves differently on purpose;
REASON says why.  An input carrying `<!-- expect-error -->` must be refused.

Usage:
  record.py [--check] [--argv DIR] [-v] [FILE...]

  --check     compare with the files on disk, write nothing, exit 1 on a
              difference
  --argv DIR  also write libvirt's own command line for each accepted input
              (domxml-to-native qemu-argv, one argument per line) to
              DIR/NAME.args, as a reference when writing the builder
"""

import argparse
import gc
import os
import shlex
import sys

os.environ.setdefault("LIBVIRT_LOG_OUTPUTS", "4:file:/dev/null")

try:
    import libvirt
except ImportError:
    sys.stderr.write("record.py: the libvirt module is missing; run it with "
                     "/usr/bin/python3 (package python3-libvirt)\n")
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
URI = "qemu:///system"
VIREO_ONLY = "<!-- vireo-only:"
EXPECT_ERROR = "<!-- expect-error -->"


def _quiet(_ctx, _err):
    pass


libvirt.registerErrorHandler(_quiet, None)


def read_text(path):
    with open(path, "r", encoding="utf-8", newline="") as f:
        return f.read()


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def err_text(message, code):
    one = message.replace("\\", "\\\\").replace("\n", "\\n")
    return "%s\n%d\n" % (one, code)


def record_one(conn, xml):
    """('ok', xml) or ('error', text)."""
    try:
        dom = conn.defineXML(xml)
    except libvirt.libvirtError as e:
        return ("error", err_text(str(e), e.get_error_code()))
    try:
        return ("ok", dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE |
                                  libvirt.VIR_DOMAIN_XML_SECURE))
    finally:
        dom.undefine()


def native_argv(conn, xml):
    try:
        line = conn.domainXMLToNative("qemu-argv", xml, 0)
    except libvirt.libvirtError as e:
        return "# domxml-to-native failed: %s\n" % e
    return "\n".join(shlex.split(line)) + "\n"


def inputs(paths):
    if paths:
        return sorted(os.path.abspath(p) for p in paths)
    return sorted(os.path.join(HERE, n) for n in os.listdir(HERE)
                  if n.endswith(".xml") and not n.endswith(".out.xml"))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--argv")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("paths", nargs="*")
    opts = ap.parse_args()

    conn = libvirt.open(URI)
    if conn is None:
        sys.stderr.write("record.py: cannot open %s\n" % URI)
        return 2
    differ, unexpected, written, skipped, done = [], [], 0, 0, 0
    for path in inputs(opts.paths):
        xml = read_text(path)
        if VIREO_ONLY in xml:
            skipped += 1
            continue
        base = path[:-len(".xml")]
        res = record_one(conn, xml)
        gc.collect()
        done += 1
        want_err = EXPECT_ERROR in xml
        if (res[0] == "error") != want_err:
            unexpected.append("%s: %s" % (os.path.basename(path),
                                          res[1].strip() if res[0] == "error"
                                          else "accepted, expected an error"))
            continue
        want = base + (".err" if want_err else ".out.xml")
        stale = base + (".out.xml" if want_err else ".err")
        if opts.check:
            if not os.path.exists(want) or read_text(want) != res[1]:
                differ.append(os.path.basename(want))
        else:
            if not os.path.exists(want) or read_text(want) != res[1]:
                write_text(want, res[1])
                written += 1
            if os.path.exists(stale):
                os.unlink(stale)
        if opts.argv and res[0] == "ok":
            os.makedirs(opts.argv, exist_ok=True)
            write_text(os.path.join(opts.argv, os.path.basename(base) + ".args"),
                       native_argv(conn, xml))
        if opts.verbose:
            print("%-8s %s" % (res[0], os.path.basename(path)))
    conn.close()
    for u in unexpected:
        print("UNEXPECTED: %s" % u)
    for d in differ:
        print("DIFFERS: %s" % d)
    print("%d recorded, %d vireo-only, %d written, %d differ" %
          (done, skipped, written, len(differ)))
    return 1 if unexpected or differ else 0


if __name__ == "__main__":
    sys.exit(main())
