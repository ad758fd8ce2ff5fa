#!/usr/bin/python3
"""What a running QEMU guest does, and changes to it, through vireod's
QEMU driver: vcpuinfo, dommemstat, domblkstat/domblkinfo/domblkerror,
domifstat, domcontrol, domjobinfo, domstats, pinning, desc; setmem,
setmaxmem, setvcpus (vCPU hot-plug the guest sees), send-key,
inject-nmi, dump (ELF core), change-media; then the same guest through
qemu:///embed after vireod went away.

One TCG guest (tests/guest) does everything; the numbers must move where
the guest works (CPU time, bytes read from its disk, tap counters).
Prints "N passed, N failed"."""
import os
import re
import signal
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import test_qemu_guests as tg  # noqa: E402  (Daemon, console, markers)

Results = tg.Results
find_binary = tg.find_binary
GUEST_DIR = tg.GUEST_DIR
BOOT_TIMEOUT = tg.BOOT_TIMEOUT
STOCK_VIRSH = '/usr/bin/virsh'


def host_cpus():
    text = open('/sys/devices/system/cpu/present').read()
    return max(int(x) for x in re.findall(r'\d+', text)) + 1


def can_tap():
    return os.geteuid() == 0 and os.path.exists('/dev/net/tun') and shutil.which('ip')


def guest_xml(name, work, tap):
    nic = ''
    if tap:
        nic = ("<interface type='ethernet'><mac address='52:54:00:1f:00:01'/>"
               "<target dev='%s'/><model type='virtio'/><driver name='qemu'/></interface>" % tap)
    return """<domain type='qemu'>
  <name>%(name)s</name>
  <title>first title</title>
  <memory unit='MiB'>160</memory>
  <vcpu placement='static' current='1'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%(g)s/vmlinuz</kernel>
    <initrd>%(g)s/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet vireo.readdisk</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='%(w)s/disk.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source file='%(w)s/cd1.iso'/>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    %(nic)s
    <interface type='user'><mac address='52:54:00:1f:00:02'/><model type='virtio'/></interface>
    <serial type='pty'><log file='%(w)s/%(name)s.log' append='on'/></serial>
    <console type='pty'/>
    <memballoon model='virtio'><stats period='1'/></memballoon>
  </devices>
</domain>
""" % {'name': name, 'g': GUEST_DIR, 'w': work, 'nic': nic}


def field(text, label):
    """'Label:   value' of virsh's key/value output."""
    m = re.search(r'^%s\s+(.*)$' % re.escape(label), text, re.M)
    return m.group(1).strip() if m else None


