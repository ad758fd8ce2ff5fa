#!/usr/bin/python3
"""Virtual networks for real (src/network): vireod runs inside a network
namespace made for this test (vireo-test-PID), so bridges, dnsmasq and nft
tables never touch the host's networking; the namespace, the daemon, every
dnsmasq it started and the private root are removed at the end, even on
failure.  Drives our virsh and stock /usr/bin/virsh over vireod's socket.

Needs root, iproute2, nftables and dnsmasq; skips (exit 77) without them.
Prints "N passed, N failed" last.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import json

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'daemon'))
from vireod_fixture import RootVireod  # noqa: E402

BUILD = os.environ.get('VIREO_BUILD', os.path.join(HERE, '..', '..', 'build'))
VIREOD = os.path.join(BUILD, 'src', 'daemon', 'vireod')
VIRSH = os.path.join(BUILD, 'tools', 'virsh')
STOCK_VIRSH = '/usr/bin/virsh'
NS = 'vireo-test-%d' % os.getpid()

passed = 0
failed = 0


def check(cond, what, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL: %s %s' % (what, detail), flush=True)


def run(args, input=None):
    return subprocess.run(args, capture_output=True, text=True, input=input, timeout=60)


def nsrun(*args):
    return run(['ip', 'netns', 'exec', NS] + list(args))


class Daemon(RootVireod):
    """vireod in the test's network namespace; start() may wrap its command."""
    log_name = 'vireod.out'
    stop_timeout = 10

    def __init__(self):
        root = tempfile.mkdtemp(prefix='vireo-net-')
        # dnsmasq reads its hosts files after dropping to 'nobody'
        os.chmod(root, 0o755)
        super().__init__(root, start=False)
        self.out = self.log
        self.wrap = None

    def command(self):
        cmd = [VIREOD, '--root', self.root, '--verbose']   # its log is checked
        if self.wrap:
            cmd = self.wrap(cmd)
        return ['ip', 'netns', 'exec', NS] + cmd

    def start(self, wrap=None):
        self.wrap = wrap
        super().start()

def virsh(d, cmd, stock=False):
    return run([STOCK_VIRSH if stock else VIRSH, '-c', d.uri()] + cmd)


def dnsmasq_pids(root):
    """dnsmasq processes whose command line names a file under @root."""
    pids = []
    for p in os.listdir('/proc'):
        if not p.isdigit():
            continue
        try:
            cmd = open('/proc/%s/cmdline' % p, 'rb').read().decode(errors='replace')
        except OSError:
            continue
        if 'dnsmasq' in cmd.split('\0')[0] and root in cmd:
            pids.append(int(p))
    return pids


def link_exists(name):
    return nsrun('ip', 'link', 'show', 'dev', name).returncode == 0


def addrs(name):
    r = nsrun('ip', '-j', 'addr', 'show', 'dev', name)
    if r.returncode != 0:
        return []
    return ['%s/%s' % (a['local'], a['prefixlen'])
            for i in json.loads(r.stdout) for a in i.get('addr_info', [])]


def nft_ruleset():
    return nsrun('nft', 'list', 'ruleset').stdout


NAT_XML = """<network>
  <name>vtnat</name>
  <forward mode='nat'/>
  <bridge name='vtbr0' stp='on' delay='0'/>
  <domain name='vt.example'/>
  <ip address='10.213.7.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.213.7.10' end='10.213.7.50'/>
      <host mac='52:54:00:aa:bb:01' name='fixed' ip='10.213.7.5'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:213:7::1' prefix='64'/>
  <route address='10.213.60.0' prefix='24' gateway='10.213.7.2'/>
</network>
"""

ISO_XML = """<network>
  <name>vtiso</name>
  <bridge name='vtbr1'/>
  <ip address='10.213.8.1' prefix='24'>
    <dhcp><range start='10.213.8.10' end='10.213.8.20'/></dhcp>
  </ip>
</network>
"""

CLASH_SUBNET_XML = """<network>
  <name>vtclash</name>
  <forward mode='route'/>
  <bridge name='vtbr2'/>
  <ip address='10.213.7.129' netmask='255.255.255.128'/>
</network>
"""

SAME_BRIDGE_XML = """<network>
  <name>vtsamebr</name>
  <forward mode='nat'/>
  <bridge name='vtbr0'/>
  <ip address='10.213.9.1' prefix='24'/>
</network>
"""

BUSY_BRIDGE_XML = """<network>
  <name>vtbusy</name>
  <forward mode='nat'/>
  <bridge name='vtdum0'/>
  <ip address='10.213.10.1' prefix='24'>
    <dhcp><range start='10.213.10.10' end='10.213.10.20'/></dhcp>
  </ip>
</network>
"""

ROUTE_CLASH_XML = """<network>
  <name>vtroute</name>
  <forward mode='nat'/>
  <bridge name='vtbr3'/>
  <ip address='10.213.11.1' prefix='24'/>
</network>
"""


