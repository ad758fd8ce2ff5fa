#!/usr/bin/python3
"""Guest NICs for real (src/qemu/qemu_interface.c): vireod runs inside a
network namespace made for this test; TCG guests (tests/guest) get taps on
virtual networks and host bridges, macvtaps on a veth, and talk to other
namespaces the test made:

  NS        vireod, its networks' bridges, the host bridge hbr0, veths
  NS-svc    "uplink" 203.0.113.2 behind NAT: a TCP service on port 7777
  NS-peer   198.51.100.2 on hbr0 (type='bridge' guests)
  NS-mvt    192.0.2.2 at the far end of the veth macvtaps sit on

Checks: DHCP lease (static host entry) on a NAT network, lease file /
net-dhcp-leases / domifaddr, ping of the gateway, TCP through NAT, an
isolated network that cannot reach the service, bridge and macvtap
guests reaching their peers, domif-setlink down/up, domiftune (tc),
domifstat, hot plug/unplug of a NIC, vireod restart keeping the guest's
networking, clear errors for bad interfaces, nothing left after destroy.
Everything (namespaces, daemon, dnsmasq, root) is removed at the end,
also on failure.  Prints "N passed, N failed" last.
"""
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'daemon'))
from vireod_fixture import BUILD, Results, RootVireod, find_binary  # noqa: E402

GUEST_DIR = os.path.join(BUILD, 'guest')
BOOT_TIMEOUT = 150
NS = 'vireo-ng-%d' % os.getpid()
SVC = NS + '-svc'
PEER = NS + '-peer'
MVT = NS + '-mvt'
ALL_NS = (SVC, PEER, MVT, NS)
STOCK_VIRSH = '/usr/bin/virsh'

r = Results()


def run(args, input=None, timeout=60):
    return subprocess.run(args, capture_output=True, text=True, input=input, timeout=timeout)


def nsrun(ns, *args):
    return run(['ip', 'netns', 'exec', ns] + list(args))


def must(ns, *args):
    out = nsrun(ns, *args)
    if out.returncode != 0:
        raise RuntimeError('%s: %s' % (' '.join(args), out.stderr))
    return out


def build_guest():
    script = os.path.join(HERE, '..', 'guest', 'build-guest.sh')
    out = run(['bash', script, GUEST_DIR], timeout=600)
    if out.returncode != 0:
        raise SystemExit('cannot build the test guest: ' + out.stdout + out.stderr)


class Daemon(RootVireod):
    """vireod in the test's network namespace."""
    log_name = 'vireod.out'
    stop_timeout = 15

    def __init__(self):
        root = tempfile.mkdtemp(prefix='vireo-ng-')
        os.chmod(root, 0o755)      # dnsmasq (nobody) reads its files
        super().__init__(root, start=False)
        self.out = self.log

    def command(self):
        return ['ip', 'netns', 'exec', NS] + super().command()

D = Daemon()


def virsh(*args, stock=False, timeout=120):
    return run([STOCK_VIRSH if stock else find_binary('virsh'), '-c', D.uri()] + list(args),
               timeout=timeout)


