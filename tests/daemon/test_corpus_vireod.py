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
        rc = subprocess.run(cmd).returncode
        if not d.alive():
            print('FAIL vireod died during the corpus')
            print('0 passed, 1 failed')
            return 1
    return rc


if __name__ == '__main__':
    sys.exit(main())
