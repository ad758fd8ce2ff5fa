#!/usr/bin/python3
"""20 clients at once against vireod's QEMU driver: each has its own
connection and, for a while, starts, queries and destroys 10 real guests
picked at random.  Every call must be answered (no deadlock, no call
hanging), and the only errors allowed are the ones the races make right
(starting a running guest, destroying a stopped one).  Afterwards the
daemon still answers and no QEMU is left behind.  Prints "N passed, N failed"."""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'daemon'))
import libvirt  # noqa: E402
from test_qemu_guests import Daemon, build_guest, guest_xml, make_virsh  # noqa: E402
from vireod_fixture import Results  # noqa: E402

CLIENTS = 20
GUESTS = 10
SECONDS = 20
CALL_LIMIT = 60.0        # a call slower than this counts as hung

# Errors a race makes right: what libvirt answers in the same situations.
EXPECTED = (
    'is already running', 'already active', 'domain is not running',
    'Requested operation is not valid', 'was destroyed while it was starting',
)


def client(uri, names, stop, stats, lock):
    conn = libvirt.open(uri)
    rnd = random.Random()
    calls = slowest = 0
    errors = []
    while not stop.is_set():
        dom = conn.lookupByName(rnd.choice(names))
        op = rnd.choice(('create', 'destroy', 'info', 'info', 'state', 'xml'))
        t0 = time.monotonic()
        try:
            if op == 'create':
                dom.create()
            elif op == 'destroy':
                dom.destroy()
            elif op == 'info':
                dom.info()
            elif op == 'state':
                dom.state()
            else:
                dom.XMLDesc(0)
        except libvirt.libvirtError as e:
            if not any(x in str(e) for x in EXPECTED):
                errors.append('%s %s: %s' % (op, dom.name(), e))
        took = time.monotonic() - t0
        slowest = max(slowest, took)
        calls += 1
    conn.close()
    with lock:
        stats.append((calls, slowest, errors))


def main():
    build_guest()
    r = Results()
    work = tempfile.mkdtemp(prefix='vireo-conc-')
    os.chmod(work, 0o755)
    d = Daemon()
    virsh = make_virsh(d.uri())
    try:
        conn = libvirt.open(d.uri())
        names = ['c%02d' % i for i in range(GUESTS)]
        for n in names:
            conn.defineXML(guest_xml(n, os.path.join(work, n + '.log')))
        stop = threading.Event()
        stats, lock = [], threading.Lock()
        threads = [threading.Thread(target=client, args=(d.uri(), names, stop, stats, lock),
                                    daemon=True) for _ in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(SECONDS)
        stop.set()
        deadline = time.monotonic() + CALL_LIMIT
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        hung = sum(t.is_alive() for t in threads)
        r.check(hung == 0, 'every client finished (%d still inside a call)' % hung)
        calls = sum(s[0] for s in stats)
        slowest = max((s[1] for s in stats), default=0)
        errors = [e for s in stats for e in s[2]]
        print('%d clients made %d calls in %d s; slowest call %.2f s'
              % (len(stats), calls, SECONDS, slowest))
        r.check(calls > CLIENTS * 5, 'calls were answered throughout (%d)' % calls)
        r.check(slowest < CALL_LIMIT, 'no call hung (slowest %.2f s)' % slowest)
        r.check(not errors, 'only the errors the races make right: %s' % errors[:5])
        r.check(d.proc.poll() is None, 'vireod is still running')
        for n in names:
            dom = conn.lookupByName(n)
            if dom.isActive():
                dom.destroy()
        out = virsh('list --name')
        r.check(out.returncode == 0 and out.stdout.strip() == '',
                'afterwards every guest is shut off: %r' % out.stdout)
        left = subprocess.run(['pgrep', '-f', 'guest=c[0-9][0-9],'], capture_output=True,
                              text=True).stdout.split()
        r.check(not left, 'no QEMU left behind: %s' % left)
        conn.close()
    finally:
        d.stop(virsh)
        shutil.rmtree(work, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()
