#!/usr/bin/env python3
"""Adds up the "N passed, N failed" lines of every test in a meson test
log; a test without such a line counts as one check.  Prints one line per
test, the failures' output, and the total last."""
import json
import re
import sys


def main():
    total_pass = total_fail = 0
    for line in open(sys.argv[1]):
        t = json.loads(line)
        out = t.get('stdout') or ''
        counts = re.findall(r'^(\d+) passed, (\d+) failed$', out, re.M)
        ok = t['result'] == 'OK'
        if counts:
            p, f = map(int, counts[-1])
            if not ok and f == 0:
                f = 1
        else:
            p, f = (1, 0) if ok else (0, 1)
        total_pass += p
        total_fail += f
        print('%-36s %-8s %5d passed, %d failed  (%.1fs)' % (t['name'], t['result'], p, f,
                                                          t.get('duration', 0)))
        if f:
            for l in out.splitlines():
                if l.startswith('FAIL'):
                    print('    ' + l)
            if t['result'] not in ('OK', 'FAIL'):
                print('    ' + out[-2000:].replace('\n', '\n    '))
    print('%d passed, %d failed' % (total_pass, total_fail))
    return 1 if total_fail else 0


if __name__ == '__main__':
    sys.exit(main())
