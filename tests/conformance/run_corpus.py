#!/usr/bin/env python3
"""Replays a virsh corpus (shared/conformance/virsh/run) and reports one
"N passed, N failed" line.

usage: run_corpus.py VIRSH URI [--corpus DIR] [--uri-differs CASE]...

--uri-differs names a case whose only allowed difference is the line that
prints the connection URI: over a socket, `uri` prints the URI that was
opened (test+unix:///default?socket=...), not test:///default.  Such a case
is checked for exactly that and reported apart, not counted as passed."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The shared corpus lives beside the repository (../shared); a checkout
# elsewhere finds it through VIREO_SHARED or at /work/shared.
def find_runner():
    candidates = [os.environ.get('VIRSH_CORPUS_RUNNER')]
    for base in (os.environ.get('VIREO_SHARED'), os.path.join(HERE, '..', '..', '..', 'shared'),
                 '/work/shared'):
        if base:
            candidates.append(os.path.join(base, 'conformance', 'virsh', 'run'))
    for c in candidates:
        if c and os.path.exists(c):
            return os.path.abspath(c)
    raise SystemExit('FAIL cannot find shared/conformance/virsh/run (set VIREO_SHARED)\n'
                     '0 passed, 1 failed')


RUNNER = find_runner()


def main():
    args = sys.argv[1:]
    uri_differs = []
    corpus = None
    rest = []
    i = 0
    while i < len(args):
        if args[i] == '--uri-differs':
            uri_differs.append(args[i + 1])
            i += 2
        elif args[i] == '--corpus':
            corpus = args[i + 1]
            i += 2
        else:
            rest.append(args[i])
            i += 1
    virsh, uri = rest
    if os.sep in virsh:
        virsh = os.path.abspath(virsh)
    cmd = [sys.executable, RUNNER, virsh, uri, '--show-diff']
    if corpus:
        cmd += ['--corpus', corpus]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    m = re.search(r'^(\d+) passed, (\d+) failed$', out, re.M)
    if not m:
        print(out)
        print('0 passed, 1 failed')
        return 1
    passed, failed = int(m.group(1)), int(m.group(2))
    blocks = re.split(r'^(?=FAIL )', out, flags=re.M)
    for block in blocks:
        if not block.startswith('FAIL '):
            continue
        name = block.split()[1].rstrip(':')
        changed = [l for l in block.splitlines()
                   if l[:1] in '+-' and not l.startswith(('+++', '---'))]
        uri_only = changed and all(l[1:].strip() in ('test:///default', uri) for l in changed)
        if name in uri_differs and uri_only:
            failed -= 1
            print('%s: differs as it must (uri prints the URI that was opened)' % name)
        else:
            print(block.rstrip())
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