def kv(text):
    """'name value' lines (dommemstat, domblkstat, domifstat)."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and re.match(r'^-?\d+$', parts[-1]):
            out[parts[-2]] = int(parts[-1])
    return out


def domstats(virsh, args):
    out = virsh('domstats ' + args)
    vals = {}
    for line in out.stdout.splitlines():
        m = re.match(r'^\s+([^=]+)=(.*)$', line)
        if m:
            vals[m.group(1)] = m.group(2)
    return out, vals


def vcpu_time(virsh, name, vcpu=0):
    _, st = domstats(virsh, '--vcpu ' + name)
    return int(st.get('vcpu.%d.time' % vcpu, '-1'))


def tap_counter(tap, what):
    try:
        return int(open('/sys/class/net/%s/statistics/%s' % (tap, what)).read())
    except OSError:
        return -1


def test_info(r, virsh, name, work, tap):
    """Queries of a freshly booted guest."""
    ncpu = host_cpus()
    out = virsh('vcpuinfo ' + name)
    r.check(out.returncode == 0 and field(out.stdout, 'VCPU:') == '0',
            'vcpuinfo: ' + out.stdout + out.stderr)
    aff = field(out.stdout, 'CPU Affinity:') or ''
    r.check(len(aff) == ncpu and set(aff) == {'y'}, 'vcpuinfo affinity is every host CPU: ' + aff)
    cpu = field(out.stdout, 'CPU:') or '-1'
    r.check(0 <= int(cpu) < ncpu, 'vcpuinfo names a host CPU: ' + cpu)
    r.check(re.match(r'^\d+\.\d+s$', field(out.stdout, 'CPU time:') or '') is not None,
            'vcpuinfo has CPU time: ' + out.stdout)

    # balloon size and QEMU's resident memory; with <stats period> the
    # guest's own counters follow within a second or two
    ok = tg.wait_for(lambda: 'unused' in kv(virsh('dommemstat ' + name).stdout), 20)
    ms = kv(virsh('dommemstat ' + name).stdout)
    r.check(ms.get('actual') == 163840, 'dommemstat actual 163840: %s' % ms)
    r.check(ms.get('rss', 0) > 10000, 'dommemstat rss (KiB): %s' % ms)
    r.check(ok and 0 < ms.get('unused', 0) < 163840 and 0 < ms.get('available', 0) <= 163840,
            'guest-reported unused/available: %s' % ms)

    out = virsh('domblkstat %s vda' % name)
    bs = kv(out.stdout)
    r.check(out.returncode == 0 and bs.get('rd_bytes', 0) > 0 and bs.get('rd_req', 0) > 0,
            'domblkstat: the boot read the disk: ' + out.stdout + out.stderr)
    out = virsh('domblkstat %s vda --human' % name)
    r.check('number of bytes read:' in out.stdout, 'domblkstat --human: ' + out.stdout)
    out = virsh('domblkinfo %s vda' % name)
    r.check(field(out.stdout, 'Capacity:') == str(16 << 20) and
            field(out.stdout, 'Physical:') == str(16 << 20), 'domblkinfo vda: ' + out.stdout)
    out = virsh('domblkinfo %s hdc' % name)
    r.check(field(out.stdout, 'Capacity:') == str(256 << 10), 'domblkinfo hdc (cd1): ' + out.stdout)
    out = virsh('domblkinfo %s vdz' % name)
    r.check(out.returncode != 0 and 'invalid path vdz not assigned to domain' in out.stderr,
            'domblkinfo unknown disk: ' + out.stderr)
    out = virsh('domblkerror ' + name)
    r.check(out.stdout.strip() == 'No errors found', 'domblkerror: ' + out.stdout + out.stderr)
    out = virsh('domcontrol ' + name)
    r.check(out.stdout.strip() == 'ok', 'domcontrol: ' + out.stdout + out.stderr)
    out = virsh('domjobinfo ' + name)
    r.check(out.returncode == 0 and 'Job type:         None' in out.stdout,
            'domjobinfo idle: ' + out.stdout + out.stderr)
    out = virsh('domjobabort ' + name)
    r.check(out.returncode != 0 and 'no job is active on the domain' in out.stderr,
            'domjobabort idle: ' + out.stderr)

    out = virsh('domifstat %s 52:54:00:1f:00:02' % name)
    r.check(out.returncode != 0 and 'internal error: Interface name not provided' in out.stderr,
            'domifstat of user networking: libvirt\'s error: ' + out.stderr)
    out = virsh('domifstat %s nosuch0' % name)
    r.check(out.returncode != 0 and "'nosuch0' is not a known interface" in out.stderr,
            'domifstat unknown interface: ' + out.stderr)
    if tap:
        out = virsh('domifstat %s %s' % (name, tap))
        st = kv(out.stdout)
        r.check(out.returncode == 0 and set(st) >= {'rx_bytes', 'tx_bytes', 'rx_packets'},
                'domifstat tap: ' + out.stdout + out.stderr)
        host_rx = tap_counter(tap, 'rx_bytes')
        r.check(0 <= st.get('rx_bytes', -1) <= host_rx,
                'domifstat rx is the tap\'s rx (type ethernet, not swapped): %s vs %d'
                % (st, host_rx))

    out, st = domstats(virsh, name)
    want = ['state.state', 'state.reason', 'cpu.time', 'cpu.user', 'balloon.current',
            'balloon.maximum', 'balloon.rss', 'vcpu.current', 'vcpu.maximum', 'vcpu.0.state',
            'vcpu.0.time', 'net.count', 'block.count', 'block.0.name', 'block.0.path',
            'block.0.rd.bytes', 'block.0.capacity', 'block.1.name']
    missing = [k for k in want if k not in st]
    r.check(out.returncode == 0 and not missing, 'domstats fields, missing %s: %s%s'
            % (missing, out.stdout[:1500], out.stderr))
    r.check(st.get('state.state') == '1' and st.get('block.0.name') == 'vda' and
            st.get('net.count') == '2' and st.get('vcpu.current') == '1',
            'domstats values: %s' % st)
    if tap:
        r.check(st.get('net.0.name') == tap and 'net.0.rx.bytes' in st,
                'domstats net.0 is the tap: %s' % st)

    out = virsh('vcpupin ' + name)
    r.check(re.search(r'^\s*0\s+0-%d\s*$' % (ncpu - 1), out.stdout, re.M) is not None or ncpu == 1,
            'vcpupin query: ' + out.stdout + out.stderr)
    out = virsh('emulatorpin ' + name)
    r.check(out.returncode == 0 and '*: 0' in out.stdout, 'emulatorpin query: ' + out.stdout)

    # desc and title, live and config
    out = virsh('desc %s --title' % name)
    r.check(out.stdout.strip() == 'first title', 'title from the definition: ' + out.stdout)
    out = virsh('desc %s --live --title --new-desc live-title' % name)
    r.check(out.returncode == 0 and 'Domain title updated successfully' in out.stdout,
            'desc --live --title: ' + out.stdout + out.stderr)
    out = virsh('desc %s --config --new-desc config-text' % name)
    r.check(out.returncode == 0 and 'Domain description updated successfully' in out.stdout,
            'desc --config: ' + out.stdout + out.stderr)
    r.check(virsh('desc %s --title' % name).stdout.strip() == 'live-title' and
            virsh('desc %s --config --title' % name).stdout.strip() == 'first title' and
            virsh('desc %s --config' % name).stdout.strip() == 'config-text',
            'desc round trip: live and config kept apart')
    out = virsh('dumpxml --inactive ' + name)
    r.check('<description>config-text</description>' in out.stdout, 'config file has it')
    out = virsh('metadata %s http://vireo.example/info --key vi --set <tag>x1</tag>' % name)
    got = virsh('metadata %s http://vireo.example/info' % name)
    r.check(out.returncode == 0 and 'x1</' in got.stdout, 'metadata round trip: %s%s%s'
            % (out.stderr, got.stdout, got.stderr))
    out = virsh('metadata %s http://vireo.example/none' % name)
    r.check(out.returncode != 0 and 'Requested metadata element is not present' in out.stderr,
            'absent metadata: ' + out.stderr)
    out = virsh('domstats --raw --list-active')
    r.check(out.returncode == 0 and name in out.stdout, 'domstats --list-active')


def test_changes(r, d, virsh, name, work, tap):
    log = os.path.join(work, name + '.log')
    ncpu = host_cpus()
    t0 = vcpu_time(virsh, name)
    rd0 = kv(virsh('domblkstat %s vda' % name).stdout).get('rd_bytes', 0)

    # memory: the balloon, and the definitions
    out = virsh('setmem %s 120M --live' % name)
    r.check(out.returncode == 0, 'setmem --live: ' + out.stderr)
    r.check(tg.wait_for(lambda: 'Used memory:    122880 KiB' in virsh('dominfo ' + name).stdout,
                        30), 'dominfo Used memory follows the balloon: '
            + virsh('dominfo ' + name).stdout)
    ms = kv(virsh('dommemstat ' + name).stdout)
    r.check(ms.get('actual') == 122880, 'dommemstat actual after setmem: %s' % ms)
    out = virsh('setmem %s 200M' % name)
    r.check(out.returncode != 0 and 'cannot set memory higher than max memory' in out.stderr,
            'setmem over the maximum: ' + out.stderr)
    out = virsh('setmaxmem %s 150M' % name)
    r.check(out.returncode != 0 and
            'cannot resize the maximum memory on an active domain' in out.stderr,
            'setmaxmem of a running guest: ' + out.stderr)
    out = virsh('setmaxmem %s 150M --config' % name)
    r.check(out.returncode == 0 and "<memory unit='KiB'>153600</memory>"
            in virsh('dumpxml --inactive ' + name).stdout, 'setmaxmem --config: ' + out.stderr)
    out = virsh('setmem %s 140M --config' % name)
    r.check(out.returncode == 0 and "<currentMemory unit='KiB'>143360</currentMemory>"
            in virsh('dumpxml --inactive ' + name).stdout, 'setmem --config: ' + out.stderr)

    # vCPUs: hot-plug one the guest then sees
    out = virsh('setvcpus %s 3 --live' % name)
    r.check(out.returncode != 0 and 'requested vcpus is greater than max allowable vcpus for '
            'the live domain: 3 > 2' in out.stderr, 'setvcpus over the maximum: ' + out.stderr)
    out = virsh('setvcpus %s 2 --live --maximum' % name)
    r.check(out.returncode != 0, 'setvcpus --maximum --live refused: ' + out.stderr)
    out = virsh('setvcpus %s 2 --live' % name)
    r.check(out.returncode == 0, 'setvcpus 2 --live: ' + out.stderr)
    out = virsh('vcpucount ' + name)
    r.check(re.search(r'current\s+live\s+2', out.stdout) is not None and
            re.search(r'current\s+config\s+1', out.stdout) is not None, 'vcpucount: ' + out.stdout)
    out = virsh('vcpuinfo ' + name)
    r.check('VCPU:           1' in out.stdout, 'vcpuinfo lists the new vCPU: ' + out.stdout)
    out = virsh('setvcpus %s 2 --guest' % name)
    r.check(out.returncode != 0 and 'QEMU guest agent is not configured' in out.stderr,
            'setvcpus --guest without an agent: ' + out.stderr)
    if ncpu > 1:
        out = virsh('vcpupin %s 1 0 --live' % name)
        r.check(out.returncode == 0, 'vcpupin 1 0: ' + out.stderr)
        info = virsh('vcpuinfo ' + name).stdout
        aff = re.findall(r'CPU Affinity:\s+(\S+)', info)
        r.check(len(aff) == 2 and aff[1] == 'y' + '-' * (ncpu - 1),
                'the new vCPU thread is pinned: %s' % aff)
        out = virsh('vcpupin %s 1 0 --config' % name)
        r.check("<vcpupin vcpu='1' cpuset='0'/>" in virsh('dumpxml --inactive ' + name).stdout,
                '<cputune> in the config: ' + out.stderr)

    # the guest at work: reads 1 MiB of its disk it had not read, takes
    # the new CPU online, sends packets through the tap
    cmd = ('dd if=/dev/vda of=/dev/null bs=64k count=16 skip=32 2>/dev/null; '
           'echo 1 > /sys/devices/system/cpu/cpu1/online; '
           'echo CPUS $(cat /sys/devices/system/cpu/present) $(cat /sys/devices/system/cpu/online) END')
    if tap:
        cmd += ('; ip link set eth0 up; ip addr add 192.0.2.2/24 dev eth0; '
                'ping -c 2 -W 1 192.0.2.1 >/dev/null 2>&1')
    tx0 = tap_counter(tap, 'rx_bytes') if tap else 0
    ok, _, text = tg.console_roundtrip(find_binary('virsh'), d.uri(), name, command=cmd)
    m = re.findall(r'CPUS (\S+) (\S+) END', text)
    r.check(ok and m and m[-1] == ('0-1', '0-1'),
            'the guest sees and onlines the hot-plugged vCPU: %s %r' % (m, text[-400:]))
    rd1 = kv(virsh('domblkstat %s vda' % name).stdout).get('rd_bytes', 0)
    r.check(rd1 >= rd0 + (1 << 20), 'domblkstat rd_bytes grew by the 1 MiB read: %d -> %d'
            % (rd0, rd1))
    t1 = vcpu_time(virsh, name)
    r.check(t1 > t0 > 0, 'vCPU 0 CPU time grew: %d -> %d ns' % (t0, t1))
    print('figures: vCPU 0 time %.2fs -> %.2fs, vda rd_bytes %d -> %d'
          % (t0 / 1e9, t1 / 1e9, rd0, rd1))
    if tap:
        st = kv(virsh('domifstat %s %s' % (name, tap)).stdout)
        r.check(st.get('rx_bytes', 0) > tx0 and st.get('rx_packets', 0) > 0,
                'domifstat: the guest\'s packets counted: %d -> %s' % (tx0, st))
        print('figures: %s rx_bytes %d -> %d' % (tap, tx0, st.get('rx_bytes', -1)))

    # keys and NMI
    out = virsh('send-key %s KEY_LEFTCTRL KEY_C' % name)
    r.check(out.returncode == 0, 'send-key: ' + out.stderr)
    out = virsh('send-key %s --codeset xt --holdtime 50 0x1e' % name)
    r.check(out.returncode == 0, 'send-key --codeset xt: ' + out.stderr)
    before = tg.marker_count(log, 'NMI received')
    out = virsh('inject-nmi ' + name)
    r.check(out.returncode == 0, 'inject-nmi: ' + out.stderr)
    r.check(tg.wait_for(lambda: tg.marker_count(log, 'NMI received') > before, 20),
            'the guest kernel reports the NMI')

    # dumps: memory-only is an ELF core; the plain one a migration stream
    core = os.path.join(work, 'core.elf')
    proc = subprocess.Popen([find_binary('virsh'), '-c', d.uri(), 'dump', name, core,
                             '--memory-only'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    seen = ''
    while proc.poll() is None:
        info = virsh('domjobinfo ' + name).stdout
        if 'Unbounded' in info:
            seen = info
        time.sleep(0.05)
    out_text, err_text = proc.communicate()
    r.check(proc.returncode == 0 and 'dumped to' in out_text, 'dump --memory-only: ' + err_text)
    head = open(core, 'rb').read(4) if os.path.exists(core) else b''
    r.check(head == b'\x7fELF' and os.path.getsize(core) > (100 << 20),
            'ELF core of the guest memory: %r %d' % (head, os.path.getsize(core)
                                                   if os.path.exists(core) else 0))
    print('domjobinfo during the dump: %s' % (' '.join(seen.split()) if seen else '(too fast)'))
    if seen:
        r.check(field(seen, 'Memory total:') is not None, 'domjobinfo shows the dump: ' + seen)
    r.check(tg.state(virsh, name) == 'running (unpaused)', 'running again after the dump: '
            + tg.state(virsh, name))
    raw = os.path.join(work, 'core.raw')
    out = virsh('dump %s %s' % (name, raw))
    r.check(out.returncode == 0 and os.path.getsize(raw) > (1 << 20) and
            tg.state(virsh, name) == 'running (unpaused)', 'dump (migration stream): '
            + out.stderr)
    out = virsh('dump %s %s/nonexistent/x.core --memory-only' % (name, work))
    r.check(out.returncode != 0 and 'Failed to create file' in out.stderr,
            'dump to a missing directory: ' + out.stderr)
    for f in (core, raw):
        os.unlink(f)

    # media of the CD-ROM
    out = virsh('change-media %s hdc %s/cd2.iso' % (name, work))
    r.check(out.returncode == 0 and 'Successfully updated media.' in out.stdout,
            'change-media update: ' + out.stdout + out.stderr)
    out = virsh('domblkinfo %s hdc' % name)
    r.check(field(out.stdout, 'Capacity:') == str(512 << 10), 'QEMU reads cd2 now: ' + out.stdout)
    r.check(re.search(r'hdc\s+%s/cd2.iso' % re.escape(work), virsh('domblklist ' + name).stdout),
            'domblklist shows cd2')
    out = virsh('change-media %s hdc --eject' % name)
    r.check(out.returncode == 0 and 'Successfully ejected media.' in out.stdout and
            re.search(r'hdc\s+-', virsh('domblklist ' + name).stdout),
            'change-media --eject: ' + out.stdout + out.stderr)
    out = virsh('domblkinfo %s hdc' % name)
    r.check(out.returncode != 0 and 'does not currently have a source assigned' in out.stderr,
            'domblkinfo of the empty drive: ' + out.stderr)
    out = virsh('change-media %s hdc %s/cd1.iso --insert' % (name, work))
    r.check(out.returncode == 0 and 'Successfully inserted media.' in out.stdout and
            field(virsh('domblkinfo %s hdc' % name).stdout, 'Capacity:') == str(256 << 10),
            'change-media --insert: ' + out.stdout + out.stderr)
    out = virsh('change-media %s hdc %s/cd2.iso --config' % (name, work))
    r.check(out.returncode == 0 and '%s/cd2.iso' % work in
            virsh('dumpxml --inactive ' + name).stdout, 'change-media --config: ' + out.stderr)
    out = virsh('change-media %s vda %s/cd2.iso' % (name, work))
    r.check(out.returncode != 0, 'change-media of a disk refused: ' + out.stderr)


def test_shut_off(r, virsh, work):
    """A guest that is not running: libvirt's errors, and what the
    definition and the image files can tell."""
    xml = os.path.join(work, 'off.xml')
    open(xml, 'w').write(guest_xml('gioff', work, None))
    virsh('define ' + xml)
    for cmd in ('dommemstat gioff', 'domblkstat gioff vda', 'setmem gioff 100M --live',
                'send-key gioff KEY_A', 'inject-nmi gioff', 'domcontrol gioff',
                'dump gioff %s/x.core --memory-only' % work, 'domblkerror gioff',
                'setvcpus gioff 2 --live', 'domjobinfo gioff'):
        out = virsh(cmd)
        r.check(out.returncode != 0 and 'domain is not running' in out.stderr,
                '%s: %s' % (cmd, out.stderr))
    out = virsh('domblkinfo gioff vda')
    r.check(field(out.stdout, 'Capacity:') == str(16 << 20), 'domblkinfo of a shut-off guest: '
            + out.stdout + out.stderr)
    out = virsh('setvcpus gioff 2 --config')
    r.check(out.returncode == 0 and re.search(r'current\s+config\s+2',
                                              virsh('vcpucount gioff').stdout),
            'setvcpus --config: ' + out.stderr)
    out = virsh('setvcpus gioff 4 --config --maximum')
    r.check(out.returncode == 0 and re.search(r'maximum\s+config\s+4',
                                              virsh('vcpucount gioff').stdout),
            'setvcpus --config --maximum: ' + out.stderr)
    out = virsh('setmaxmem gioff 100M')
    r.check(out.returncode == 0 and "<memory unit='KiB'>102400</memory>" in
            virsh('dumpxml gioff').stdout, 'setmaxmem of a shut-off guest: ' + out.stderr)
    out, st = domstats(virsh, 'gioff')
    r.check(st.get('state.state') == '5' and st.get('balloon.maximum') == '102400' and
            st.get('block.0.capacity') == str(16 << 20) and 'cpu.time' not in st,
            'domstats of a shut-off guest: %s' % st)
    out = virsh('vcpuinfo gioff')
    r.check(out.returncode == 0 and 'N/A' in out.stdout, 'vcpuinfo of a shut-off guest: '
            + out.stdout + out.stderr)
    virsh('undefine gioff')


def test_stock_virsh(r, uri, name):
    """libvirt's own virsh reads the same numbers over the wire."""
    stock = tg.make_virsh(uri, STOCK_VIRSH)
    out = stock('vcpuinfo ' + name)
    r.check(out.returncode == 0 and 'CPU time:' in out.stdout, 'stock vcpuinfo: '
            + out.stdout + out.stderr)
    out = stock('dommemstat ' + name)
    r.check(out.returncode == 0 and 'rss' in out.stdout, 'stock dommemstat: ' + out.stderr)
    out = stock('domstats --vcpu --block ' + name)
    r.check(out.returncode == 0 and 'block.0.rd.bytes' in out.stdout,
            'stock domstats: ' + out.stderr)


