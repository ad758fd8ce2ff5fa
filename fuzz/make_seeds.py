#!/usr/bin/env python3
"""Writes a small seed corpus for each fuzz target into DIR/<target>/
(seeds are generated, never committed).  The XML document targets start
from the golden corpus of their kind in tests/conf."""
import glob
import os
import shutil
import struct
import sys


def frame(prog, proc, payload=b'', serial=1, mtype=0, status=0):
    body = struct.pack('>IIiiIi', prog, 1, proc, mtype, serial, status) + payload
    return struct.pack('>I', len(body) + 4) + body


def xs(text):
    b = text.encode()
    return struct.pack('>I', len(b)) + b + b'\0' * ((4 - len(b) % 4) % 4)


UUID = b'\x66\x95\xeb\x01\xf6\xa4\x83\x04\x79\xaa\x97\xf2\x50\x2e\x19\x3f'
DOM = xs('test') + UUID + struct.pack('>i', 1)
REMOTE = 0x20008086

SEEDS = {
    'fuzz_rpc_frame': {
        'open': frame(REMOTE, 1, struct.pack('>I', 1) + xs('test:///default') + struct.pack('>I', 0)),
        'lookup': frame(REMOTE, 23, xs('test')),
        'destroy': frame(REMOTE, 12, DOM),
        'sched': frame(REMOTE, 219, DOM + struct.pack('>I', 1) + xs('weight') +
                       struct.pack('>iI', 2, 5) + struct.pack('>I', 0)),
        'error': frame(REMOTE, 23, struct.pack('>ii', 42, 10) + struct.pack('>I', 1) +
                       xs('no domain') + struct.pack('>i', 2) + struct.pack('>I', 0) * 4 +
                       struct.pack('>ii', 0, 0) + struct.pack('>I', 0), mtype=1, status=1),
        'hole': frame(REMOTE, 209, struct.pack('>qI', 4096, 0), mtype=6, status=2),
        'listall': frame(REMOTE, 273, struct.pack('>I', 1) + DOM + struct.pack('>I', 1),
                         mtype=1),
        'ping': frame(0x6b656570, 1, mtype=2),
    },
    'fuzz_uri': {
        'test': b'test:///default',
        'unix': b'qemu+unix:///system?socket=/run/vireo/vireo-sock',
        'ssh': b'qemu+ssh://root@host:22/system?keyfile=/k&no_verify=1',
        'embed': b'qemu:///embed?root=/tmp/x%20y',
    },
}


# XML targets and the tests/conf kind whose documents seed them.
XML_CORPUS = {
    'fuzz_xml_capabilities': 'capabilities',
    'fuzz_xml_domcaps': 'domain_capabilities',
    'fuzz_xml_nodedev': 'node_device',
    'fuzz_xml_nwfilter': 'nwfilter',
    'fuzz_xml_secret': 'secret',
}
CONF_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'conf')


def copy_corpus(outdir):
    for target, kind in XML_CORPUS.items():
        d = os.path.join(outdir, target)
        os.makedirs(d, exist_ok=True)
        for sub in ('valid', 'invalid'):
            for path in glob.glob(os.path.join(CONF_DIR, kind, sub, '*.xml')):
                shutil.copyfile(path, os.path.join(d, sub + '-' + os.path.basename(path)))


def main():
    outdir = sys.argv[1]
    for target, seeds in SEEDS.items():
        d = os.path.join(outdir, target)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds.items():
            with open(os.path.join(d, name), 'wb') as f:
                f.write(data)
    copy_corpus(outdir)


if __name__ == '__main__':
    main()