def write(d, name, text):
    path = os.path.join(d.root, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def test_nat(d):
    r = virsh(d, ['net-define', write(d, 'nat.xml', NAT_XML)])
    check(r.returncode == 0 and 'Network vtnat defined' in r.stdout, 'net-define', r.stderr)
    check(os.path.exists(os.path.join(d.root, 'etc/vireo/network/vtnat.xml')),
          'config file written')
    r = virsh(d, ['net-list', '--all'], stock=True)
    check(r.returncode == 0 and 'vtnat' in r.stdout and 'inactive' in r.stdout,
          'stock net-list --all shows inactive', r.stdout + r.stderr)
    r = virsh(d, ['net-autostart', 'vtnat'], stock=True)
    check(r.returncode == 0 and 'marked as autostarted' in r.stdout, 'net-autostart',
          r.stdout + r.stderr)
    check(os.path.islink(os.path.join(d.root, 'etc/vireo/network/autostart/vtnat.xml')),
          'autostart link')
    r = virsh(d, ['net-start', 'vtnat'])
    check(r.returncode == 0 and 'Network vtnat started' in r.stdout, 'net-start', r.stderr)

    check(link_exists('vtbr0'), 'bridge vtbr0 exists')
    check('10.213.7.1/24' in addrs('vtbr0') and 'fd00:213:7::1/64' in addrs('vtbr0'),
          'bridge addresses', str(addrs('vtbr0')))
    r = nsrun('ip', 'route', 'show', '10.213.60.0/24')
    check('via 10.213.7.2 dev vtbr0' in r.stdout, 'static route', r.stdout)
    check(nsrun('ip', 'link', 'show', 'dev', 'vtbr0').stdout.find(',UP') >= 0
          or 'UP' in nsrun('ip', 'link', 'show', 'dev', 'vtbr0').stdout, 'bridge is up')
    pids = dnsmasq_pids(d.root)
    check(len(pids) == 1, 'one dnsmasq runs', str(pids))
    pidfile = os.path.join(d.root, 'run/vireo/network/vtnat.pid')
    check(os.path.exists(pidfile) and pids and int(open(pidfile).read()) == pids[0],
          'dnsmasq pid file')
    conf = open(os.path.join(d.root, 'lib/vireo/dnsmasq/vtnat.conf')).read()
    for line in ['strict-order', 'except-interface=lo', 'bind-dynamic', 'interface=vtbr0',
                 'dhcp-range=10.213.7.10,10.213.7.50,255.255.255.0', 'dhcp-no-override',
                 'dhcp-authoritative', 'dhcp-lease-max=41', 'domain=vt.example',
                 'expand-hosts', 'pid-file=' + pidfile]:
        check(line in conf.splitlines(), 'dnsmasq conf has ' + line, conf)
    hosts = open(os.path.join(d.root, 'lib/vireo/dnsmasq/vtnat.hostsfile')).read()
    check(hosts == '52:54:00:aa:bb:01,10.213.7.5,fixed\n', 'hostsfile', hosts)
    # dnsmasq listens on the bridge: DNS on 10.213.7.1:53
    ss = nsrun('ss', '-lnu')
    check('10.213.7.1:53' in ss.stdout or ':53 ' in ss.stdout, 'dnsmasq listens on :53',
          ss.stdout)
    rules = nft_ruleset()
    check('table ip vireo' in rules and 'chain fwd_vtbr0' in rules and
          'chain nat_vtbr0' in rules and 'masquerade' in rules, 'nft table and chains', rules)
    check('table ip6 vireo' in rules and 'ip6 saddr fd00:213:7::/64' in rules,
          'nft ip6 forward chain', rules)
    fwd = open('/proc/sys/net/ipv4/ip_forward').read().strip()
    inns = nsrun('cat', '/proc/sys/net/ipv4/ip_forward').stdout.strip()
    check(inns == '1', 'ip_forward on inside the namespace', inns + ' host=' + fwd)

    for stock in (False, True):
        tag = ' (stock virsh)' if stock else ''
        r = virsh(d, ['net-info', 'vtnat'], stock=stock)
        check(r.returncode == 0 and 'Active:         yes' in r.stdout and
              'Bridge:         vtbr0' in r.stdout and 'Autostart:      yes' in r.stdout,
              'net-info' + tag, r.stdout + r.stderr)
        r = virsh(d, ['net-list'], stock=stock)
        check(r.returncode == 0 and 'vtnat   active   yes         yes' in r.stdout,
              'net-list' + tag, r.stdout + r.stderr)
        r = virsh(d, ['net-dumpxml', 'vtnat'], stock=stock)
        check(r.returncode == 0 and "<bridge name='vtbr0'" in r.stdout and
              '<mac address=' in r.stdout, 'net-dumpxml' + tag, r.stdout + r.stderr)
        uuid = virsh(d, ['net-uuid', 'vtnat'], stock=stock).stdout.strip()
        check(len(uuid) == 36, 'net-uuid' + tag, uuid)
        r = virsh(d, ['net-name', uuid], stock=stock)
        check(r.stdout.strip() == 'vtnat', 'net-name' + tag, r.stdout + r.stderr)
        r = virsh(d, ['net-list', '--autostart', '--name'], stock=stock)
        check(r.stdout.split() == ['vtnat'], 'net-list --autostart' + tag, r.stdout)
    r = virsh(d, ['net-start', 'vtnat'])
    check(r.returncode != 0 and 'already active' in r.stderr, 'second net-start refused',
          r.stderr)


CLIENT_NS = NS + '-c'


def test_dhcp(d):
    """A client namespace on a veth port of vtbr0: its DHCP request gets
    the static host's fixed address, the lease is recorded, the gateway
    answers pings."""
    run(['ip', 'netns', 'add', CLIENT_NS])
    nsrun('ip', 'link', 'add', 'vtport0', 'type', 'veth', 'peer', 'name', 'vtguest0')
    nsrun('ip', 'link', 'set', 'vtguest0', 'netns', CLIENT_NS)
    nsrun('ip', 'link', 'set', 'vtport0', 'master', 'vtbr0', 'up')
    # STP is on: the port forwards after listening and learning (2 s each)
    for _ in range(100):
        if 'state forwarding' in nsrun('bridge', 'link', 'show', 'dev', 'vtport0').stdout:
            break
        time.sleep(0.1)
    c = ['ip', 'netns', 'exec', CLIENT_NS]
    run(c + ['ip', 'link', 'set', 'lo', 'up'])
    run(c + ['ip', 'link', 'set', 'vtguest0', 'address', '52:54:00:aa:bb:01', 'up'])
    r = run(c + ['busybox', 'udhcpc', '-i', 'vtguest0', '-n', '-q', '-f', '-t', '10', '-T', '1',
                 '-s', '/bin/true'])
    out = r.stdout + r.stderr
    check('10.213.7.5' in out and 'obtained' in out, 'static DHCP host gets its fixed address',
          out)
    leases = os.path.join(d.root, 'lib/vireo/dnsmasq/vtnat.leases')
    text = open(leases).read() if os.path.exists(leases) else ''
    check('52:54:00:aa:bb:01 10.213.7.5' in text, 'lease recorded', text)
    run(c + ['ip', 'link', 'set', 'vtguest0', 'address', '52:54:00:aa:bb:02'])
    r = run(c + ['busybox', 'udhcpc', '-i', 'vtguest0', '-n', '-q', '-f', '-t', '10', '-T', '1',
                 '-x', 'hostname:vtclient', '-s', '/bin/true'])
    out = r.stdout + r.stderr
    check('obtained' in out and '10.213.7.' in out, 'dynamic lease from the range', out)
    test_leases(d)
    # net-update --live --config: dnsmasq serves the new host at once
    host = "<host mac='52:54:00:aa:bb:03' name='third' ip='10.213.7.6'/>"
    before = dnsmasq_pids(d.root)
    r = virsh(d, ['net-update', 'vtnat', 'add', 'ip-dhcp-host', host, '--live', '--config'],
              stock=True)
    check(r.returncode == 0, 'net-update add ip-dhcp-host --live --config', r.stdout + r.stderr)
    hosts = open(os.path.join(d.root, 'lib/vireo/dnsmasq/vtnat.hostsfile')).read()
    check('52:54:00:aa:bb:03,10.213.7.6,third' in hosts, 'hostsfile updated', hosts)
    check(dnsmasq_pids(d.root) != before and len(dnsmasq_pids(d.root)) == 1,
          'dnsmasq restarted on the new files')
    for args in (['net-dumpxml', 'vtnat'], ['net-dumpxml', '--inactive', 'vtnat']):
        r = virsh(d, args)
        check("52:54:00:aa:bb:03" in r.stdout, ' '.join(args) + ' shows the new host', r.stdout)
    run(c + ['ip', 'link', 'set', 'vtguest0', 'address', '52:54:00:aa:bb:03'])
    r = run(c + ['busybox', 'udhcpc', '-i', 'vtguest0', '-n', '-q', '-f', '-t', '10', '-T', '1',
                 '-s', '/bin/true'])
    out = r.stdout + r.stderr
    check('lease of 10.213.7.6 obtained' in out, 'updated host gets its address', out)
    r = virsh(d, ['net-update', 'vtnat', 'add', 'ip-dhcp-host', host, '--live'])
    check(r.returncode != 0, 'duplicate host refused', r.stderr)

    run(c + ['ip', 'addr', 'add', '10.213.7.5/24', 'dev', 'vtguest0'])
    r = run(c + ['busybox', 'ping', '-c', '1', '-W', '2', '10.213.7.1'])
    check(r.returncode == 0, 'client pings the gateway', r.stdout + r.stderr)
    run(['ip', 'netns', 'del', CLIENT_NS])
    nsrun('ip', 'link', 'del', 'vtport0')

    # dnsmasq is watched: killed, it comes back
    old = dnsmasq_pids(d.root)
    for pid in old:
        os.kill(pid, signal.SIGKILL)
    new = []
    for _ in range(50):
        time.sleep(0.1)
        new = [p for p in dnsmasq_pids(d.root) if p not in old]
        if new:
            break
    check(len(new) == 1, 'dead dnsmasq restarted', str(new))
    log = open(d.out).read()
    check("dnsmasq of network 'vtnat' (pid %d) is gone; starting it again" % old[0] in log
          if old else False, 'dnsmasq restart logged', log[-1500:])


def lease_rows(out):
    """net-dhcp-leases rows as lists of cells (header and dashes dropped)."""
    lines = out.splitlines()
    return [l.split() for l in lines[2:] if l.strip()]


def test_leases(d):
    """net-dhcp-leases: our virsh and stock virsh print the same table
    (libvirt's columns, sorted by MAC), --mac filters, python-libvirt's
    DHCPLeases() gets the same records."""
    ours = virsh(d, ['net-dhcp-leases', 'vtnat'])
    stock = virsh(d, ['net-dhcp-leases', 'vtnat'], stock=True)
    check(ours.returncode == 0 and stock.returncode == 0, 'net-dhcp-leases runs',
          ours.stderr + stock.stderr)
    check(ours.stdout == stock.stdout, 'net-dhcp-leases: ours == stock virsh',
          '\n' + ours.stdout + '---\n' + stock.stdout)
    head = ours.stdout.splitlines()[0].split('   ') if ours.stdout else []
    check([h.strip() for h in head if h.strip()] ==
          ['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname',
           'Client ID or DUID'], 'lease table header', ours.stdout)
    rows = lease_rows(ours.stdout)
    macs = [r[2] for r in rows if len(r) >= 7]
    check(macs == ['52:54:00:aa:bb:01', '52:54:00:aa:bb:02'], 'both leases, sorted by MAC',
          ours.stdout)
    fixed = [r for r in rows if len(r) >= 7 and r[2] == '52:54:00:aa:bb:01']
    check(fixed and fixed[0][3] == 'ipv4' and fixed[0][4] == '10.213.7.5/24' and
          fixed[0][6] == '01:52:54:00:aa:bb:01', 'static lease row', ours.stdout)
    dyn = [r for r in rows if len(r) >= 7 and r[2] == '52:54:00:aa:bb:02']
    check(dyn and dyn[0][5] == 'vtclient' and dyn[0][4].startswith('10.213.7.') and
          dyn[0][4].endswith('/24'), 'dynamic lease row with hostname', ours.stdout)
    check(fixed and time.mktime(time.strptime(fixed[0][0] + ' ' + fixed[0][1],
                                              '%Y-%m-%d %H:%M:%S')) > time.time() + 600,
          'expiry time in the future', ours.stdout)
    for stock_ in (False, True):
        r = virsh(d, ['net-dhcp-leases', 'vtnat', '--mac', '52:54:00:AA:BB:02'], stock=stock_)
        check(r.returncode == 0 and [x[2] for x in lease_rows(r.stdout)] ==
              ['52:54:00:aa:bb:02'], '--mac filter (stock=%s)' % stock_, r.stdout + r.stderr)
    r = virsh(d, ['net-dhcp-leases', 'nosuchnet'])
    check(r.returncode != 0 and "no network with matching name 'nosuchnet'" in r.stderr,
          'leases of an unknown network', r.stderr)
    py = run(['/usr/bin/python3', '-c', 'import libvirt,sys,json\n'
              'c = libvirt.open(sys.argv[1])\n'
              'print(json.dumps(sorted(c.networkLookupByName("vtnat").DHCPLeases(), '
              'key=lambda l: l["mac"])))', d.uri()])
    try:
        recs = json.loads(py.stdout)
    except ValueError:
        recs = []
    check(len(recs) == 2 and recs[0]['iface'] == 'vtbr0' and recs[0]['ipaddr'] == '10.213.7.5'
          and recs[0]['prefix'] == 24 and recs[0]['type'] == 0 and
          recs[1]['hostname'] == 'vtclient', 'python-libvirt DHCPLeases()',
          py.stdout + py.stderr)
    r = virsh(d, ['net-dhcp-leases', 'vtnat', '--mac', '52:54:00:00:00:99'], stock=True)
    check(r.returncode == 0 and lease_rows(r.stdout) == [], 'no lease for another MAC',
          r.stdout)

    # lines of kinds no client made here: an IPv6 lease (DUID-LL holding
    # the MAC, IAID), an expired lease (skipped), one that never expires
    path = os.path.join(d.root, 'lib/vireo/dnsmasq/vtnat.leases')
    saved = open(path).read()
    now = int(time.time())
    with open(path, 'a') as f:
        f.write('%d 52:54:00:aa:bb:08 10.213.7.44 old *\n' % (now - 100))
        f.write('0 52:54:00:aa:bb:09 10.213.7.45 forever *\n')
        f.write('duid 00:01:00:01:2c:00:00:01:52:54:00:00:00:01\n')
        f.write('%d 1234 fd00:213:7::50 v6host 00:03:00:01:52:54:00:aa:bb:07\n' % (now + 3600))
    ours = virsh(d, ['net-dhcp-leases', 'vtnat'])
    stock = virsh(d, ['net-dhcp-leases', 'vtnat'], stock=True)
    open(path, 'w').write(saved)
    check(ours.stdout == stock.stdout, 'IPv6/expired/infinite leases: ours == stock virsh',
          '\n' + ours.stdout + '---\n' + stock.stdout)
    rows = {r[2]: r for r in lease_rows(ours.stdout) if len(r) >= 7}
    v6 = rows.get('52:54:00:aa:bb:07')
    check(v6 and v6[3:7] == ['ipv6', 'fd00:213:7::50/64', 'v6host',
                             '00:03:00:01:52:54:00:aa:bb:07'], 'IPv6 lease row', ours.stdout)
    check('52:54:00:aa:bb:08' not in rows, 'expired lease skipped', ours.stdout)
    check('52:54:00:aa:bb:09' in rows, 'lease that never expires listed', ours.stdout)


def test_bad_input(d):
    before = nft_ruleset()
    # a subnet overlapping the running vtnat
    r = virsh(d, ['net-define', write(d, 'clash.xml', CLASH_SUBNET_XML)])
    check(r.returncode == 0, 'define overlapping network', r.stderr)
    r = virsh(d, ['net-start', 'vtclash'])
    check(r.returncode != 0 and 'vtclash' in r.stderr and '10.213.7.128/25' in r.stderr and
          'vtnat' in r.stderr, 'subnet collision refused with a clear error', r.stderr)
    check(not link_exists('vtbr2'), 'no bridge left after subnet collision')
    check(nft_ruleset() == before, 'nft untouched after subnet collision')
    virsh(d, ['net-undefine', 'vtclash'])

    # a bridge name another network uses
    r = virsh(d, ['net-define', write(d, 'samebr.xml', SAME_BRIDGE_XML)])
    check(r.returncode != 0 and "bridge name 'vtbr0' already in use" in r.stderr,
          'bridge name of another network refused', r.stderr)
    check(not os.path.exists(os.path.join(d.root, 'etc/vireo/network/vtsamebr.xml')),
          'no config left for refused define')

    # a bridge name an existing interface holds
    nsrun('ip', 'link', 'add', 'vtdum0', 'type', 'veth', 'peer', 'name', 'vtdum1')
    r = virsh(d, ['net-define', write(d, 'busy.xml', BUSY_BRIDGE_XML)])
    check(r.returncode == 0, 'define network on busy name', r.stderr)
    ndns = len(dnsmasq_pids(d.root))
    r = virsh(d, ['net-start', 'vtbusy'])
    check(r.returncode != 0 and "'vtdum0'" in r.stderr and 'already in use' in r.stderr,
          'bridge name in use refused with a clear error', r.stderr)
    check(link_exists('vtdum0') and 'veth' in nsrun('ip', '-d', 'link', 'show', 'vtdum0').stdout,
          'existing interface left alone')
    check(len(dnsmasq_pids(d.root)) == ndns, 'no dnsmasq left after refused start')
    check(nft_ruleset() == before, 'nft untouched after refused start')
    r = virsh(d, ['net-info', 'vtbusy'])
    check('Active:         no' in r.stdout, 'refused network stays inactive', r.stdout)
    virsh(d, ['net-undefine', 'vtbusy'])

    # a subnet a host interface already routes
    nsrun('ip', 'addr', 'add', '10.213.11.7/24', 'dev', 'vtdum0')
    nsrun('ip', 'link', 'set', 'vtdum0', 'up')
    r = virsh(d, ['net-define', write(d, 'route.xml', ROUTE_CLASH_XML)])
    r = virsh(d, ['net-start', 'vtroute'])
    check(r.returncode != 0 and 'in use by interface vtdum0' in r.stderr,
          'host route collision refused', r.stderr)
    check(not link_exists('vtbr3'), 'no bridge after route collision')
    virsh(d, ['net-undefine', 'vtroute'])
    nsrun('ip', 'link', 'del', 'vtdum0')

    # malformed XML and unknown names
    r = virsh(d, ['net-define', write(d, 'bad.xml', '<network><name>x</name><ip address="10.1.1.1" '
                                      'netmask="255.0.255.0"/></network>')])
    if r.returncode == 0:
        r = virsh(d, ['net-start', 'x'])
        virsh(d, ['net-undefine', 'x'])
    check(r.returncode != 0 and '255.0.255.0' in r.stderr, 'bad netmask refused', r.stderr)
    r = virsh(d, ['net-start', 'nosuchnet'])
    check(r.returncode != 0 and "no network with matching name 'nosuchnet'" in r.stderr,
          'unknown network', r.stderr)


def test_isolated_transient(d):
    r = virsh(d, ['net-create', write(d, 'iso.xml', ISO_XML)], stock=True)
    check(r.returncode == 0 and 'Network vtiso created' in r.stdout, 'net-create transient',
          r.stdout + r.stderr)
    rules = nft_ruleset()
    check('chain fwd_vtbr1' in rules and 'chain nat_vtbr1' not in rules,
          'isolated: forward chain only', rules)
    conf = open(os.path.join(d.root, 'lib/vireo/dnsmasq/vtiso.conf')).read()
    check('dhcp-option=3' in conf and 'no-resolv' in conf, 'isolated dnsmasq conf', conf)
    r = virsh(d, ['net-list', '--transient', '--name'])
    check(r.stdout.split() == ['vtiso'], 'net-list --transient', r.stdout)
    r = virsh(d, ['net-destroy', 'vtiso'])
    check(r.returncode == 0, 'destroy transient', r.stderr)
    r = virsh(d, ['net-info', 'vtiso'])
    check(r.returncode != 0, 'transient network gone after destroy')
    check(not link_exists('vtbr1') and 'vtbr1' not in nft_ruleset(),
          'isolated network cleaned up')


def test_default_network(d):
    """A new root gets libvirt's `default` network, defined but (private
    root) not autostarted: nothing ran it in the namespace."""
    r = virsh(d, ['net-list', '--all'], stock=True)
    check(r.returncode == 0 and 'default   inactive   no          yes' in r.stdout,
          'default network defined, inactive, no autostart', r.stdout + r.stderr)
    x = virsh(d, ['net-dumpxml', 'default']).stdout
    for frag in ("<forward mode='nat'", "<bridge name='virbr0' stp='on' delay='0'/>",
                 "<ip address='192.168.122.1' netmask='255.255.255.0'>",
                 "<range start='192.168.122.2' end='192.168.122.254'", '<mac address=', '<uuid>'):
        check(frag in x, 'default network XML has ' + frag, x)
    check(not link_exists('virbr0'), 'default network not started on a private root')


HOSTBR_XML = """<network>
  <name>vthostbr</name>
  <forward mode='bridge'/>
  <bridge name='vthbr0'/>
</network>
"""

MACVTAP_XML = """<network>
  <name>vt%(mode)s</name>
  <forward mode='%(mode)s'>
    <interface dev='vtdev0'/>
    <interface dev='vtdev1'/>
  </forward>
</network>
"""

HOSTDEV_XML = """<network>
  <name>vthostdev</name>
  <forward mode='hostdev' managed='yes'>
    <pf dev='vtdev0'/>
  </forward>
</network>
"""


def test_forward_modes(d):
    """bridge (host bridge) and macvtap modes only check what the host
    has; hostdev is refused (no SR-IOV)."""
    virsh(d, ['net-define', write(d, 'hostbr.xml', HOSTBR_XML)])
    r = virsh(d, ['net-start', 'vthostbr'])
    check(r.returncode != 0 and "host bridge 'vthbr0' does not exist" in r.stderr,
          'host bridge missing: start refused', r.stderr)
    nsrun('ip', 'link', 'add', 'vthbr0', 'type', 'bridge')
    r = virsh(d, ['net-start', 'vthostbr'], stock=True)
    check(r.returncode == 0, 'host bridge network starts', r.stdout + r.stderr)
    r = virsh(d, ['net-info', 'vthostbr'], stock=True)
    check('Active:         yes' in r.stdout and 'Bridge:         vthbr0' in r.stdout,
          'host bridge network info', r.stdout)
    check(not any(p for p in dnsmasq_pids(d.root)
                  if 'vthostbr' in open('/proc/%d/cmdline' % p).read()),
          'no dnsmasq for a host bridge network')
    r = virsh(d, ['net-destroy', 'vthostbr'])
    check(r.returncode == 0 and link_exists('vthbr0'), 'destroy leaves the host bridge',
          r.stderr)
    virsh(d, ['net-undefine', 'vthostbr'])
    nsrun('ip', 'link', 'del', 'vthbr0')

    for mode in ('private', 'vepa', 'passthrough', 'bridge'):
        virsh(d, ['net-define', write(d, 'mv.xml', MACVTAP_XML % {'mode': mode})])
        r = virsh(d, ['net-start', 'vt' + mode])
        check(r.returncode != 0 and "forward interface 'vtdev0' does not exist" in r.stderr,
              mode + ': missing forward dev refused', r.stderr)
        nsrun('ip', 'link', 'add', 'vtdev0', 'type', 'veth', 'peer', 'name', 'vtdev1')
        r = virsh(d, ['net-start', 'vt' + mode])
        check(r.returncode == 0, mode + ': starts with its devices', r.stderr)
        r = virsh(d, ['net-dumpxml', 'vt' + mode], stock=True)
        check("<interface dev='vtdev1'/>" in r.stdout and
              "<forward dev='vtdev0' mode='%s'>" % mode in r.stdout, mode + ': dumpxml',
              r.stdout)
        r = virsh(d, ['net-update', 'vt' + mode, 'add', 'forward-interface',
                      "<interface dev='vtdev2'/>", '--config'], stock=True)
        check(r.returncode == 0, mode + ': net-update add forward-interface', r.stderr)
        r = virsh(d, ['net-dumpxml', '--inactive', 'vt' + mode])
        check("<interface dev='vtdev2'/>" in r.stdout, mode + ': pool grew in the config',
              r.stdout)
        r = virsh(d, ['net-destroy', 'vt' + mode])
        check(r.returncode == 0 and link_exists('vtdev0'), mode + ': destroy leaves devices',
              r.stderr)
        virsh(d, ['net-undefine', 'vt' + mode])
        nsrun('ip', 'link', 'del', 'vtdev0')

    nsrun('ip', 'link', 'add', 'vtdev0', 'type', 'veth', 'peer', 'name', 'vtdev1')
    virsh(d, ['net-define', write(d, 'hd.xml', HOSTDEV_XML)])
    r = virsh(d, ['net-start', 'vthostdev'])
    check(r.returncode != 0 and 'hostdev' in r.stderr and 'SR-IOV' in r.stderr,
          'hostdev refused with a clear error', r.stderr)
    virsh(d, ['net-undefine', 'vthostdev'])
    nsrun('ip', 'link', 'del', 'vtdev0')


NFT_XML = """<network>
  <name>vtnft</name>
  <forward mode='nat'/>
  <bridge name='vtbr9'/>
  <ip address='10.213.19.1' prefix='24'>
    <dhcp><range start='10.213.19.10' end='10.213.19.20'/></dhcp>
  </ip>
</network>
"""


def hide_nft(cmd):
    """vireod in a mount namespace where nft is not executable."""
    nft = shutil.which('nft') or '/usr/sbin/nft'
    return ['unshare', '-m', 'sh', '-c',
            'mount --bind /dev/null "$0" && exec "$@"', os.path.realpath(nft)] + cmd


def test_missing_nft(d):
    """Without nft a NAT network does not start, names the program, and
    leaves no bridge, dnsmasq or status behind; the running one is kept."""
    d.stop()
    d.start(wrap=hide_nft)
    virsh(d, ['net-define', write(d, 'nft.xml', NFT_XML)])
    ndns = len(dnsmasq_pids(d.root))
    r = virsh(d, ['net-start', 'vtnft'])
    check(r.returncode != 0 and "'nft' program is not installed" in r.stderr and
          'vtnft' in r.stderr, 'missing nft: clear error', r.stderr)
    check(not link_exists('vtbr9'), 'missing nft: no bridge left')
    check(len(dnsmasq_pids(d.root)) == ndns, 'missing nft: no dnsmasq left')
    check(not os.path.exists(os.path.join(d.root, 'run/vireo/network/vtnft.xml')),
          'missing nft: no status file')
    r = virsh(d, ['net-list', '--name'])
    check(r.stdout.split() == ['vtnat'], 'missing nft: running network still adopted',
          r.stdout)
    virsh(d, ['net-undefine', 'vtnft'])
    d.stop()
    d.start()


def test_autostart_at_start(d):
    """Autostart networks come up when vireod starts, before any client
    asks: the bridges exist as soon as the socket answers."""
    virsh(d, ['net-destroy', 'vtnat'])
    r = virsh(d, ['net-autostart', 'default'], stock=True)
    check(r.returncode == 0, 'net-autostart default', r.stderr)
    d.stop()
    check(not link_exists('vtbr0') and not link_exists('virbr0'), 'nothing runs before restart')
    d.start()
    deadline = time.time() + 10
    while time.time() < deadline and not (link_exists('vtbr0') and link_exists('virbr0')):
        time.sleep(0.1)
    check(link_exists('vtbr0') and link_exists('virbr0'),
          'autostart networks started at daemon start')
    check('192.168.122.1/24' in addrs('virbr0'), 'default network address',
          str(addrs('virbr0')))
    r = virsh(d, ['net-list', '--name'])
    check(r.stdout.split() == ['default', 'vtnat'], 'both autostarted networks listed',
          r.stdout)
    virsh(d, ['net-destroy', 'default'])
    virsh(d, ['net-autostart', '--disable', 'default'])
    check(not link_exists('virbr0'), 'default network stopped')


PY_EVENTS = r"""
import libvirt, sys, threading, time
libvirt.virEventRegisterDefaultImpl()
c = libvirt.open(sys.argv[1])
def cb(conn, net, event, detail, opaque):
    print('%s %d %d' % (net.name(), event, detail), flush=True)
c.networkEventRegisterAny(None, libvirt.VIR_NETWORK_EVENT_ID_LIFECYCLE, cb, None)
print('ready', flush=True)
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
time.sleep(float(sys.argv[2]))
"""

EV_XML = """<network>
  <name>vtev</name>
  <bridge name='vtbr5'/>
  <ip address='10.213.15.1' prefix='24'/>
</network>
"""


def test_events(d):
    """Network lifecycle events reach python-libvirt callbacks and stock
    `virsh net-event --loop`: defined, started, stopped, undefined."""
    py = subprocess.Popen(['/usr/bin/python3', '-c', PY_EVENTS, d.uri(), '6'],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ev = subprocess.Popen([STOCK_VIRSH, '-c', d.uri(), 'net-event', '--event', 'lifecycle',
                           '--loop', '--timeout', '6'],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ours = subprocess.Popen([VIRSH, '-c', d.uri(), 'net-event', '--event', 'lifecycle',
                             '--loop', '--timeout', '6'],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    one = subprocess.Popen([VIRSH, '-c', d.uri(), 'net-event', '--event', 'lifecycle',
                            '--network', 'vtnat', '--timeout', '6'],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = py.stdout.readline()
    time.sleep(1)
    virsh(d, ['net-define', write(d, 'ev.xml', EV_XML)])
    virsh(d, ['net-start', 'vtev'])
    virsh(d, ['net-destroy', 'vtev'])
    virsh(d, ['net-undefine', 'vtev'])
    pyout = ready + py.communicate(timeout=30)[0]
    evout = ev.communicate(timeout=30)[0]
    check(pyout.split('\n')[1:5] == ['vtev 0 0', 'vtev 2 0', 'vtev 3 0', 'vtev 1 0'],
          'python-libvirt network lifecycle callbacks', pyout)
    want = ["event 'lifecycle' for network vtev: Defined",
            "event 'lifecycle' for network vtev: Started",
            "event 'lifecycle' for network vtev: Stopped",
            "event 'lifecycle' for network vtev: Undefined"]
    got = [l for l in evout.splitlines() if l.startswith("event 'lifecycle'")]
    check(got == want, 'stock virsh net-event --loop', evout)
    oursout = ours.communicate(timeout=30)[0]
    check(oursout == evout, 'our virsh net-event --loop prints what stock virsh does',
          '\n' + oursout + '---\n' + evout)
    oneout = one.communicate(timeout=30)[0]
    check(one.returncode != 0 and 'event loop timed out' in oneout and
          'events received: 0' in oneout, 'net-event --network filters other networks', oneout)
    for stock in (False, True):
        r = virsh(d, ['net-event', '--list'], stock=stock)
        check(r.stdout.split() == ['lifecycle'], 'net-event --list (stock=%s)' % stock, r.stdout)


def test_restart_adopts(d):
    d.stop()
    check(link_exists('vtbr0') and len(dnsmasq_pids(d.root)) == 1,
          'network keeps running without vireod')
    d.start()
    r = virsh(d, ['net-list', '--name'])
    check(r.stdout.split() == ['vtnat'], 'restarted vireod adopts the running network',
          r.stdout + r.stderr)


def test_destroy(d):
    r = virsh(d, ['net-destroy', 'vtnat'], stock=True)
    check(r.returncode == 0 and 'Network vtnat destroyed' in r.stdout, 'net-destroy',
          r.stdout + r.stderr)
    check(not link_exists('vtbr0'), 'bridge removed')
    time.sleep(0.2)
    check(dnsmasq_pids(d.root) == [], 'dnsmasq stopped', str(dnsmasq_pids(d.root)))
    check('vireo' not in nft_ruleset(), 'nft chains and empty table removed', nft_ruleset())
    check(not os.path.exists(os.path.join(d.root, 'run/vireo/network/vtnat.xml')),
          'status file removed')
    r = virsh(d, ['net-destroy', 'vtnat'])
    check(r.returncode != 0 and 'not active' in r.stderr, 'destroy inactive refused', r.stderr)
    r = virsh(d, ['net-autostart', '--disable', 'vtnat'])
    check(r.returncode == 0 and not os.path.lexists(
        os.path.join(d.root, 'etc/vireo/network/autostart/vtnat.xml')), 'autostart disabled')
    r = virsh(d, ['net-undefine', 'vtnat'])
    check(r.returncode == 0 and 'Network vtnat has been undefined' in r.stdout, 'net-undefine',
          r.stdout + r.stderr)
    r = virsh(d, ['net-list', '--all', '--name'])
    check(r.stdout.split() == ['default'], 'only the default network left', r.stdout)


def main():
    if os.geteuid() != 0 or not all(shutil.which(p) or os.path.exists('/usr/sbin/' + p)
                                     for p in ('ip', 'nft', 'dnsmasq')):
        print('SKIP: needs root, ip, nft and dnsmasq')
        print('0 passed, 0 failed')
        return 77
    if run(['ip', 'netns', 'add', NS]).returncode != 0:
        print('SKIP: cannot create a network namespace')
        print('0 passed, 0 failed')
        return 77
    d = Daemon()
    try:
        nsrun('ip', 'link', 'set', 'lo', 'up')
        d.start()
        for t in (test_default_network, test_nat, test_dhcp, test_bad_input,
                  test_forward_modes, test_isolated_transient, test_events, test_missing_nft,
                  test_restart_adopts, test_autostart_at_start, test_destroy):
            try:
                t(d)
            except Exception as e:   # keep going: report, then clean up
                check(False, t.__name__, repr(e))
    finally:
        d.stop()
        for pid in dnsmasq_pids(d.root):
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        # deleting the namespace removes its bridges and nft tables
        run(['ip', 'netns', 'del', CLIENT_NS])
        run(['ip', 'netns', 'del', NS])
        if failed:
            print(open(d.out).read()[-3000:])
        shutil.rmtree(d.root, ignore_errors=True)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
