#!/usr/bin/python3
"""Stock virsh against stock libvirtd and against vireod: the same net-*
sequence, the same output.

libvirtd (Debian's, with its network driver) runs in a network namespace
of its own (vireo-stk-PID-l) and a mount namespace whose /run/libvirt,
/var/lib/libvirt, /etc/libvirt/qemu, /var/cache/libvirt and
/var/log/libvirt are empty tmpfs mounts, so its sockets, pid file,
definitions and dnsmasq files clash with nothing on the host; stock virsh
reaches its socket through /proc/PID/root.  vireod runs with a private
root in a second namespace (vireo-stk-PID-v).  Each side gets a client
namespace on a veth port of the network's bridge whose DHCP request
(busybox udhcpc) makes a lease for net-dhcp-leases.

Normalised before comparing: UUIDs, lease expiry times, and vireod's
`default` network (libvirt defines it from a separate package that is
not installed here; it is undefined on the vireod side first).

Needs root, libvirtd, iptables (libvirt 9.0's NAT rules), nft, dnsmasq,
busybox; skips (exit 77) without them.  Prints "N passed, N failed" last.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.environ.get('VIREO_BUILD', os.path.join(HERE, '..', '..', 'build'))
VIREOD = os.path.join(BUILD, 'src', 'daemon', 'vireod')
STOCK_VIRSH = '/usr/bin/virsh'
PID = os.getpid()

passed = 0
failed = 0


def check(cond, what, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print('FAIL: %s %s' % (what, detail), flush=True)


def run(args, input=None, timeout=60):
    return subprocess.run(args, capture_output=True, text=True, input=input, timeout=timeout)


LIBVIRTD_SH = """set -e
for d in /run/libvirt /var/lib/libvirt /etc/libvirt/qemu /var/cache/libvirt /var/log/libvirt; do
    mkdir -p $d
    mount -t tmpfs tmpfs $d
done
exec libvirtd --pid-file /run/libvirt/libvirtd.pid
"""

NET_XML = """<network>
  <name>vtcmp</name>
  <forward mode='nat'/>
  <bridge name='vtcbr0' stp='on' delay='0'/>
  <mac address='52:54:00:12:34:56'/>
  <domain name='cmp.example'/>
  <ip address='10.213.30.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.213.30.10' end='10.213.30.50'/>
      <host mac='52:54:00:aa:00:01' name='fixed' ip='10.213.30.5'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00:213:30::1' prefix='64'/>
  <route address='10.213.60.0' prefix='24' gateway='10.213.30.2'/>
  <dns>
    <forwarder addr='10.213.30.254'/>
    <host ip='10.213.30.7'><hostname>seven</hostname></host>
  </dns>
  <mtu size='1400'/>
</network>
"""


TRANSIENT_XML = """<network>
  <name>vttr</name>
  <bridge name='vttbr0'/>
  <mac address='52:54:00:12:34:57'/>
  <ip address='10.213.31.1' prefix='24'>
    <dhcp><range start='10.213.31.10' end='10.213.31.20'/></dhcp>
  </ip>