def test_embed(r, d, name, work):
    """vireod gone (the guest keeps running): the same driver in-process
    takes the guest back and measures it."""
    d.proc.send_signal(signal.SIGTERM)
    try:
        d.proc.wait(20)
    except subprocess.TimeoutExpired:
        d.proc.kill()
        d.proc.wait()
    embed = tg.make_virsh('qemu:///embed?root=' + d.root)
    out = embed('vcpuinfo ' + name)
    r.check(out.returncode == 0 and 'VCPU:           1' in out.stdout,
            'embed: vcpuinfo of the re-attached guest: ' + out.stdout + out.stderr)
    out, st = domstats(embed, '--balloon --block ' + name)
    r.check(st.get('balloon.current') == '122880' and int(st.get('block.0.rd.bytes', 0)) > 0,
            'embed: domstats: %s %s' % (st, out.stderr))
    out = embed('setmem %s 130M' % name)
    ms = {}
    if out.returncode == 0:
        tg.wait_for(lambda: kv(embed('dommemstat ' + name).stdout).get('actual') == 133120, 20)
        ms = kv(embed('dommemstat ' + name).stdout)
    r.check(ms.get('actual') == 133120, 'embed: setmem moves the balloon: %s %s'
            % (ms, out.stderr))
    out = embed('destroy ' + name)
    r.check(out.returncode == 0, 'embed: destroy: ' + out.stderr)
    return embed


