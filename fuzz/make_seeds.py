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
    'fuzz_qmp_reply': {
        'handshake': b'\x80{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}}\r\n{"return": {}, "id": "vireo-1"}\r\n{"return": {"running": false, "singlestep": false, "status": "prelaunch"}, "id": "vireo-2"}\r\n',
        'events': b'\x40{"timestamp": {"seconds": 1700000000, "microseconds": 5}, "event": "STOP"}\r\n{"timestamp": {"seconds": 1700000001, "microseconds": 6}, "event": "SHUTDOWN", "data": {"guest": true, "reason": "guest-shutdown"}}\r\n',
        'error': b'\x20{"id": "vireo-3", "error": {"class": "GenericError", "desc": "Duplicate device ID \'x\'"}}\r\n',
        'blockstats': b'\xc0{"return": [{"device": "", "qdev": "/machine/peripheral/virtio-disk0/virtio-backend", "node-name": "libvirt-1-format", "stats": {"rd_bytes": 512, "wr_bytes": 1024, "rd_operations": 1, "wr_operations": 2, "flush_operations": 3, "rd_total_time_ns": 4, "wr_total_time_ns": 5, "flush_total_time_ns": 6, "wr_highest_offset": 7}}], "id": "vireo-4"}\r\n{"return": [{"frontend-open": true, "filename": "pty:/dev/pts/7", "label": "charserial0"}], "id": "vireo-5"}\r\n',
        'agent': b'\x10{"return": {}}\r\n\xff{"return": 4242}\r\n{"return": [{"name": "eth0", "ip-addresses": [{"ip-address-type": "ipv4", "ip-address": "192.168.122.5", "prefix": 24}], "hardware-address": "52:54:00:12:34:56"}]}\r\n',
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
    'fuzz_xml_capabilities': ['capabilities'],
    'fuzz_xml_domain': ['domain', 'virtinst'],
    'fuzz_xml_domcaps': ['domain_capabilities'],
    'fuzz_xml_interface': ['interface'],
    'fuzz_xml_network': ['network'],
    'fuzz_xml_nodedev': ['node_device'],
    'fuzz_xml_nwfilter': ['nwfilter'],
    'fuzz_xml_pool': ['storage_pool'],
    'fuzz_xml_secret': ['secret'],
    'fuzz_xml_snapshot': ['snapshot'],
    'fuzz_xml_volume': ['storage_vol'],
}
CONF_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'conf')


def copy_corpus(outdir):
    for target, kinds in XML_CORPUS.items():
        d = os.path.join(outdir, target)
        os.makedirs(d, exist_ok=True)
        # inputs the target once failed on (tests/conf/fuzz/<target>, kept
        # as regressions by tests/unit/test_conf_extra.c)
        kinds = kinds + ['fuzz/' + target[len('fuzz_xml_'):]]
        for kind in kinds:
            # most kinds keep valid/ and invalid/; virtinst keeps its documents flat
            for pattern in ('valid/*.xml', 'invalid/*.xml', '*.xml'):
                for path in glob.glob(os.path.join(CONF_DIR, kind, pattern)):
                    name = '%s-%s' % (kind, path[len(CONF_DIR) + len(kind) + 2:])
                    name = name.replace('/', '-')
                    shutil.copyfile(path, os.path.join(d, name))


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