</network>
"""


class Side:
    """One server (stock libvirtd or vireod) in its own namespaces."""

    def __init__(self, kind, tmp):
        self.kind = kind
        self.ns = 'vireo-stk-%d-%s' % (PID, kind[0])
        self.cns = self.ns + 'c'
        self.tmp = tmp
        self.proc = None
        self.out = os.path.join(tmp, kind + '.out')
        self.root = None

    def start(self):
        run(['ip', 'netns', 'add', self.ns])
        run(['ip', 'netns', 'exec', self.ns, 'ip', 'link', 'set', 'lo', 'up'])
        if self.kind == 'libvirtd':
            script = os.path.join(self.tmp, 'libvirtd.sh')
            open(script, 'w').write(LIBVIRTD_SH)
            cmd = ['unshare', '-m', '--propagation', 'private', 'sh', script]
        else:
            self.root = os.path.join(self.tmp, 'root')
            os.makedirs(self.root)
            os.chmod(os.path.dirname(self.tmp), 0o755)   # dnsmasq runs as nobody
            os.chmod(self.tmp, 0o755)
            os.chmod(self.root, 0o755)
            cmd = [VIREOD, '--root', self.root]
        self.proc = subprocess.Popen(['ip', 'netns', 'exec', self.ns] + cmd,
                                     stdout=open(self.out, 'a'), stderr=subprocess.STDOUT)
        if self.kind == 'libvirtd':
            self.sock = '/proc/%d/root/run/libvirt/libvirt-sock' % self.proc.pid
        else:
            self.sock = os.path.join(self.root, 'run', 'vireo', 'vireo-sock')
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.kind + ' exited: ' + open(self.out).read()[-2000:])
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect(self.sock)
                s.close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(self.kind + ' did not start: ' + open(self.out).read()[-2000:])

    def uri(self):
        return 'qemu+unix:///system?socket=' + self.sock

    def virsh(self, args):
        return run([STOCK_VIRSH, '-c', self.uri()] + args)

    def nsrun(self, *args):
        return run(['ip', 'netns', 'exec', self.ns] + list(args))

    def dhcp_client(self, mac):
        """A client namespace on a veth port of vtcbr0 asks for a lease."""
        run(['ip', 'netns', 'add', self.cns])
        self.nsrun('ip', 'link', 'add', 'vtcp0', 'type', 'veth', 'peer', 'name', 'vtcg0')
        self.nsrun('ip', 'link', 'set', 'vtcg0', 'netns', self.cns)
        self.nsrun('ip', 'link', 'set', 'vtcp0', 'master', 'vtcbr0', 'up')
        for _ in range(100):
            if 'state forwarding' in self.nsrun('bridge', 'link', 'show', 'dev', 'vtcp0').stdout:
                break
            time.sleep(0.1)
        c = ['ip', 'netns', 'exec', self.cns]
        run(c + ['ip', 'link', 'set', 'vtcg0', 'address', mac, 'up'])
        r = run(c + ['busybox', 'udhcpc', '-i', 'vtcg0', '-n', '-q', '-f', '-t', '10', '-T', '1',
                     '-x', 'hostname:cli', '-s', '/bin/true'])
        return r.stdout + r.stderr

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # dnsmasq of either side: it runs in the side's network namespace
        try:
            ino = os.stat('/run/netns/' + self.ns).st_ino
        except OSError:
            ino = None
        for p in os.listdir('/proc'):
            if not p.isdigit() or ino is None:
                continue
            try:
                same = os.stat('/proc/%s/ns/net' % p).st_ino == ino
                cmd = open('/proc/%s/cmdline' % p, 'rb').read().decode(errors='replace')
            except OSError:
                continue
            if same and 'dnsmasq' in cmd.split('\0')[0]:
                try:
                    os.kill(int(p), signal.SIGTERM)
                except OSError:
                    pass
        run(['ip', 'netns', 'del', self.cns])
        run(['ip', 'netns', 'del', self.ns])


UUID_RE = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
TIME_RE = re.compile(r'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d')


def normalise(text, path):
    text = UUID_RE.sub('UUID', text)
    text = TIME_RE.sub('YYYY-MM-DD hh:mm:ss', text)
    return text.replace(path, 'FILE')


def sequence(xml_path):
    """(label, virsh arguments) pairs, run in order on each side."""
    host9 = "<host mac='52:54:00:aa:00:09' name='h9' ip='10.213.30.9'/>"
    return [
        ('list-empty', ['net-list', '--all']),
        ('define', ['net-define', xml_path]),
        ('list-defined', ['net-list', '--all']),
        ('info-inactive', ['net-info', 'vtcmp']),
        ('dumpxml-inactive', ['net-dumpxml', 'vtcmp']),
        ('autostart', ['net-autostart', 'vtcmp']),
        ('list-autostart', ['net-list', '--all', '--autostart']),
        ('start', ['net-start', 'vtcmp']),
        ('start-again', ['net-start', 'vtcmp']),
        ('list-active', ['net-list']),
        ('info-active', ['net-info', 'vtcmp']),
        ('dumpxml-active', ['net-dumpxml', 'vtcmp']),
        ('uuid', ['net-uuid', 'vtcmp']),
        ('bridge-name-list', ['net-list', '--name']),
        ('DHCP', None),
        ('dhcp-leases', ['net-dhcp-leases', 'vtcmp']),
        ('dhcp-leases-mac', ['net-dhcp-leases', 'vtcmp', '--mac', '52:54:00:AA:00:01']),
        ('dhcp-leases-other-mac', ['net-dhcp-leases', 'vtcmp', '52:54:00:00:00:77']),
        ('update-add-host', ['net-update', 'vtcmp', 'add', 'ip-dhcp-host', host9, '--live',
                             '--config']),
        ('update-dup-host', ['net-update', 'vtcmp', 'add', 'ip-dhcp-host', host9, '--live']),
        ('update-modify-host', ['net-update', 'vtcmp', 'modify', 'ip-dhcp-host',
                                "<host mac='52:54:00:aa:00:09' name='h9b' ip='10.213.30.9'/>",
                                '--live', '--config']),
        ('update-add-first-range', ['net-update', 'vtcmp', 'add-first', 'ip-dhcp-range',
                                    "<range start='10.213.30.60' end='10.213.30.70'/>",
                                    '--config']),
        ('update-dns-host', ['net-update', 'vtcmp', 'add-last', 'dns-host',
                             "<host ip='10.213.30.99'><hostname>h99</hostname></host>",
                             '--config']),
        ('update-dns-txt', ['net-update', 'vtcmp', 'add', 'dns-txt',
                            "<txt name='t1' value='v1'/>", '--config']),
        ('update-dns-srv', ['net-update', 'vtcmp', 'add', 'dns-srv',
                            "<srv service='ldap' protocol='tcp' domain='cmp.example' "
                            "target='h99' port='389' priority='10' weight='10'/>", '--config']),
        ('update-portgroup', ['net-update', 'vtcmp', 'add', 'portgroup',
                              "<portgroup name='pg1'/>", '--config']),
        ('update-delete-txt', ['net-update', 'vtcmp', 'delete', 'dns-txt',
                               "<txt name='t1' value='v1'/>", '--config']),
        ('update-delete-missing', ['net-update', 'vtcmp', 'delete', 'dns-txt',
                                   "<txt name='t1' value='v1'/>", '--config']),
        ('update-delete-missing-srv', ['net-update', 'vtcmp', 'delete', 'dns-srv',
                                       "<srv service='nosuch' protocol='udp'/>", '--config']),
        ('update-dup-srv', ['net-update', 'vtcmp', 'add', 'dns-srv',
                            "<srv service='ldap' protocol='tcp' domain='cmp.example' "
                            "target='h99' port='389' priority='10' weight='10'/>", '--config']),
        ('update-dup-txt', ['net-update', 'vtcmp', 'add', 'dns-txt',
                            "<txt name='t2' value='v2'/>", '--config']),
        ('update-dup-txt2', ['net-update', 'vtcmp', 'add', 'dns-txt',
                             "<txt name='t2' value='v2'/>", '--config']),
        ('update-delete-missing-dns-host', ['net-update', 'vtcmp', 'delete', 'dns-host',
                                            "<host ip='10.213.30.98'/>", '--config']),
        ('update-dup-dns-host', ['net-update', 'vtcmp', 'add', 'dns-host',
                                 "<host ip='10.213.30.99'><hostname>h99</hostname></host>",
                                 '--config']),
        ('update-delete-missing-range', ['net-update', 'vtcmp', 'delete', 'ip-dhcp-range',
                                         "<range start='10.213.30.80' end='10.213.30.81'/>",
                                         '--config']),
        ('update-dup-range', ['net-update', 'vtcmp', 'add', 'ip-dhcp-range',
                              "<range start='10.213.30.60' end='10.213.30.70'/>", '--config']),
        ('update-dup-portgroup', ['net-update', 'vtcmp', 'add', 'portgroup',
                                  "<portgroup name='pg1'/>", '--config']),
        ('update-missing-portgroup', ['net-update', 'vtcmp', 'delete', 'portgroup',
                                      "<portgroup name='pg9'/>", '--config']),
        ('update-missing-host', ['net-update', 'vtcmp', 'delete', 'ip-dhcp-host',
                                 "<host mac='52:54:00:aa:00:77'/>", '--config']),
        ('update-fwd-if', ['net-update', 'vtcmp', 'add', 'forward-interface',
                           "<interface dev='eth9'/>", '--config']),
        ('update-bridge-refused', ['net-update', 'vtcmp', 'modify', 'bridge',
                                   "<bridge name='x'/>", '--config']),
        ('update-bad-section', ['net-update', 'vtcmp', 'add', 'nosuch', '<x/>']),
        ('dumpxml-live-after-update', ['net-dumpxml', 'vtcmp']),
        ('dumpxml-config-after-update', ['net-dumpxml', '--inactive', 'vtcmp']),
        ('destroy', ['net-destroy', 'vtcmp']),
        ('destroy-again', ['net-destroy', 'vtcmp']),
        ('list-after-destroy', ['net-list', '--all']),
        ('autostart-disable', ['net-autostart', '--disable', 'vtcmp']),
        ('undefine', ['net-undefine', 'vtcmp']),
        ('list-end', ['net-list', '--all']),
        ('info-missing', ['net-info', 'vtcmp']),
        ('create-transient', ['net-create', xml_path.replace('vtcmp.xml', 'vttr.xml')]),
        ('list-transient', ['net-list', '--transient']),
        ('list-persistent', ['net-list', '--all', '--persistent']),
        ('list-names', ['net-list', '--all', '--name']),
        ('info-transient', ['net-info', 'vttr']),
        ('dumpxml-transient-inactive', ['net-dumpxml', '--inactive', 'vttr']),
        ('autostart-transient', ['net-autostart', 'vttr']),
        ('undefine-transient', ['net-undefine', 'vttr']),
        ('update-config-transient', ['net-update', 'vttr', 'add', 'dns-txt',
                                     "<txt name='t3' value='v3'/>", '--config']),
        ('leases-transient', ['net-dhcp-leases', 'vttr']),
        ('define-active', ['net-define', xml_path.replace('vtcmp.xml', 'vttr.xml')]),
        ('list-after-define-active', ['net-list', '--all']),
        ('undefine-active', ['net-undefine', 'vttr']),
        ('list-after-undefine-active', ['net-list', '--all']),
        ('destroy-transient', ['net-destroy', 'vttr']),
        ('list-after-destroy-transient', ['net-list', '--all']),
        ('define-again', ['net-define', xml_path]),
        ('update-live-inactive', ['net-update', 'vtcmp', 'add', 'dns-txt',
                                  "<txt name='t4' value='v4'/>", '--live']),
        ('leases-inactive', ['net-dhcp-leases', 'vtcmp']),
        ('create-clash', ['net-create', xml_path]),
        ('define-bad', ['net-define', xml_path.replace('vtcmp.xml', 'bad.xml')]),
        ('define-noname', ['net-define', xml_path.replace('vtcmp.xml', 'noname.xml')]),
        ('undefine-last', ['net-undefine', 'vtcmp']),
        ('start-missing', ['net-start', 'nosuch']),
        ('leases-missing', ['net-dhcp-leases', 'nosuch']),
    ]


def play(side, xml_path):
    results = {}
    for label, args in sequence(xml_path):
        if args is None:
            out = side.dhcp_client('52:54:00:aa:00:01')
            check('lease of 10.213.30.5 obtained' in out, side.kind + ': client got its lease',
                  out)
            # libvirt's dnsmasq records a lease through a helper it runs
            # after answering: wait until the daemon can list it
            for _ in range(50):
                if '52:54:00:aa:00:01' in side.virsh(['net-dhcp-leases', 'vtcmp']).stdout:
                    break
                time.sleep(0.1)
            continue
        r = side.virsh(args)
        results[label] = (r.returncode, normalise(r.stdout, xml_path),
                          normalise(r.stderr, xml_path))
    return results


def main():
    need = ('libvirtd', 'iptables', 'nft', 'dnsmasq', 'busybox', 'ip')
    if os.geteuid() != 0 or not os.path.exists(STOCK_VIRSH) or \
            not all(shutil.which(p) or os.path.exists('/usr/sbin/' + p) for p in need):
        print('SKIP: needs root, stock virsh, ' + ', '.join(need))
        print('0 passed, 0 failed')
        return 77
    tmp = tempfile.mkdtemp(prefix='vireo-stk-')
    xml_path = os.path.join(tmp, 'vtcmp.xml')
    open(xml_path, 'w').write(NET_XML)
    os.chmod(xml_path, 0o644)
    open(os.path.join(tmp, 'vttr.xml'), 'w').write(TRANSIENT_XML)
    open(os.path.join(tmp, 'bad.xml'), 'w').write('<network><name>bad</name><ip address=')
    open(os.path.join(tmp, 'noname.xml'), 'w').write('<network><bridge name="x0"/></network>')
    sides = [Side('libvirtd', os.path.join(tmp, 'l')), Side('vireod', os.path.join(tmp, 'v'))]
    for s in sides:
        os.makedirs(s.tmp)
    results = {}
    try:
        for s in sides:
            s.start()
        vireod = sides[1]
        r = vireod.virsh(['net-undefine', 'default'])
        check(r.returncode == 0, 'vireod: default network undefined first', r.stderr)
        for s in sides:
            results[s.kind] = play(s, xml_path)
        ref, ours = results['libvirtd'], results['vireod']
        for label, _ in [x for x in sequence(xml_path) if x[1] is not None]:
            a, b = ref.get(label), ours.get(label)
            check(a == b, 'same output: ' + label,
                  '\n--- libvirtd (rc %s)\n%s%s--- vireod (rc %s)\n%s%s' %
                  (a[0], a[1], a[2], b[0], b[1], b[2]) if a and b else '')
        check(ref.get('dhcp-leases', (1, '', ''))[1].count('   52:54:00:aa:00:01   ') == 1,
              'the lease is listed', str(ref.get('dhcp-leases')))
    except Exception as e:
        check(False, 'sequence', repr(e))
    finally:
        for s in sides:
            s.stop()
        if failed:
            for s in sides:
                if os.path.exists(s.out):
                    print('--- %s log tail\n%s' % (s.kind, open(s.out).read()[-1500:]))
        shutil.rmtree(tmp, ignore_errors=True)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