def main():
    tg.build_guest()
    r = Results()
    work = tempfile.mkdtemp(prefix='vireo-info-')
    os.chmod(work, 0o755)
    subprocess.run(['truncate', '-s', '16M', os.path.join(work, 'disk.img')], check=True)
    with open(os.path.join(work, 'disk.img'), 'r+b') as f:
        f.write(b'INFODISK\n')
    for iso, size in (('cd1.iso', 256 << 10), ('cd2.iso', 512 << 10)):
        with open(os.path.join(work, iso), 'wb') as f:
            f.write(os.urandom(size))
    tap = ('vrinfo%d' % (os.getpid() % 100000)) if can_tap() else None
    if not tap:
        print('note: no tap (needs root and /dev/net/tun): interface counters not measured')
    name = 'gi'
    d = tg.Daemon()
    virsh = tg.make_virsh(d.uri())
    embed = None
    try:
        t0 = time.time()
        xml = os.path.join(work, name + '.xml')
        open(xml, 'w').write(guest_xml(name, work, tap))
        out = virsh('define ' + xml)
        r.check(out.returncode == 0, 'define: ' + out.stderr)
        log = os.path.join(work, name + '.log')
        out = virsh('start ' + name)
        if not r.check(out.returncode == 0, 'start: ' + out.stderr) or not r.check(
                tg.wait_for(lambda: tg.marker_count(log, 'VIREO-GUEST: booted') >= 1,
                            BOOT_TIMEOUT), 'guest booted (marker on the serial log)'):
            if os.path.exists(log):
                print(open(log, errors='replace').read()[-2000:])
            return
        r.check(tg.wait_for(lambda: tg.marker_count(log, 'VIREO-GUEST: disk INFODISK') >= 1, 30),
                'the guest read its disk at boot')
        if tap:
            subprocess.run(['ip', 'link', 'set', 'dev', tap, 'up'], check=False)
        print('boot: %.1fs' % (time.time() - t0), flush=True)
        for test, args in ((test_info, (r, virsh, name, work, tap)),
                           (test_changes, (r, d, virsh, name, work, tap)),
                           (test_shut_off, (r, virsh, work))):
            t0 = time.time()
            test(*args)
            print('%s: %.1fs' % (test.__name__, time.time() - t0), flush=True)
        if os.path.exists(STOCK_VIRSH):
            test_stock_virsh(r, d.uri(), name)
        t0 = time.time()
        embed = test_embed(r, d, name, work)
        print('test_embed: %.1fs' % (time.time() - t0), flush=True)
    finally:
        if d.proc.poll() is None:
            d.stop(virsh)
        else:
            # vireod is gone: whatever still runs goes through the embedded driver
            embed = embed or tg.make_virsh('qemu:///embed?root=' + d.root)
            for guest in embed('list --name').stdout.split():
                embed('destroy ' + guest)
            shutil.rmtree(d.root, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()
