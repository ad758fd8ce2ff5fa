#!/usr/bin/env python3
"""A virsh corpus replayed through a private vireod.

usage: test_corpus_vireod.py stock|ours shared|oracle"""
import os
import subprocess
import sys

from vireod_fixture import Vireod, find_binary

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = {
    'shared': (None, ['071-hostname-uri']),
    'oracle': (os.path.join(HERE, '..', 'virsh-oracle'), ['300-uri-connect']),
}


def system_socket_is(sock, cmd):
    """Stock virsh sends a URI it has no driver for (bogus:///nothing) to
    the system daemon's socket: run it in a private mount namespace where
    that socket is our vireod, so the answer never depends on whether this
    host happens to run libvirtd."""
    os.makedirs('/run/libvirt', exist_ok=True)
    shim = os.path.join(os.path.dirname(os.path.dirname(sock)), 'libvirt-shim')
    os.makedirs(shim, exist_ok=True)
    for name, target in (('libvirt-sock', sock), ('libvirt-sock-ro', sock + '-ro')):
        link = os.path.join(shim, name)
        if not os.path.lexists(link):
            os.symlink(target, link)
    script = 'mount --make-rprivate / && mount --bind "$0" /run/libvirt && exec "$@"'
    return ['unshare', '-m', 'sh', '-c', script, shim] + cmd


def main():
    which, corpus = sys.argv[1:3]
    virsh = '/usr/bin/virsh' if which == 'stock' else find_binary('virsh')
    path, uri_cases = CORPORA[corpus]
    with Vireod() as d:
        cmd = [sys.executable, os.path.join(HERE, '..', 'conformance', 'run_corpus.py'), virsh,
               d.uri()]
        if path:
            cmd += ['--corpus', path]
        for c in uri_cases:
            cmd += ['--uri-differs', c]
        if which == 'stock':
            cmd = system_socket_is(d.sock, cmd)
        rc = subprocess.run(cmd).returncode
        if not d.alive():
            print('FAIL vireod died during the corpus')
            print('0 passed, 1 failed')
            return 1
    return rc


if __name__ == '__main__':
    sys.exit(main())