def write(name, text):
    path = os.path.join(D.root, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def wait_for(pred, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.3)
    return False


def serial(name):
    try:
        return open(os.path.join(D.root, name + '.serial'), errors='replace').read()
    except OSError:
        return ''


def guest_xml(name, nics, mem=160):
    return """<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>%d</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%s/vmlinuz</kernel>
    <initrd>%s/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <serial type='pty'><log file='%s' append='on'/></serial>
    <console type='pty'/>
    %s
  </devices>
</domain>
""" % (name, mem, GUEST_DIR, GUEST_DIR, os.path.join(D.root, name + '.serial'), nics)


def define(name, nics):
    out = virsh('define', write(name + '.xml', guest_xml(name, nics)))
    r.check(out.returncode == 0, 'define %s: %s' % (name, out.stderr))


def boot(name):
    out = virsh('start', name)
    if not r.check(out.returncode == 0, 'start %s: %s' % (name, out.stderr)):
        return False
    return r.check(wait_for(lambda: 'VIREO-GUEST: shell' in serial(name), BOOT_TIMEOUT),
                   '%s booted (shell marker on its serial log)' % name)


_seq = [0]


def gsh(name, command, timeout=60):
    """Runs @command in the guest's console shell (virsh console on a pty);
    returns its output up to an end marker the shell computes (so the
    echoed command line never matches it), or None on timeout."""
    _seq[0] += 1
    n = _seq[0]
    marker = 'END-%d-' % (n * 7)
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(find_binary('virsh'), [find_binary('virsh'), '-c', D.uri(), 'console', name,
                                        '--force'])
    out = b''
    deadline = time.time() + timeout
    sent = False
    result = None
    while time.time() < deadline:
        if not sent and b'Escape character' in out:
            time.sleep(0.5)
            # leading blanks: busybox's line editor may eat the first bytes
            os.write(fd, ('\r        %s; echo END-$((%d*7))-\r' % (command, n)).encode())
            sent = True
        if select.select([fd], [], [], 0.5)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        text = out.decode(errors='replace')
        if sent and re.search(re.escape(marker) + r'\s', text.split('echo END-', 1)[-1]):
            result = text
            break
    os.write(fd, b'\x1d')
    end = time.time() + 10
    while time.time() < end:
        p, _ = os.waitpid(pid, os.WNOHANG)
        if p:
            break
        if select.select([fd], [], [], 0.1)[0]:
            try:
                os.read(fd, 4096)
            except OSError:
                pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return result


def guest_ok(name, command, what, timeout=60):
    """@command must print OK-TOKEN in the guest."""
    out = gsh(name, '(%s) && echo OK-$((6*7))-YES || echo NO-$((6*7))-NO' % command, timeout)
    return r.check(out is not None and 'OK-42-YES' in out,
                   '%s (output: %s)' % (what, (out or 'console timed out')[-600:]))


def guest_fails(name, command, what, timeout=60):
    out = gsh(name, '(%s) && echo OK-$((6*7))-YES || echo NO-$((6*7))-NO' % command, timeout)
    return r.check(out is not None and 'NO-42-NO' in out,
                   '%s (output: %s)' % (what, (out or 'console timed out')[-600:]))


def by_mac(mac):
    """Guest shell: the name of the NIC with that MAC (names follow probe order)."""
    return "grep -l %s /sys/class/net/*/address | cut -d/ -f5" % mac


def link_exists(name):
    return nsrun(NS, 'ip', 'link', 'show', 'dev', name).returncode == 0


def live_ifnames(name):
    return re.findall(r"<target dev='([^']+)'", virsh('dumpxml', name).stdout)


# ---- the namespaces ---------------------------------------------------------

SERVICE = r'''
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', 7777)); s.listen(8)
log = open(sys.argv[1], 'a')
while True:
    c, a = s.accept()
    log.write('connection from %s\n' % a[0]); log.flush()
    c.sendall(b'hello-from-svc\n'); c.close()
'''


def setup_namespaces():
    for ns in ALL_NS:
        run(['ip', 'netns', 'add', ns])
        must(ns, 'ip', 'link', 'set', 'lo', 'up')
    # NAT uplink
    must(NS, 'ip', 'link', 'add', 'up0', 'type', 'veth', 'peer', 'name', 'svc0', 'netns', SVC)
    must(NS, 'ip', 'addr', 'add', '203.0.113.1/24', 'dev', 'up0')
    must(NS, 'ip', 'link', 'set', 'up0', 'up')
    must(SVC, 'ip', 'addr', 'add', '203.0.113.2/24', 'dev', 'svc0')
    must(SVC, 'ip', 'link', 'set', 'svc0', 'up')
    # host bridge with a peer
    must(NS, 'ip', 'link', 'add', 'hbr0', 'type', 'bridge', 'forward_delay', '0')
    must(NS, 'ip', 'link', 'set', 'hbr0', 'up')
    must(NS, 'ip', 'link', 'add', 'hp0', 'type', 'veth', 'peer', 'name', 'pv0', 'netns', PEER)
    must(NS, 'ip', 'link', 'set', 'hp0', 'master', 'hbr0')
    must(NS, 'ip', 'link', 'set', 'hp0', 'up')
    must(PEER, 'ip', 'addr', 'add', '198.51.100.2/24', 'dev', 'pv0')
    must(PEER, 'ip', 'link', 'set', 'pv0', 'up')
    # the device macvtaps sit on
    must(NS, 'ip', 'link', 'add', 'mvl0', 'type', 'veth', 'peer', 'name', 'mvp0', 'netns', MVT)
    must(NS, 'ip', 'link', 'set', 'mvl0', 'up')
    must(NS, 'ip', 'link', 'add', 'mvl1', 'type', 'veth', 'peer', 'name', 'mvp1', 'netns', MVT)
    must(NS, 'ip', 'link', 'set', 'mvl1', 'up')
    must(MVT, 'ip', 'addr', 'add', '192.0.2.2/24', 'dev', 'mvp0')
    must(MVT, 'ip', 'link', 'set', 'mvp0', 'up')
    svclog = os.path.join(D.root, 'svc.log')
    open(svclog, 'w').close()
    svc = subprocess.Popen(['ip', 'netns', 'exec', SVC, sys.executable, '-c', SERVICE, svclog],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return svc, svclog


NAT_NET = """<network>
  <name>nat1</name>
  <forward mode='nat'/>
  <bridge name='vbr-nat1' stp='off' delay='0'/>
  <ip address='10.77.1.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.77.1.100' end='10.77.1.150'/>
      <host mac='52:54:00:77:01:50' name='g-nat' ip='10.77.1.50'/>
    </dhcp>
  </ip>
</network>
"""

ISO_NET = """<network>
  <name>iso1</name>
  <bridge name='vbr-iso1' stp='off' delay='0'/>
  <portgroup name='slow' default='yes'>
    <bandwidth><inbound average='1000'/></bandwidth>
  </portgroup>
  <ip address='10.77.2.1' netmask='255.255.255.0'>
    <dhcp><range start='10.77.2.100' end='10.77.2.150'/></dhcp>
  </ip>
</network>
"""

PY_ADDRS = r'''
import sys, libvirt
dom = libvirt.open(sys.argv[1]).lookupByName(sys.argv[2])
for name, v in dom.interfaceAddresses(libvirt.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE).items():
    for a in v['addrs']:
        print(name, v['hwaddr'], '%s/%d' % (a['addr'], a['prefix']))
print(dom.interfaceParameters(sys.argv[3], 0))
'''

MAC_NAT = '52:54:00:77:01:50'
MAC_ISO = '52:54:00:77:02:10'
MAC_BR = '52:54:00:77:03:10'
MAC_MVT = '52:54:00:77:03:20'
MAC_HOT = '52:54:00:77:01:99'


def nic(kind, source, mac, extra=''):
    attr = {'network': 'network', 'bridge': 'bridge', 'direct': 'dev'}[kind]
    mode = " mode='bridge'" if kind == 'direct' else ''
    return ("<interface type='%s'><mac address='%s'/><source %s='%s'%s/>"
            "<model type='virtio'/>%s</interface>" % (kind, mac, attr, source, mode, extra))


# ---- tests ------------------------------------------------------------------

def test_networks():
    for xml, name in ((NAT_NET, 'nat1'), (ISO_NET, 'iso1')):
        out = virsh('net-create', write(name + '.net.xml', xml))
        r.check(out.returncode == 0, 'net-create %s: %s' % (name, out.stderr))


def test_bad_interfaces():
    cases = [
        ('bad-br', nic('bridge', 'nobr0', '52:54:00:77:09:01'), "nobr0"),
        ('bad-net', nic('network', 'nonet', '52:54:00:77:09:02'), "nonet"),
        ('bad-eth', "<interface type='ethernet'><mac address='52:54:00:77:09:03'/>"
                    "<script path='/bin/true'/></interface>", "script"),
        ('bad-vlan', nic('bridge', 'hbr0', '52:54:00:77:09:04',
                         "<vlan><tag id='10'/></vlan>"), "VLAN"),
    ]
    for name, n, word in cases:
        define(name, n)
        out = virsh('start', name)
        r.check(out.returncode != 0 and word in out.stderr,
                '%s: start fails naming %s: %s' % (name, word, out.stderr.strip()))
        r.check(virsh('domstate', name).stdout.strip() == 'shut off', '%s stays shut off' % name)
        virsh('undefine', name)
    # nothing left behind by the failed starts
    links = nsrun(NS, 'ip', '-o', 'link').stdout
    r.check('vnet' not in links and 'macvtap' not in links,
            'failed starts leave no tap/macvtap: ' + links)
    # an inactive network
    out = virsh('net-define', write('off1.net.xml', ISO_NET.replace('iso1', 'off1')
                                    .replace('10.77.2', '10.77.9')))
    define('bad-off', nic('network', 'off1', '52:54:00:77:09:05'))
    out = virsh('start', 'bad-off')
    r.check(out.returncode != 0 and "off1" in out.stderr and 'not active' in out.stderr,
            'inactive network: clear error: ' + out.stderr.strip())
    virsh('undefine', 'bad-off')
    virsh('net-undefine', 'off1')


def test_nat_guest(svclog):
    g = 'g-nat'
    define(g, nic('network', 'nat1', MAC_NAT))
    if not boot(g):
        return
    r.check(wait_for(lambda: 'VIREO-GUEST: lease 10.77.1.50' in serial(g), 60),
            'NAT guest got its static DHCP host address 10.77.1.50: ' + serial(g)[-300:])
    taps = live_ifnames(g)
    r.check(len(taps) == 1 and taps[0].startswith('vnet'), 'live XML names a vnetN tap: %s' % taps)
    tap = taps[0] if taps else 'vnet0'
    br = nsrun(NS, 'readlink', '/sys/class/net/%s/brport/bridge' % tap).stdout.strip()
    r.check(br.endswith('vbr-nat1'), 'tap %s is a port of vbr-nat1 (%s)' % (tap, br))
    mac = nsrun(NS, 'cat', '/sys/class/net/%s/address' % tap).stdout.strip()
    r.check(mac == 'fe:54:00:77:01:50', 'tap MAC is the guest MAC with fe: (%s)' % mac)
    r.check("connections='1'" in virsh('net-dumpxml', 'nat1').stdout,
            'net-dumpxml counts the connection')
    leases = open(os.path.join(D.root, 'lib', 'vireo', 'dnsmasq', 'nat1.leases')).read() \
        if os.path.exists(os.path.join(D.root, 'lib', 'vireo', 'dnsmasq', 'nat1.leases')) else ''
    r.check('10.77.1.50' in leases and MAC_NAT in leases, 'dnsmasq lease file: ' + leases)
    out = virsh('net-dhcp-leases', 'nat1')
    r.check(out.returncode == 0 and '10.77.1.50' in out.stdout,
            'net-dhcp-leases shows the lease: %s %s' % (out.stdout, out.stderr))
    out = virsh('domifaddr', g, '--source', 'lease')
    r.check(out.returncode == 0 and '10.77.1.50/24' in out.stdout and MAC_NAT in out.stdout,
            'domifaddr --source lease: %s %s' % (out.stdout, out.stderr))
    py = run(['/usr/bin/python3', '-c', PY_ADDRS, D.uri(), g, tap])
    r.check(py.returncode == 0 and '10.77.1.50/24' in py.stdout and 'inbound.average' in py.stdout,
            'python3-libvirt interfaceAddresses / interfaceParameters: ' + py.stdout + py.stderr)
    guest_ok(g, 'ping -c 2 -W 2 10.77.1.1', 'NAT guest pings its gateway')
    out = virsh('domifaddr', g, '--source', 'arp')
    r.check(out.returncode == 0 and '10.77.1.50' in out.stdout,
            'domifaddr --source arp: %s %s' % (out.stdout, out.stderr))
    out = gsh(g, 'echo hi | nc -w 5 203.0.113.2 7777')
    r.check(out is not None and 'hello-from-svc' in out,
            'NAT guest reaches the TCP service in the uplink namespace: %s' % (out or '')[-300:])
    r.check('connection from 203.0.113.1' in open(svclog).read(),
            'the service saw the NAT address 203.0.113.1: ' + open(svclog).read())
    st = virsh('domifstat', g, tap)
    m = re.search(r'rx_bytes (\d+)', st.stdout)
    r.check(st.returncode == 0 and m and int(m.group(1)) > 0,
            'domifstat counts traffic: %s %s' % (st.stdout, st.stderr))

    # link state
    # our virsh here; stock virsh below (ptap0, after the restart)
    out = virsh('domif-setlink', g, tap, 'down')
    r.check(out.returncode == 0 and 'Device updated successfully' in out.stdout,
            'domif-setlink down: ' + out.stdout + out.stderr)
    out = virsh('domif-getlink', g, tap)
    r.check('down' in out.stdout, 'domif-getlink says down: ' + out.stdout + out.stderr)
    guest_fails(g, 'ping -c 2 -W 1 10.77.1.1', 'link down: no traffic')
    out = virsh('domif-setlink', g, tap, 'up')
    r.check(out.returncode == 0, 'domif-setlink up: ' + out.stderr)
    r.check('up' in virsh('domif-getlink', g, tap).stdout, 'domif-getlink says up')
    guest_ok(g, 'ping -c 3 -W 2 10.77.1.1', 'link up again: traffic restored')

    # bandwidth
    out = virsh('domiftune', g, tap, '--inbound', '1000,2000,64', '--live')
    r.check(out.returncode == 0, 'domiftune --inbound: ' + out.stderr)
    qd = nsrun(NS, 'tc', 'class', 'show', 'dev', tap).stdout
    r.check('htb' in qd and 'rate 8Mbit' in qd, 'tc htb class on the tap: ' + qd)
    out = virsh('domiftune', g, tap)
    r.check('inbound.average: 1000' in out.stdout, 'domiftune shows it: ' + out.stdout)
    out = virsh('domiftune', g, tap, '--outbound', '500', '--live')
    police = run(['sh', '-c', 'zgrep -q "CONFIG_NET_ACT_POLICE=y" /proc/config.gz']).returncode == 0
    if police:
        r.check(out.returncode == 0, 'domiftune --outbound: ' + out.stderr)
    else:
        # this kernel has no tc police action: the error must say so
        r.check(out.returncode != 0 and 'outbound' in out.stderr and tap in out.stderr,
                'domiftune --outbound without tc police: clear error: ' + out.stderr.strip())
    out = virsh('domiftune', g, tap, '--inbound', '0', '--live')
    r.check(out.returncode == 0 and 'htb' not in nsrun(NS, 'tc', 'qdisc', 'show', 'dev', tap).stdout,
            'domiftune --inbound 0 removes the limit: ' + out.stderr)
    out = virsh('domiftune', g, tap, '--inbound', '300', '--config')
    r.check(out.returncode == 0 and "<inbound average='300'/>" in
            virsh('dumpxml', '--inactive', g).stdout, 'domiftune --config: ' + out.stderr)
    out = virsh('domiftune', g, tap, '--config')
    r.check('inbound.average: 300' in out.stdout, 'domiftune --config shows it: ' + out.stdout
            + out.stderr)
    out = virsh('domiftune', g, 'nosuch0', '--inbound', '100')
    r.check(out.returncode != 0 and 'nosuch0' in out.stderr, 'domiftune of an unknown NIC: '
            + out.stderr.strip())

    # hot plug and unplug of a second NIC
    out = virsh('attach-interface', g, 'network', 'nat1', '--model', 'virtio', '--mac', MAC_HOT)
    r.check(out.returncode == 0, 'attach-interface: ' + out.stderr)
    taps2 = live_ifnames(g)
    new = [t for t in taps2 if t != tap]
    r.check(len(new) == 1 and link_exists(new[0]), 'hot-plugged NIC has its tap: %s' % taps2)
    r.check("connections='2'" in virsh('net-dumpxml', 'nat1').stdout, 'two connections now')
    guest_ok(g, 'ls /sys/class/net | grep eth1', 'the guest sees the new NIC', 60)
    out = virsh('detach-interface', g, 'network', '--mac', MAC_HOT)
    r.check(out.returncode == 0, 'detach-interface: ' + out.stderr)
    r.check(new and wait_for(lambda: not link_exists(new[0]), 10),
            'detach-interface removed the tap %s' % new)
    r.check("connections='1'" in virsh('net-dumpxml', 'nat1').stdout, 'back to one connection')


def test_isolated_guest(svclog):
    g = 'g-iso'
    define(g, nic('network', 'iso1', MAC_ISO))
    if not boot(g):
        return
    r.check(wait_for(lambda: 'VIREO-GUEST: lease 10.77.2.' in serial(g), 60),
            'isolated guest got a DHCP lease: ' + serial(g)[-300:])
    taps = live_ifnames(g)
    cls = nsrun(NS, 'tc', 'class', 'show', 'dev', taps[0]).stdout if taps else ''
    r.check('rate 8Mbit' in cls, "the default portgroup's <bandwidth> shapes the tap: " + cls)
    guest_ok(g, 'ping -c 2 -W 2 10.77.2.1', 'isolated guest pings its network address')
    before = open(svclog).read().count('connection')
    out = gsh(g, 'echo hi | nc -w 3 203.0.113.2 7777; echo rc=$?')
    r.check(out is not None and 'hello-from-svc' not in out and
            open(svclog).read().count('connection') == before,
            'isolated guest cannot reach the service: %s' % (out or '')[-300:])


def test_bridge_direct_guest():
    g = 'g-br'
    nics = nic('bridge', 'hbr0', MAC_BR, "<mtu size='1400'/><boot order='1'/>"
               "<bandwidth><inbound average='2000' peak='4000'/></bandwidth>") + \
        nic('direct', 'mvl0', MAC_MVT) + \
        "<interface type='ethernet'><mac address='52:54:00:77:03:30'/>" \
        "<target dev='ptap0' managed='no'/><model type='virtio'/><link state='down'/>" \
        "</interface>"
    must(NS, 'ip', 'tuntap', 'add', 'ptap0', 'mode', 'tap')
    # networks whose ports are the host's: forward mode bridge on hbr0,
    # and macvtap (mode bridge) on the veth
    for name, xml in (('hostbr', "<network><name>hostbr</name><forward mode='bridge'/>"
                                 "<bridge name='hbr0'/></network>"),
                      ('mvnet', "<network><name>mvnet</name><forward mode='bridge'>"
                                "<interface dev='mvl0'/></forward></network>")):
        out = virsh('net-create', write(name + '.net.xml', xml))
        r.check(out.returncode == 0, 'net-create %s: %s' % (name, out.stderr))
    nics += nic('network', 'hostbr', '52:54:00:77:03:60') + \
        nic('network', 'mvnet', '52:54:00:77:03:70')
    define(g, nics)
    if not boot(g):
        return
    names = live_ifnames(g)
    r.check(len(names) == 5 and names[0].startswith('vnet') and names[1].startswith('macvtap')
            and names[2] == 'ptap0', 'live target devs: %s' % names)
    if len(names) == 5:
        r.check(nsrun(NS, 'readlink', '/sys/class/net/%s/brport/bridge' % names[3]).stdout
                .strip().endswith('hbr0'), 'forward-bridge network: tap %s on hbr0' % names[3])
        lower = nsrun(NS, 'ls', '/sys/class/net/%s/' % names[4]).stdout
        r.check(names[4].startswith('macvtap') and 'lower_mvl0' in lower,
                'macvtap network: %s is a macvtap on mvl0' % names[4])
        r.check("connections='1'" in virsh('net-dumpxml', 'mvnet').stdout,
                'macvtap network counts the connection')
    r.check(nsrun(NS, 'readlink', '/sys/class/net/%s/brport/bridge' % names[0]).stdout.strip()
            .endswith('hbr0'), 'bridge tap is a port of hbr0')
    mv = names[1] if len(names) > 1 else 'macvtap0'
    r.check(nsrun(NS, 'test', '-d', '/sys/class/net/%s/macvtap' % mv).returncode == 0,
            '%s is a macvtap' % mv)
    r.check(nsrun(NS, 'cat', '/sys/class/net/ptap0/carrier').stdout.strip() == '1',
            'the pre-made tap ptap0 is in use (carrier)')
    cls = nsrun(NS, 'tc', 'class', 'show', 'dev', names[0]).stdout if names else ''
    r.check('rate 16Mbit ceil 32Mbit' in cls, '<bandwidth> at start: htb on the tap: ' + cls)
    mtu = nsrun(NS, 'cat', '/sys/class/net/%s/mtu' % names[0]).stdout.strip() if names else ''
    r.check(mtu == '1400', '<mtu size=1400> on the tap (%s)' % mtu)
    guest_ok(g, 'grep -q 1400 /sys/class/net/eth0/mtu', 'the guest NIC has MTU 1400 (host_mtu)')
    r.check('bootindex' in open(os.path.join(D.root, 'log', 'vireo', 'qemu', g + '.log')).read(),
            '<boot order> reaches the command line')
    r.check('down' in virsh('domif-getlink', g, 'ptap0').stdout, "<link state='down'> at start")
    guest_ok(g, 'E=$(%s) && ip link set $E up && sleep 1 && grep -q 0 /sys/class/net/$E/carrier'
             % by_mac('52:54:00:77:03:30'), "the guest sees that NIC's link down")
    out = virsh('domif-setlink', g, 'ptap0', 'up', stock=True)
    r.check(out.returncode == 0, 'domif-setlink ptap0 up: ' + out.stderr)
    guest_ok(g, 'sleep 1 && grep -q 1 /sys/class/net/$(%s)/carrier' % by_mac('52:54:00:77:03:30'),
             "the guest sees the link up now")
    guest_ok(g, 'E=$(%s) && ip addr add 198.51.100.10/24 dev $E && ip link set $E up && '
                'ping -c 3 -W 2 198.51.100.2' % by_mac(MAC_BR),
             'bridged guest pings its peer on hbr0', 90)
    ok = guest_ok(g, 'E=$(%s) && ip addr add 192.0.2.10/24 dev $E && ip link set $E up && '
                     'ping -c 4 -W 3 192.0.2.2' % by_mac(MAC_MVT),
                  'macvtap guest pings the far end of the veth', 90)
    if not ok:
        print(nsrun(NS, 'ip', '-s', 'link').stdout, nsrun(MVT, 'ip', '-s', 'link').stdout,
              gsh(g, 'ip -s link; ip addr; ip route'))
    # hot plug through attach-device (bridge) and attach-interface (direct)
    hot_br = write('hot-br.xml', nic('bridge', 'hbr0', '52:54:00:77:03:40'))
    out = virsh('attach-device', g, hot_br)
    r.check(out.returncode == 0, 'attach-device of a bridge NIC: ' + out.stderr)
    added = [t for t in live_ifnames(g) if t not in names]
    r.check(len(added) == 1 and nsrun(NS, 'readlink', '/sys/class/net/%s/brport/bridge'
                                      % added[0]).stdout.strip().endswith('hbr0'),
            'hot-plugged bridge NIC has a tap on hbr0: %s' % added)
    out = virsh('detach-device', g, hot_br)
    r.check(out.returncode == 0 and added and wait_for(lambda: not link_exists(added[0]), 10),
            'detach-device removed its tap: ' + out.stderr)
    # a created tap of type ethernet, two queues (IFF_MULTI_QUEUE, getfd x2, fds=)
    hot_eth = write('hot-eth.xml', "<interface type='ethernet'><mac address='52:54:00:77:03:80'/>"
                    "<target dev='etap5'/><model type='virtio'/><driver queues='2'/>"
                    "<link state='down'/></interface>")
    out = virsh('attach-device', g, hot_eth)
    r.check(out.returncode == 0, 'attach-device of an ethernet NIC with 2 queues: ' + out.stderr)
    det = nsrun(NS, 'ip', '-d', 'link', 'show', 'dev', 'etap5').stdout
    # QEMU detaches the queues the guest has not enabled yet (numdisabled)
    m = re.search(r'numqueues (\d+) numdisabled (\d+)', det)
    r.check('multi_queue' in det and m and int(m.group(1)) + int(m.group(2)) == 2,
            'etap5: a 2-queue tap: ' + det)
    guest_ok(g, 'E=$(%s) && ip link set $E up && sleep 1 && grep -q 0 /sys/class/net/$E/carrier'
             % by_mac('52:54:00:77:03:80'), "hot-plugged NIC with <link state='down'> is down")
    out = virsh('detach-device', g, hot_eth)
    r.check(out.returncode == 0 and wait_for(lambda: not link_exists('etap5'), 10),
            'detach-device removed etap5: ' + out.stderr)
    out = virsh('attach-interface', g, 'direct', 'mvl0', '--model', 'virtio', '--mac',
                '52:54:00:77:03:50')
    r.check(out.returncode == 0, 'attach-interface --type direct: ' + out.stderr)
    added = [t for t in live_ifnames(g) if t not in names]
    r.check(len(added) == 1 and added[0].startswith('macvtap') and link_exists(added[0]),
            'hot-plugged direct NIC has a macvtap: %s' % added)
    out = virsh('detach-interface', g, 'direct', '--mac', '52:54:00:77:03:50')
    r.check(out.returncode == 0 and added and wait_for(lambda: not link_exists(added[0]), 10),
            'detach-interface deleted the macvtap: ' + out.stderr)
    # the other macvtap modes (passthrough takes a device of its own)
    for mode, dev, mac in (('vepa', 'mvl0', '52:54:00:77:03:91'),
                           ('private', 'mvl0', '52:54:00:77:03:92'),
                           ('passthrough', 'mvl1', '52:54:00:77:03:93')):
        xml = write('hot-%s.xml' % mode,
                    "<interface type='direct'><mac address='%s'/><source dev='%s' mode='%s'/>"
                    "<model type='virtio'/></interface>" % (mac, dev, mode))
        out = virsh('attach-device', g, xml)
        added = [t for t in live_ifnames(g) if t not in names]
        det = nsrun(NS, 'ip', '-d', 'link', 'show', 'dev', added[0]).stdout if added else ''
        want = 'passthru' if mode == 'passthrough' else mode
        r.check(out.returncode == 0 and 'macvtap mode %s' % want in det,
                'direct mode %s: a macvtap in that mode: %s %s' % (mode, out.stderr, det))
        out = virsh('detach-device', g, xml)
        r.check(out.returncode == 0 and added and wait_for(lambda: not link_exists(added[0]), 10),
                'direct mode %s: detached and deleted: %s' % (mode, out.stderr))
    out = virsh('destroy', g)
    r.check(out.returncode == 0, 'destroy bridged guest')
    r.check(wait_for(lambda: not any(link_exists(n) for n in names if n != 'ptap0'), 10),
            'destroy removed the taps and the macvtaps')
    r.check("connections=" not in virsh('net-dumpxml', 'mvnet').stdout,
            'macvtap network: connection released')
    r.check(link_exists('ptap0'), 'the pre-made tap (managed=no) is left alone')


def test_restart_keeps_networking():
    g = 'g-nat'
    if 'running' not in virsh('domstate', g).stdout:
        r.check(False, 'restart: g-nat is not running')
        return
    taps = live_ifnames(g)
    D.stop()
    # while vireod is away the tap loses its bridge (as when the bridge is
    # re-created): the re-attach puts it back
    if taps:
        nsrun(NS, 'ip', 'link', 'set', taps[0], 'nomaster')
    D.start()
    r.check(taps and nsrun(NS, 'readlink', '/sys/class/net/%s/brport/bridge' % taps[0]).stdout
            .strip().endswith('vbr-nat1'), 'the re-attach put the tap back on vbr-nat1')
    r.check('running' in virsh('domstate', g).stdout, 'guest re-attached after restart')
    r.check(taps == live_ifnames(g) and all(link_exists(t) for t in taps),
            'taps kept across the restart: %s' % taps)
    guest_ok(g, 'ping -c 2 -W 2 10.77.1.1', 'guest networking works after vireod restart')
    r.check("connections='1'" in virsh('net-dumpxml', 'nat1').stdout,
            'connection counted again after restart: ' + virsh('net-dumpxml', 'nat1').stdout[:200])
    out = virsh('domif-setlink', g, taps[0] if taps else 'vnet0', 'down', stock=True)
    r.check(out.returncode == 0, 'domif-setlink after restart: ' + out.stderr)
    virsh('domif-setlink', g, taps[0] if taps else 'vnet0', 'up', stock=True)


def test_teardown():
    for g in ('g-nat', 'g-iso'):
        virsh('destroy', g)
    r.check(wait_for(lambda: 'vnet' not in nsrun(NS, 'ip', '-o', 'link').stdout, 10),
            'no tap left after destroy: ' + nsrun(NS, 'ip', '-o', 'link').stdout)
    r.check("connections=" not in virsh('net-dumpxml', 'nat1').stdout, 'no connections left')


def main():
    if os.geteuid() != 0 or not shutil.which('dnsmasq') and not os.path.exists('/usr/sbin/dnsmasq'):
        print('needs root and dnsmasq')
        print('0 passed, 1 failed')
        return 1
    build_guest()
    svc = None
    try:
        svc, svclog = setup_namespaces()
        D.start()
        test_networks()
        for t in (test_bad_interfaces, lambda: test_nat_guest(svclog),
                  lambda: test_isolated_guest(svclog), test_bridge_direct_guest,
                  test_restart_keeps_networking, test_teardown):
            try:
                t()
            except Exception as e:      # report and go on: cleanup must run
                r.check(False, '%s: %r' % (getattr(t, '__name__', 'test'), e))
    except Exception as e:
        r.check(False, 'setup: %r' % e)
    finally:
        try:
            for name in virsh('list', '--name').stdout.split():
                virsh('destroy', name)
        except Exception:
            pass
        D.stop()
        if svc:
            svc.kill()
            svc.wait()
        for p in os.listdir('/proc'):
            if p.isdigit():
                try:
                    cmd = open('/proc/%s/cmdline' % p, 'rb').read().decode(errors='replace')
                except OSError:
                    continue
                if D.root in cmd and ('dnsmasq' in cmd or 'qemu' in cmd):
                    try:
                        os.kill(int(p), signal.SIGKILL)
                    except OSError:
                        pass
        for ns in ALL_NS:
            run(['ip', 'netns', 'del', ns])
        if r.failed:
            print(open(D.out).read()[-3000:] if os.path.exists(D.out) else '')
        shutil.rmtree(D.root, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()
