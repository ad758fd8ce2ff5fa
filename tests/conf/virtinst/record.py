#!/usr/bin/python3
"""Record stock libvirt's normalisation of the virt-install corpus.

For every NAME.xml written by generate.sh (virt-install output), open a fresh
stock libvirt test:///default connection, define the document, read it back
with XMLDesc(VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE) and write the
result to NAME.libvirt.xml.  If libvirt refuses the document, its error
message goes to NAME.libvirt.err instead.

Usage: /usr/bin/python3 record.py [DIR]      (DIR defaults to this directory)

Each document gets its own connection: test:///default is private to the
connection and starts from the same built-in state every time, so no
document can influence another.  Exit status is 0 even when libvirt rejects
documents (those are part of the record); it is 1 only for internal errors.
"""

import glob
import os
import sys

import libvirt

FLAGS = libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE


def _quiet_handler(_ctx, _err):
    # libvirt prints every error to stderr by default; we record them instead.
    pass


def record(path):
    base = path[:-len(".xml")]
    out_xml = base + ".libvirt.xml"
    out_err = base + ".libvirt.err"
    for stale in (out_xml, out_err):
        if os.path.exists(stale):
            os.unlink(stale)

    with open(path, encoding="utf-8") as f:
        doc = f.read()

    conn = libvirt.open("test:///default")
    try:
        try:
            dom = conn.defineXML(doc)
            xml = dom.XMLDesc(FLAGS)
        except libvirt.libvirtError as e:
            msg = e.get_error_message() or str(e)
            with open(out_err, "w", encoding="utf-8") as f:
                f.write(msg.rstrip("\n") + "\n")
            return False, msg
    finally:
        conn.close()

    if not xml.endswith("\n"):
        xml += "\n"
    with open(out_xml, "w", encoding="utf-8") as f:
        f.write(xml)
    return True, None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else here
    libvirt.registerErrorHandler(_quiet_handler, None)

    docs = sorted(p for p in glob.glob(os.path.join(d, "*.xml"))
                  if not p.endswith(".libvirt.xml"))
    # Drop every previous result so that nothing stale survives.
    for stale in (glob.glob(os.path.join(d, "*.libvirt.xml")) +
                  glob.glob(os.path.join(d, "*.libvirt.err"))):
        os.unlink(stale)
    if not docs:
        print("no documents in %s; run generate.sh first" % d,
              file=sys.stderr)
        return 1

    ok = 0
    for p in docs:
        good, msg = record(p)
        name = os.path.basename(p)[:-len(".xml")]
        if good:
            ok += 1
        else:
            print("REJECTED %s: %s" % (name, msg), file=sys.stderr)
    print("libvirt %d.%d.%d accepted %d of %d documents" %
          (libvirt.getVersion() // 1000000,
           libvirt.getVersion() // 1000 % 1000,
           libvirt.getVersion() % 1000, ok, len(docs)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
