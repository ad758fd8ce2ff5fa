#!/usr/bin/python3
"""Real guests under vireod's QEMU driver (TCG): lifecycle, console, ACPI
shutdown, save/restore, managed save, crash detection, re-attach after
vireod is killed, and stock virsh driving the same lifecycle.

The guest is tests/guest's kernel + busybox initramfs; its serial console
is also logged to a file, where the test looks for its markers
("VIREO-GUEST: booted", ...).  Prints "N passed, N failed"."""
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
BOOT_TIMEOUT = 120          # TCG on a loaded 2-core machine is slow
STOCK_VIRSH = '/usr/bin/virsh'


def build_guest():
    script = os.path.join(HERE, '..', 'guest', 'build-guest.sh')
    out = subprocess.run(['bash', script, GUEST_DIR], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit('cannot build the test guest: ' + out.stdout + out.stderr)


class Daemon(RootVireod):
    """vireod on a private root; kill -9 and restart keep the root."""
    def __init__(self, root=None):
        super().__init__(root or tempfile.mkdtemp(prefix='vireo-qemu-'))

    def stop(self, virsh):
        # guests must not outlive the test
        out = virsh('list --name')
        for name in out.stdout.split():
            virsh('destroy ' + name)
        super().stop()
        shutil.rmtree(self.root, ignore_errors=True)

def make_virsh(uri, binary=None):
    binary = binary or find_binary('virsh')

    def run(cmd, timeout=120):
        return subprocess.run([binary, '-c', uri] + cmd.split(), capture_output=True,
                              text=True, timeout=timeout)
    return run


def guest_xml(name, serial_log, extra_devices='', cmdline='', on_crash='destroy'):
    return """<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>160</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%s/vmlinuz</kernel>
    <initrd>%s/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet %s</cmdline>
  </os>
  <features><acpi/></features>
  <on_crash>%s</on_crash>
  <devices>
    <serial type='pty'>
      <log file='%s' append='on'/>
    </serial>
    <console type='pty'/>
    %s
  </devices>
</domain>
""" % (name, GUEST_DIR, GUEST_DIR, cmdline, on_crash, serial_log, extra_devices)


def wait_for(pred, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.2)
    return False


def marker_count(path, marker):
    try:
        return open(path, errors='replace').read().count(marker)
    except OSError:
        return 0


def state(virsh, name):
    out = virsh('domstate --reason ' + name)
    return out.stdout.strip()


def qemu_pid(root, name):
    for d in (os.path.join(root, 'run', 'vireo', 'qemu'),):
        path = os.path.join(d, name + '.xml')
        if os.path.exists(path):
            m = re.search(r"pid='(\d+)'", open(path).read())
            if m:
                return int(m.group(1))
    return 0


def console_roundtrip(virsh_bin, uri, name, timeout=60, command=''):
    """`virsh console`: type a command, see its output, leave with ^]."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(virsh_bin, [virsh_bin, '-c', uri, 'console', name, '--force'])
    out = b''
    deadline = time.time() + timeout
    sent = False
    ok = False
    while time.time() < deadline:
        if not sent and b'Escape character' in out:
            time.sleep(0.5)
            os.write(fd, ('\r%secho vireo-$((6*7))\r' % (command + '; ' if command else ''))
                     .encode())
            sent = True
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if b'vireo-42' in out:
            ok = True
            break
        if sent and int(time.time()) % 5 == 0:
            os.write(fd, b'\r')
    os.write(fd, b'\x1d')
    end = time.time() + 10
    status = None
    while time.time() < end:
        p, st = os.waitpid(pid, os.WNOHANG)
        if p:
            status = st
            break
        # drain without blocking: a silent child must not hang the test
        if select.select([fd], [], [], 0.1)[0]:
            try:
                os.read(fd, 4096)
            except OSError:
                pass
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return ok, status == 0, out.decode(errors='replace')


def boot(r, virsh, name, log, what):
    out = virsh('start ' + name)
    r.check(out.returncode == 0, '%s: start: %s' % (what, out.stderr))
    return r.check(wait_for(lambda: marker_count(log, 'VIREO-GUEST: booted') >= 1, BOOT_TIMEOUT),
                   '%s: guest booted (marker on the serial log)' % what)


def test_lifecycle(r, d, virsh, work):
    log = os.path.join(work, 'g1.log')
    xmlfile = os.path.join(work, 'g1.xml')
    open(xmlfile, 'w').write(guest_xml('g1', log))
    out = virsh('define ' + xmlfile)
    r.check(out.returncode == 0 and "Domain 'g1' defined" in out.stdout, 'define: %s%s'
            % (out.stdout, out.stderr))
    r.check(state(virsh, 'g1') == 'shut off (unknown)', 'defined guest is shut off')
    if not boot(r, virsh, 'g1', log, 'lifecycle'):
        print(open(log, errors='replace').read()[-2000:])
        return
    r.check(state(virsh, 'g1') == 'running (booted)', 'running (booted): ' + state(virsh, 'g1'))
    out = virsh('list')
    r.check(re.search(r'\s\d+\s+g1\s+running', out.stdout) is not None, 'list: ' + out.stdout)
    out = virsh('dominfo g1')
    r.check('State:          running' in out.stdout and 'Max memory:     163840 KiB'
            in out.stdout, 'dominfo: ' + out.stdout)

    for binary in (find_binary('virsh'), STOCK_VIRSH):
        out = subprocess.run([binary, '-c', d.uri(), 'qemu-monitor-command', 'g1',
                              '{"execute":"query-status"}'], capture_output=True, text=True)
        r.check('"status":"running"' in out.stdout.replace(' ', ''),
                '%s qemu-monitor-command QMP: %s%s' % (binary, out.stdout, out.stderr))
        out = subprocess.run([binary, '-c', d.uri(), 'qemu-monitor-command', 'g1', '--hmp',
                              'info status'], capture_output=True, text=True)
        r.check('VM status: running' in out.stdout,
                '%s qemu-monitor-command --hmp: %s%s' % (binary, out.stdout, out.stderr))

    out = virsh('suspend g1')
    r.check(out.returncode == 0 and state(virsh, 'g1') == 'paused (user)', 'suspend')
    out = virsh('resume g1')
    r.check(out.returncode == 0 and state(virsh, 'g1') == 'running (unpaused)', 'resume')

    ok, clean, text = console_roundtrip(find_binary('virsh'), d.uri(), 'g1')
    r.check(ok, 'console: command output seen: %r' % text[-500:])
    r.check(clean, 'console: ^] leaves virsh with status 0')

    # ACPI shutdown: the guest's acpid powers it off
    before = marker_count(log, 'VIREO-GUEST: acpi poweroff')
    out = virsh('shutdown g1')
    r.check(out.returncode == 0 and 'is being shutdown' in out.stdout, 'shutdown: %s%s'
            % (out.stdout, out.stderr))
    r.check(wait_for(lambda: state(virsh, 'g1') == 'shut off (shutdown)', 90),
            'ACPI shutdown ends in shut off (shutdown): ' + state(virsh, 'g1'))
    r.check(marker_count(log, 'VIREO-GUEST: acpi poweroff') > before, 'guest saw the button')

    # destroy is fast
    if boot(r, virsh, 'g1', log, 'destroy'):
        t0 = time.time()
        out = virsh('destroy g1')
        took = time.time() - t0
        r.check(out.returncode == 0 and state(virsh, 'g1') == 'shut off (destroyed)',
                'destroy: %s%s' % (out.stdout, out.stderr))
        print('destroy took %.0f ms (virsh process included)' % (took * 1000))

    glog = os.path.join(d.root, 'log', 'vireo', 'qemu', 'g1.log')
    text = open(glog).read() if os.path.exists(glog) else ''
    r.check('starting up' in text and '-name guest=g1' in text and 'reason=destroyed' in text,
            'guest log has command line and lifecycle lines')


def test_save_restore(r, d, virsh, work):
    log = os.path.join(work, 'g2.log')
    xmlfile = os.path.join(work, 'g2.xml')
    open(xmlfile, 'w').write(guest_xml('g2', log))
    virsh('define ' + xmlfile)
    if not boot(r, virsh, 'g2', log, 'save'):
        return
    image = os.path.join(work, 'g2.save')
    out = virsh('save g2 ' + image)
    r.check(out.returncode == 0 and state(virsh, 'g2') == 'shut off (saved)',
            'save: %s%s %s' % (out.stdout, out.stderr, state(virsh, 'g2')))
    out = virsh('restore ' + image)
    r.check(out.returncode == 0 and state(virsh, 'g2') == 'running (restored)',
            'restore: %s%s %s' % (out.stdout, out.stderr, state(virsh, 'g2')))
    ok, _, text = console_roundtrip(find_binary('virsh'), d.uri(), 'g2')
    r.check(ok, 'restored guest answers on its console: %r' % text[-300:])

    out = virsh('managedsave g2')
    r.check(out.returncode == 0 and state(virsh, 'g2') == 'shut off (saved)',
            'managedsave: %s%s' % (out.stdout, out.stderr))
    out = virsh('list --all --managed-save')
    r.check(re.search(r'g2\s+saved', out.stdout) is not None, 'list shows saved: ' + out.stdout)
    out = virsh('start g2')
    r.check(out.returncode == 0 and state(virsh, 'g2') == 'running (restored)',
            'start resumes the managed save: %s%s %s' % (out.stdout, out.stderr,
                                                         state(virsh, 'g2')))
    out = virsh('dominfo g2')
    r.check('Managed save:   no' in out.stdout, 'managed save image gone after start')
    virsh('destroy g2')


def test_hotplug(r, d, virsh, work):
    """A disk and a NIC attached to a running guest appear in it, and go
    away again when detached."""
    log = os.path.join(work, 'g6.log')
    xmlfile = os.path.join(work, 'g6.xml')
    open(xmlfile, 'w').write(guest_xml('g6', log))
    virsh('define ' + xmlfile)
    if not boot(r, virsh, 'g6', log, 'hotplug'):
        return
    image = os.path.join(work, 'hot.qcow2')
    subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', image, '32M'], check=True)
    disk = os.path.join(work, 'hot-disk.xml')
    open(disk, 'w').write("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                          "<source file='%s'/><target dev='vdb' bus='virtio'/></disk>" % image)
    nic = os.path.join(work, 'hot-nic.xml')
    open(nic, 'w').write("<interface type='user'><mac address='52:54:00:aa:bb:06'/>"
                         "<model type='virtio'/></interface>")
    def guest_devices():
        """Block devices and NICs the guest kernel has, through its console."""
        cmd = 'echo LOOK $(ls /sys/block) $(ls /sys/class/net) END'
        _, _, text = console_roundtrip(find_binary('virsh'), d.uri(), 'g6', command=cmd)
        m = re.findall(r'LOOK ([^$]*?) END', text)
        return m[-1] if m else '(no answer: %r)' % text[-300:]

    before = guest_devices()

    out = virsh('attach-device g6 ' + disk)
    r.check(out.returncode == 0 and 'Device attached successfully' in out.stdout,
            'attach disk: ' + out.stdout + out.stderr)
    out = virsh('attach-device g6 ' + nic)
    r.check(out.returncode == 0, 'attach interface: ' + out.stderr)
    out = virsh('domblklist g6')
    r.check(re.search(r'vdb\s+' + re.escape(image), out.stdout) is not None,
            'domblklist shows the disk: ' + out.stdout)
    out = virsh('domiflist g6')
    r.check('52:54:00:aa:bb:06' in out.stdout, 'domiflist shows the NIC: ' + out.stdout)
    after = guest_devices()
    r.check('vda' in after and 'vda' not in before, 'the guest sees the new disk: %s -> %s'
            % (before, after))
    r.check('eth0' in after and 'eth0' not in before, 'the guest sees the new NIC: %s -> %s'
            % (before, after))

    out = virsh('detach-device g6 ' + disk)
    r.check(out.returncode == 0 and 'Device detached successfully' in out.stdout,
            'detach disk: ' + out.stdout + out.stderr)
    out = virsh('detach-device g6 ' + nic)
    r.check(out.returncode == 0, 'detach interface: ' + out.stderr)
    out = virsh('domblklist g6')
    r.check('vdb' not in out.stdout, 'disk gone from the definition: ' + out.stdout)
    gone = guest_devices()
    r.check('lo' in gone and 'vda' not in gone and 'eth0' not in gone,
            'the guest lost both: ' + gone)
    out = virsh('attach-device g6 ' + disk + ' --config')
    r.check(out.returncode == 0, 'attach --config: ' + out.stderr)
    out = virsh('domblklist g6 --inactive')
    r.check('vdb' in out.stdout, 'the config has the disk: ' + out.stdout)
    out = virsh('domblklist g6')
    r.check('vdb' not in out.stdout, 'the running guest does not: ' + out.stdout)
    virsh('destroy g6')


def test_events(r, d, virsh, work):
    """Lifecycle events reach a python-libvirt client through vireod."""
    import threading
    import libvirt
    libvirt.virEventRegisterDefaultImpl()
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            libvirt.virEventRunDefaultImpl()
    threading.Thread(target=loop, daemon=True).start()
    conn = libvirt.open(d.uri())
    seen = []
    cid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                      lambda c, dom, ev, detail, opaque:
                                      seen.append((dom.name(), ev, detail)), None)
    log = os.path.join(work, 'g7.log')
    dom = conn.defineXML(guest_xml('g7', log))
    dom.create()
    dom.suspend()
    dom.resume()
    dom.destroy()
    dom.undefine()
    want = [('g7', libvirt.VIR_DOMAIN_EVENT_DEFINED, libvirt.VIR_DOMAIN_EVENT_DEFINED_ADDED),
            ('g7', libvirt.VIR_DOMAIN_EVENT_STARTED, libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED),
            ('g7', libvirt.VIR_DOMAIN_EVENT_SUSPENDED, libvirt.VIR_DOMAIN_EVENT_SUSPENDED_PAUSED),
            ('g7', libvirt.VIR_DOMAIN_EVENT_RESUMED, libvirt.VIR_DOMAIN_EVENT_RESUMED_UNPAUSED),
            ('g7', libvirt.VIR_DOMAIN_EVENT_STOPPED, libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED),
            ('g7', libvirt.VIR_DOMAIN_EVENT_UNDEFINED,
             libvirt.VIR_DOMAIN_EVENT_UNDEFINED_REMOVED)]
    wait_for(lambda: len(seen) >= len(want), 10)
    r.check(seen == want, 'lifecycle events in order: %s' % seen)
    conn.domainEventDeregisterAny(cid)
    conn.close()
    stop.set()


def guest_command(d, name, command):
    """Types @command on the guest's console (it need not come back).  The
    leading blanks are for busybox's line editor, which may swallow the
    first characters typed while it waits for the answer to its cursor
    position query."""
    console_roundtrip(find_binary('virsh'), d.uri(), name, timeout=15,
                      command='        ' + command)


def test_actions(r, d, virsh, work):
    """on_reboot and on_crash, the display: a VNC screen's URI and
    screenshot, and a start refused because the VNC port is taken."""
    display = ("<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>"
               "<video><model type='vga'/></video>")
    log = os.path.join(work, 'g8.log')
    xmlfile = os.path.join(work, 'g8.xml')
    open(xmlfile, 'w').write(guest_xml('g8', log, extra_devices=display +
                                       "<panic model='isa'/>")
                             .replace('<on_crash>destroy</on_crash>',
                                      '<on_reboot>destroy</on_reboot><on_crash>destroy</on_crash>'))
    out = virsh('define ' + xmlfile)
    r.check(out.returncode == 0, 'define with VNC and panic: ' + out.stderr)
    if not boot(r, virsh, 'g8', log, 'actions'):
        return
    out = virsh('domdisplay g8')
    r.check(re.fullmatch(r'vnc://127\.0\.0\.1:\d+\n*', out.stdout) is not None,
            'domdisplay: %r %s' % (out.stdout, out.stderr))
    shot = os.path.join(work, 'g8.ppm')
    out = virsh('screenshot g8 ' + shot)
    r.check(out.returncode == 0 and os.path.exists(shot) and
            open(shot, 'rb').read(2) == b'P6', 'screenshot: %s%s' % (out.stdout, out.stderr))

    # a reboot from inside with on_reboot=destroy: the guest stops
    guest_command(d, 'g8', 'reboot -f')
    r.check(wait_for(lambda: state(virsh, 'g8') == 'shut off (shutdown)', 30),
            'on_reboot=destroy: ' + state(virsh, 'g8'))

    # a kernel panic with on_crash=destroy
    if boot(r, virsh, 'g8', log, 'panic'):
        guest_command(d, 'g8', 'echo c > /proc/sysrq-trigger')
        r.check(wait_for(lambda: state(virsh, 'g8') == 'shut off (crashed)', 30),
                'on_crash=destroy after a guest panic: ' + state(virsh, 'g8'))

    # a VNC port another program holds: QEMU's own words and the guest's name
    busy = socket.socket()
    busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    busy.bind(('127.0.0.1', 5987))
    busy.listen(1)
    open(xmlfile, 'w').write(guest_xml('g9', os.path.join(work, 'g9.log'), extra_devices=
                                       "<graphics type='vnc' port='5987' autoport='no' "
                                       "listen='127.0.0.1'/><video><model type='vga'/></video>"))
    virsh('define ' + xmlfile)
    out = virsh('start g9')
    busy.close()
    r.check(out.returncode != 0 and "'g9'" in out.stderr and 'Address already in use'
            in out.stderr, 'busy VNC port refused with QEMU\'s message: ' + out.stderr)
    r.check(state(virsh, 'g9').startswith('shut off'), 'nothing left running after it')


def test_agent(r, d, virsh, work):
    """The guest agent channel: the test guest runs a minimal agent."""
    log = os.path.join(work, 'g10.log')
    xmlfile = os.path.join(work, 'g10.xml')
    open(xmlfile, 'w').write(guest_xml('g10', log, extra_devices=
                                       "<channel type='unix'><target type='virtio' "
                                       "name='org.qemu.guest_agent.0'/></channel>"))
    out = virsh('define ' + xmlfile)
    r.check(out.returncode == 0, 'define with an agent channel: ' + out.stderr)
    if not boot(r, virsh, 'g10', log, 'agent'):
        return
    for binary in (find_binary('virsh'), STOCK_VIRSH):
        out = subprocess.run([binary, '-c', d.uri(), 'qemu-agent-command', 'g10',
                              '{"execute":"guest-ping"}'], capture_output=True, text=True)
        r.check(out.returncode == 0 and out.stdout.strip().replace(' ', '') == '{"return":{}}',
                '%s qemu-agent-command guest-ping: %r %s' % (binary, out.stdout, out.stderr))
    out = virsh('shutdown g10 --mode agent')
    r.check(out.returncode == 0 and 'is being shutdown' in out.stdout,
            'shutdown --mode agent: ' + out.stdout + out.stderr)
    r.check(wait_for(lambda: state(virsh, 'g10') == 'shut off (shutdown)', 60),
            'the agent powered the guest off: ' + state(virsh, 'g10'))
    r.check(marker_count(log, 'VIREO-GUEST: agent shutdown') == 1, 'through the agent')


def test_crash(r, d, virsh, work):
    log = os.path.join(work, 'g3.log')
    xmlfile = os.path.join(work, 'g3.xml')
    open(xmlfile, 'w').write(guest_xml('g3', log))
    virsh('define ' + xmlfile)
    if not boot(r, virsh, 'g3', log, 'crash'):
        return
    pid = qemu_pid(d.root, 'g3')
    r.check(pid > 0, 'status file names the QEMU pid')
    os.kill(pid, signal.SIGKILL)
    r.check(wait_for(lambda: state(virsh, 'g3') == 'shut off (crashed)', 20),
            'QEMU killed: shut off (crashed): ' + state(virsh, 'g3'))
    glog = os.path.join(d.root, 'log', 'vireo', 'qemu', 'g3.log')
    r.check('exited unexpectedly' in open(glog).read(), 'the log says why')


def test_reattach(r, d, virsh, work):
    log = os.path.join(work, 'g4.log')
    xmlfile = os.path.join(work, 'g4.xml')
    open(xmlfile, 'w').write(guest_xml('g4', log))
    virsh('define ' + xmlfile)
    if not boot(r, virsh, 'g4', log, 'reattach'):
        return
    pid = qemu_pid(d.root, 'g4')
    d.kill9()
    r.check(os.path.exists('/proc/%d' % pid), 'guest survives kill -9 of vireod')
    d.start()
    r.check(state(virsh, 'g4') == 'running (booted)', 'running after vireod restart: '
            + state(virsh, 'g4'))
    out = virsh('list --name')
    r.check('g4' in out.stdout.split(), 'listed after restart')
    ok, _, text = console_roundtrip(find_binary('virsh'), d.uri(), 'g4')
    r.check(ok, 'console works after restart: %r' % text[-300:])
    out = virsh('suspend g4')
    r.check(out.returncode == 0 and state(virsh, 'g4') == 'paused (user)',
            'controllable after restart')
    out = virsh('destroy g4')
    r.check(out.returncode == 0 and not os.path.exists('/proc/%d' % pid) or
            open('/proc/%d/stat' % pid).read().split()[2] == 'Z', 'destroy after restart')

    # autostart: a restarted vireod starts the guest by itself
    out = virsh('autostart g4')
    r.check(out.returncode == 0 and 'marked as autostarted' in out.stdout,
            'autostart: ' + out.stdout + out.stderr)
    d.kill9()
    d.start()
    r.check(wait_for(lambda: state(virsh, 'g4') == 'running (booted)', 60),
            'autostarted when vireod started: ' + state(virsh, 'g4'))
    virsh('autostart --disable g4')
    virsh('destroy g4')


def test_stock_virsh(r, d, work):
    stock = make_virsh(d.uri(), STOCK_VIRSH)
    log = os.path.join(work, 'g5.log')
    xmlfile = os.path.join(work, 'g5.xml')
    open(xmlfile, 'w').write(guest_xml('g5', log))
    out = stock('define ' + xmlfile)
    r.check(out.returncode == 0, 'stock virsh define: ' + out.stderr)
    if not boot(r, stock, 'g5', log, 'stock virsh'):
        return
    r.check(state(stock, 'g5') == 'running (booted)', 'stock virsh domstate')
    out = stock('dominfo g5')
    r.check('running' in out.stdout, 'stock virsh dominfo: ' + out.stdout + out.stderr)
    ok, clean, text = console_roundtrip(STOCK_VIRSH, d.uri(), 'g5')
    r.check(ok and clean, 'stock virsh console: %r' % text[-300:])
    out = stock('suspend g5')
    r.check(out.returncode == 0 and state(stock, 'g5') == 'paused (user)', 'stock suspend')
    stock('resume g5')
    out = stock('shutdown g5')
    r.check(wait_for(lambda: state(stock, 'g5') == 'shut off (shutdown)', 90),
            'stock virsh shutdown: ' + state(stock, 'g5'))
    out = stock('undefine g5')
    r.check(out.returncode == 0, 'stock undefine: ' + out.stderr)


def test_bad_input(r, d, virsh, work):
    # a missing kernel: QEMU's own message and the guest's name; nothing left running
    xmlfile = os.path.join(work, 'bad.xml')
    open(xmlfile, 'w').write(guest_xml('bad', os.path.join(work, 'bad.log'))
                             .replace(GUEST_DIR + '/vmlinuz', '/nonexistent/vmlinuz'))
    virsh('define ' + xmlfile)
    out = virsh('start bad')
    r.check(out.returncode != 0 and "'bad'" in out.stderr and '/nonexistent/vmlinuz'
            in out.stderr, 'missing kernel reported: ' + out.stderr)
    r.check(state(virsh, 'bad').startswith('shut off'), 'nothing left running')
    # an unknown machine type is refused when defined
    open(xmlfile, 'w').write(guest_xml('bad2', os.path.join(work, 'bad.log'))
                             .replace("machine='pc'", "machine='pc-nonsense-9.9'"))
    out = virsh('define ' + xmlfile)
    r.check(out.returncode != 0 and 'pc-nonsense-9.9' in out.stderr,
            'unknown machine reported: ' + out.stderr)
    # type='kvm' on a host whose KVM cannot run guests: a clear error, fast
    open(xmlfile, 'w').write(guest_xml('kvmguest', os.path.join(work, 'bad.log'))
                             .replace("type='qemu'", "type='kvm'"))
    out = virsh('define ' + xmlfile)
    t0 = time.time()
    out = virsh('start kvmguest', timeout=60)
    took = time.time() - t0
    if out.returncode == 0:
        print('note: KVM is usable on this host')
        virsh('destroy kvmguest')
    else:
        r.check('KVM' in out.stderr and "'kvmguest'" in out.stderr and took < 30,
                'unusable KVM refused clearly in %.1fs: %s' % (took, out.stderr))


def main():
    build_guest()
    r = Results()
    work = tempfile.mkdtemp(prefix='vireo-qemu-work-')
    os.chmod(work, 0o755)
    d = Daemon()
    virsh = make_virsh(d.uri())
    try:
        for test in (test_lifecycle, test_save_restore, test_hotplug, test_events, test_actions,
                     test_agent,
                     test_crash,
                     test_reattach,
                     test_bad_input):
            t0 = time.time()
            test(r, d, virsh, work)
            print('%s: %.1fs' % (test.__name__, time.time() - t0), flush=True)
        if os.path.exists(STOCK_VIRSH):
            test_stock_virsh(r, d, work)
    finally:
        d.stop(virsh)
        shutil.rmtree(work, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()
