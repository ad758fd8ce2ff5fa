#!/usr/bin/python3
"""Guest-to-guest TCP throughput on one virtual network against its floor,
measured in the same run:

  guests  two TCG guests (tests/guest) on a vireod network (taps on its
          bridge): busybox `dd if=/dev/zero | nc` from one to `nc -l` in
          the other for SECONDS; throughput = bytes the receiver's tap
          delivered (host-side counter) / time
  floor   two network namespaces joined by a veth pair, a Python sender
          and receiver for the same time (the kernel path alone)

Both run inside namespaces this script makes (removed at the end).  TCG
makes the guests slow; the ratio is only reported.

usage: network_bench.py [SECONDS]   (default 10)
       network_bench.py dhcp [RUNS]  net-start to DHCP offer, vireod vs
                                     libvirtd (see dhcp_bench below)"""
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'network'))
import test_network_guests as t  # noqa: E402

NET = """<network>
  <name>bench1</name>
  <bridge name='vbr-bench' stp='off' delay='0'/>
  <ip address='10.78.1.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.78.1.100' end='10.78.1.150'/>
      <host mac='52:54:00:78:01:10' ip='10.78.1.10'/>
      <host mac='52:54:00:78:01:11' ip='10.78.1.11'/>
    </dhcp>
  </ip>
</network>
"""

FLOOR_RX = r'''
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', 5001)); s.listen(1)
c, _ = s.accept()
while c.recv(1 << 16):
    pass
'''

FLOOR_TX = r'''
import socket, sys, time
s = socket.create_connection(('10.79.0.1', 5001))
buf = b'\0' * (1 << 16)
end = time.time() + float(sys.argv[1]) + 2
while time.time() < end:
    s.sendall(buf)
'''


def counter(ns, dev, name):
    out = t.nsrun(ns, 'cat', '/sys/class/net/%s/statistics/%s' % (dev, name)).stdout
    return int(out.strip() or 0)


def rate(ns, dev, name, seconds):
    """Bytes per second through @dev's @name counter over @seconds."""
    b0, t0 = counter(ns, dev, name), time.time()
    time.sleep(seconds)
    return (counter(ns, dev, name) - b0) / (time.time() - t0)


def floor(seconds):
    a, b = t.NS + '-fa', t.NS + '-fb'
    try:
        for ns in (a, b):
            t.run(['ip', 'netns', 'add', ns])
            t.must(ns, 'ip', 'link', 'set', 'lo', 'up')
        t.must(a, 'ip', 'link', 'add', 'fa0', 'type', 'veth', 'peer', 'name', 'fb0', 'netns', b)
        t.must(a, 'ip', 'addr', 'add', '10.79.0.1/24', 'dev', 'fa0')
        t.must(b, 'ip', 'addr', 'add', '10.79.0.2/24', 'dev', 'fb0')
        t.must(a, 'ip', 'link', 'set', 'fa0', 'up')
        t.must(b, 'ip', 'link', 'set', 'fb0', 'up')
        rx = subprocess.Popen(['ip', 'netns', 'exec', a, sys.executable, '-c', FLOOR_RX])
        time.sleep(0.5)
        tx = subprocess.Popen(['ip', 'netns', 'exec', b, sys.executable, '-c', FLOOR_TX,
                               str(seconds)])
        time.sleep(1)
        bps = rate(a, 'fa0', 'rx_bytes', seconds)
        tx.kill()
        rx.kill()
        tx.wait()
        rx.wait()
        return bps
    finally:
        for ns in (a, b):
            t.run(['ip', 'netns', 'del', ns])


def guests(seconds):
    t.run(['ip', 'netns', 'add', t.NS])
    t.must(t.NS, 'ip', 'link', 'set', 'lo', 'up')
    t.D.start()
    out = t.virsh('net-create', t.write('bench.net.xml', NET))
    if out.returncode != 0:
        raise RuntimeError('net-create: ' + out.stderr)
    for name, mac in (('b-rx', '52:54:00:78:01:10'), ('b-tx', '52:54:00:78:01:11')):
        t.define(name, t.nic('network', 'bench1', mac))
        if not t.boot(name):
            raise RuntimeError('%s did not boot' % name)
    for name, ip in (('b-rx', '10.78.1.10'), ('b-tx', '10.78.1.11')):
        if not t.wait_for(lambda: 'VIREO-GUEST: lease ' + ip in t.serial(name), 60):
            raise RuntimeError('%s got no lease' % name)
    rxtap = t.live_ifnames('b-rx')[0]
    out = t.gsh('b-rx', '(sleep 100000 | nc -l -p 5001 > /dev/null &)')
    time.sleep(1)
    out2 = t.gsh('b-tx', '(dd if=/dev/zero bs=16k 2>/dev/null | nc 10.78.1.10 5001 &)')
    time.sleep(2)
    if os.environ.get('BENCH_DEBUG'):
        print(out, out2, t.gsh('b-tx', 'ps; netstat -tn'), t.gsh('b-rx', 'ps; netstat -tn'))
    # host-side tx of the receiver's tap: what reached that guest
    return rate(t.NS, rxtap, 'tx_bytes', seconds)


