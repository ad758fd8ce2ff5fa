#!/usr/bin/env python3
"""`virsh list --all` latency: Vireo's virsh (in-process test driver, and
through vireod over its UNIX socket) against Debian's stock virsh on the
same machine, measured in one run.  Prints medians and ratios to stock
virsh (goal: ours at most 0.5x).

usage: virsh_list_latency.py [RUNS]   (default 200)"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'daemon'))
from vireod_fixture import Vireod, find_binary  # noqa: E402


def measure(argv, runs):
    env = dict(os.environ, LANG='C', LC_ALL='C')
    # warm the page cache and any first-run work
    for _ in range(5):
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            raise SystemExit('%s failed: %s' % (' '.join(argv), p.stderr.decode()))
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    ours = find_binary('virsh')
    rows = []
    stock = measure(['/usr/bin/virsh', '-c', 'test:///default', 'list --all'], runs)
    rows.append(('stock virsh, test:///default (baseline)', stock))
    rows.append(('vireo virsh, test:///default', measure([ours, '-c', 'test:///default',
                                                          'list --all'], runs)))
    with Vireod() as d:
        rows.append(('vireo virsh -> vireod socket',
                     measure([ours, '-c', d.uri(), 'list --all'], runs)))
        rows.append(('stock virsh -> vireod socket',
                     measure(['/usr/bin/virsh', '-c', d.uri(), 'list --all'], runs)))
    print('virsh list --all, %d runs each: median and 95th percentile wall time' % runs)
    for name, (med, p95) in rows:
        print('  %-42s %7.2f ms  p95 %7.2f ms  ratio %.2fx' % (name, med * 1000, p95 * 1000,
                                                             med / stock[0]))
    print('goal: vireo virsh at most 0.50x stock virsh')


if __name__ == '__main__':
    main()
