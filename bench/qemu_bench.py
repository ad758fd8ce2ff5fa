#!/usr/bin/python3
"""The QEMU driver against its baselines, measured in one run (TCG guests):

  start     the start call until the guest runs, through vireod, against
            bare QEMU launched with the very command line vireod logged
            (spawn, QMP handshake, cont, until query-status says running);
            goal: at most 1.5x
  destroy   the destroy call of a running guest; goal: at most 50 ms
  list      `virsh list --all` with 1000 defined guests (ours, via vireod)
            against stock virsh listing the 1 guest of its test driver;
            goal: not slower
  memory    vireod's resident memory, idle and with 1000 defined guests

usage: qemu_bench.py [RUNS] [GUESTS]   (defaults 7 and 1000)"""
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'qemu'))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'daemon'))
import libvirt  # noqa: E402
from test_qemu_guests import Daemon, build_guest, guest_xml  # noqa: E402
from vireod_fixture import find_binary  # noqa: E402


def rss_kib(pid):
    for line in open('/proc/%d/status' % pid):
        if line.startswith('VmRSS:'):
            return int(line.split()[1])
    return 0


def qmp(path, deadline):
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.001)
    f = s.makefile('rw')
    f.readline()                     # greeting

    def call(cmd):
        f.write(json.dumps({'execute': cmd}) + '\n')
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if 'event' not in reply:
                return reply
    return s, call


def logged_command_line(log):
    """The last command line vireod wrote to the guest's log."""
    lines = open(log).read().splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if 'starting up' in lines[i]:
            return lines[i + 1]
    raise SystemExit('no command line in ' + log)


def bare_qemu_start(cmdline, monitor):
    words = shlex.split(cmdline)
    env = {}
    while '=' in words[0] and not words[0].startswith('/'):
        k, v = words.pop(0).split('=', 1)
        env[k] = v
    if os.path.exists(monitor):
        os.unlink(monitor)
    t0 = time.perf_counter()
    proc = subprocess.Popen(words, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    s, call = qmp(monitor, time.time() + 30)
    call('qmp_capabilities')
    call('cont')
    while call('query-status')['return']['status'] != 'running':
        pass
    took = time.perf_counter() - t0
    call('quit')
    s.close()
    proc.wait()
    return took


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    nguests = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    build_guest()
    work = tempfile.mkdtemp(prefix='vireo-bench-')
    os.chmod(work, 0o755)
    d = Daemon()
    try:
        conn = libvirt.open(d.uri())
        idle = rss_kib(d.proc.pid)
        dom = conn.defineXML(guest_xml('bench', os.path.join(work, 'bench-serial.log')))
        starts, destroys, bare = [], [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            dom.create()
            starts.append(time.perf_counter() - t0)
            time.sleep(0.3)
            t0 = time.perf_counter()
            dom.destroy()
            destroys.append(time.perf_counter() - t0)
        cmdline = logged_command_line(os.path.join(d.root, 'log', 'vireo', 'qemu', 'bench.log'))
        monitor = os.path.join(d.root, 'run', 'vireo', 'qemu', 'bench.monitor')
        for _ in range(runs):
            bare.append(bare_qemu_start(cmdline, monitor))

        t0 = time.perf_counter()
        for i in range(nguests):
            conn.defineXML(guest_xml('g%04d' % i, os.path.join(work, 'g.log')))
        define_s = time.perf_counter() - t0
        loaded = rss_kib(d.proc.pid)
        ours = find_binary('virsh')

        def list_time(argv):
            times = []
            for _ in range(max(runs, 10)):
                t0 = time.perf_counter()
                p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                times.append(time.perf_counter() - t0)
                if p.returncode != 0:
                    raise SystemExit(p.stderr.decode())
            return statistics.median(times), p.stdout.count(b'\n')
        stock_list, _ = list_time(['/usr/bin/virsh', '-c', 'test:///default', 'list', '--all'])
        our_list, lines = list_time([ours, '-c', d.uri(), 'list', '--all'])
        stock_ours, _ = list_time(['/usr/bin/virsh', '-c', d.uri(), 'list', '--all'])
        conn.close()
    finally:
        d.stop(lambda cmd: subprocess.run([find_binary('virsh'), '-c', d.uri()] + cmd.split(),
                                          capture_output=True, text=True))

    med = statistics.median
    print('QEMU driver benchmark (TCG), %d runs each, medians' % runs)
    print('  start: vireod %.1f ms, bare QEMU with the same command line %.1f ms: ratio %.2fx'
          ' (goal <= 1.5x)' % (med(starts) * 1000, med(bare) * 1000, med(starts) / med(bare)))
    print('  destroy: %.1f ms (max %.1f ms; goal <= 50 ms)'
          % (med(destroys) * 1000, max(destroys) * 1000))
    print('  list --all with %d guests (%d lines): vireo virsh -> vireod %.1f ms, '
          'stock virsh -> vireod %.1f ms; stock virsh test:///default (1 guest) %.1f ms: '
          'ratio %.2fx (goal <= 1.0x)' % (nguests, lines, our_list * 1000, stock_ours * 1000,
                                         stock_list * 1000, our_list / stock_list))
    print('  vireod memory: idle %.1f MiB, with %d defined guests %.1f MiB (%.1f KiB per guest);'
          ' defining them took %.2f s' % (idle / 1024, nguests, loaded / 1024,
                                          (loaded - idle) / nguests, define_s))


if __name__ == '__main__':
    main()