# ---- net-start to DHCP offer (network driver) ---------------------------
#
# `network_bench.py dhcp [RUNS]` (default 5): the time from `net-start`
# returning to a client's DHCPDISCOVER being answered: a client namespace
# on a veth port joins the new bridge at once and busybox `udhcpc -n -q`
# runs until it holds a lease (offer, request, ack).  The same with stock
# libvirtd when it can run here (its own network and mount namespaces, as
# tests/network/test_network_stock.py starts it); the ratio is reported.

DHCP_NET = """<network>
  <name>vbdhcp</name>
  <forward mode='nat'/>
  <bridge name='vbdbr0' stp='off' delay='0'/>
  <mac address='52:54:00:77:00:01'/>
  <ip address='10.213.77.1' netmask='255.255.255.0'>
    <dhcp><range start='10.213.77.10' end='10.213.77.50'/></dhcp>
  </ip>
</network>
"""


def dhcp_offer_times(side, runs, xml_path):
    """Seconds from net-start returning to udhcpc's lease, @runs times."""
    cns = side.cns
    times = []
    t.run(['ip', 'netns', 'add', cns])
    side.nsrun('ip', 'link', 'add', 'vbdp0', 'type', 'veth', 'peer', 'name', 'vbdg0')
    side.nsrun('ip', 'link', 'set', 'vbdg0', 'netns', cns)
    t.run(['ip', 'netns', 'exec', cns, 'ip', 'link', 'set', 'vbdg0', 'address',
           '52:54:00:77:00:10', 'up'])
    r = side.virsh(['net-define', xml_path])
    if r.returncode != 0:
        raise RuntimeError('%s: net-define: %s' % (side.kind, r.stderr))
    try:
        for _ in range(runs):
            r = side.virsh(['net-start', 'vbdhcp'])
            t0 = time.monotonic()
            if r.returncode != 0:
                raise RuntimeError('%s: net-start: %s' % (side.kind, r.stderr))
            side.nsrun('ip', 'link', 'set', 'vbdp0', 'master', 'vbdbr0', 'up')
            u = t.run(['ip', 'netns', 'exec', cns, 'busybox', 'udhcpc', '-i', 'vbdg0', '-n',
                       '-q', '-f', '-t', '20', '-T', '1', '-s', '/bin/true'])
            t1 = time.monotonic()
            if 'obtained' not in u.stdout + u.stderr:
                raise RuntimeError('%s: no lease: %s' % (side.kind, u.stdout + u.stderr))
            times.append(t1 - t0)
            side.virsh(['net-destroy', 'vbdhcp'])
    finally:
        side.virsh(['net-destroy', 'vbdhcp'])
        side.virsh(['net-undefine', 'vbdhcp'])
    return times


def dhcp_bench(runs):
    import tempfile
    import test_network_stock as stk
    tmp = tempfile.mkdtemp(prefix='vireo-bench-dhcp-')
    os.chmod(tmp, 0o755)
    xml_path = os.path.join(tmp, 'vbdhcp.xml')
    open(xml_path, 'w').write(DHCP_NET)
    os.chmod(xml_path, 0o644)
    results = {}
    kinds = ['vireod'] + (['libvirtd'] if shutil.which('libvirtd') and shutil.which('iptables')
                          else [])
    for kind in kinds:
        side = stk.Side(kind, os.path.join(tmp, kind))
        os.makedirs(side.tmp)
        try:
            side.start()
            results[kind] = dhcp_offer_times(side, runs, xml_path)
        except Exception as e:   # report what ran
            print('%s: %s' % (kind, e))
        finally:
            side.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    for kind, times in results.items():
        print('%-8s net-start -> DHCP lease: median %6.1f ms  (min %.1f, max %.1f, %d runs)' %
              (kind, 1000 * sorted(times)[len(times) // 2], 1000 * min(times),
               1000 * max(times), len(times)))
    if 'vireod' in results and 'libvirtd' in results:
        v = sorted(results['vireod'])[len(results['vireod']) // 2]
        lv = sorted(results['libvirtd'])[len(results['libvirtd']) // 2]
        print('ratio vireod/libvirtd (median): %.2f' % (v / lv if lv else 0))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == 'dhcp':
        dhcp_bench(int(sys.argv[2]) if len(sys.argv) > 2 else 5)
        return
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    t.build_guest()
    try:
        g = guests(seconds)
    finally:
        for name in ('b-rx', 'b-tx'):
            t.virsh('destroy', name)
        t.virsh('net-destroy', 'bench1')    # its dnsmasq would outlive the namespace
        t.D.stop()
        t.run(['ip', 'netns', 'del', t.NS])
        shutil.rmtree(t.D.root, ignore_errors=True)
    f = floor(seconds)
    print('guest-to-guest (TCG, tap+bridge): %8.2f MB/s' % (g / 1e6))
    print('floor (veth between namespaces):  %8.2f MB/s' % (f / 1e6))
    print('ratio guests/floor: %.4f (%.1f%% of the floor)' % (g / f if f else 0,
                                                            100 * g / f if f else 0))


if __name__ == '__main__':
    main()
