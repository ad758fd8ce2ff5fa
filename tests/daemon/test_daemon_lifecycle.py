#!/usr/bin/env python3
"""vireod's command line and signals: --daemon with --pid-file, --config
with libvirtd.conf keys, SIGHUP reload, SIGTERM exit, a second daemon on
the same root refused, bad configuration reported; many clients at once
all answered."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

from vireod_fixture import Results, Vireod, find_binary


def wait_for(pred, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return False


def virsh(uri, cmd):
    return subprocess.run([find_binary('virsh'), '-c', uri, cmd], capture_output=True,
                          text=True, timeout=60)


def main():
    r = Results()
    vireod = find_binary('vireod')

    # --daemon returns once the sockets serve; --pid-file names the process
    root = tempfile.mkdtemp(prefix='vireo-test-')
    pidfile = os.path.join(root, 'custom.pid')
    out = subprocess.run([vireod, '--root', root, '--daemon', '--pid-file', pidfile],
                         capture_output=True, text=True, timeout=30)
    r.check(out.returncode == 0, 'vireod --daemon exits 0: %s' % out.stderr)
    sock = os.path.join(root, 'run', 'vireo', 'vireo-sock')
    r.check(os.path.exists(sock), 'socket exists when --daemon returns')
    pid = int(open(pidfile).read())
    r.check(os.path.exists('/proc/%d' % pid), 'pid file names a live process')
    uri = 'test+unix:///default?socket=' + sock
    r.check(virsh(uri, 'list --name').stdout.strip() == 'test', 'daemonized vireod serves')

    # a second daemon on the same root refuses to start
    out = subprocess.run([vireod, '--root', root, '--pid-file', pidfile], capture_output=True,
                         text=True, timeout=30)
    r.check(out.returncode != 0 and ('locked' in out.stderr or 'in use' in out.stderr),
            'second daemon refused: %r' % out.stderr)
    r.check(virsh(uri, 'list --name').stdout.strip() == 'test', 'first daemon unharmed')

    # SIGTERM: clean exit, sockets and pid file removed
    os.kill(pid, signal.SIGTERM)
    r.check(wait_for(lambda: not os.path.exists('/proc/%d' % pid) or
                     open('/proc/%d/stat' % pid).read().split()[2] == 'Z'),
            'SIGTERM stops the daemon')
    r.check(not os.path.exists(sock) and not os.path.exists(pidfile),
            'socket and pid file removed on exit')
    shutil.rmtree(root, ignore_errors=True)

    # a bad configuration is reported with the file, key and value
    root = tempfile.mkdtemp(prefix='vireo-test-')
    conf = os.path.join(root, 'bad.conf')
    open(conf, 'w').write('max_workers = 0\n')
    out = subprocess.run([vireod, '--root', root, '--config', conf], capture_output=True,
                         text=True, timeout=30)
    r.check(out.returncode != 0 and 'max_workers' in out.stderr and conf in out.stderr,
            'bad config reported: %r' % out.stderr)
    open(conf, 'w').write('max_clients = "many"\n')
    out = subprocess.run([vireod, '--root', root, '--config', conf], capture_output=True,
                         text=True, timeout=30)
    r.check(out.returncode != 0 and 'max_clients' in out.stderr, 'wrong type reported: %r'
            % out.stderr)
    shutil.rmtree(root, ignore_errors=True)

    # libvirtd.conf keys, SIGHUP reload, and max_clients enforced
    config = ('max_clients = 3\nmax_workers = 4\nmin_workers = 2\nprio_workers = 2\n'
              'max_client_requests = 2\nkeepalive_interval = 2\nkeepalive_count = 3\n'
              'log_level = 3\n')
    with Vireod(config=config) as d:
        held = []
        for _ in range(3):
            s = socket.socket(socket.AF_UNIX)
            s.connect(d.sock)
            held.append(s)
        time.sleep(0.3)
        fourth = subprocess.Popen([find_binary('virsh'), '-c', d.uri(), 'list --name'],
                                  stdout=subprocess.PIPE, text=True)
        time.sleep(1)
        r.check(fourth.poll() is None, 'a client beyond max_clients waits')
        held.pop().close()
        try:
            outs, _ = fourth.communicate(timeout=20)
            r.check(outs.strip() == 'test', 'it is served once a slot frees')
        except subprocess.TimeoutExpired:
            fourth.kill()
            r.check(False, 'waiting client never served')
        for s in held:
            s.close()

        open(d.config, 'w').write(config.replace('max_clients = 3', 'max_clients = 50'))
        d.proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        r.check(d.alive(), 'SIGHUP does not stop the daemon')

        # many clients at once: every call answered
        results = []

        def worker():
            out = virsh(d.uri(), 'list --name; domstate test; net-list --name; pool-list --name')
            results.append(out.returncode == 0 and out.stdout.split()[0] == 'test')
        threads = [threading.Thread(target=worker) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        r.check(len(results) == 20 and all(results), '20 concurrent clients answered (%d/%d)'
                % (sum(results), len(results)))

        # a client that stops answering pings is dropped (interval 2 s x 3)
        s = socket.socket(socket.AF_UNIX)
        s.connect(d.sock)
        import struct
        body = struct.pack('>IIiiIi', 0x20008086, 1, 60, 0, 1, 0) + struct.pack('>i', 10)
        s.sendall(struct.pack('>I', len(body) + 4) + body)   # asks for keepalive
        s.settimeout(15)
        dropped = False
        try:
            while True:
                data = s.recv(4096)
                if not data:
                    dropped = True
                    break
        except OSError:
            dropped = True
        r.check(dropped, 'silent client dropped by keepalive')
        s.close()
        r.check(d.alive(), 'daemon alive at the end')
    r.finish()


if __name__ == '__main__':
    main()
