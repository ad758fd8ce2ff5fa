"""Start and stop a private vireod for a test: all state under a fresh
temporary root, sockets at ROOT/run/vireo/vireo-sock(-ro)."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

BUILD = os.environ.get('VIREO_BUILD', os.path.join(os.path.dirname(__file__), '..', '..', 'build'))


def find_binary(name):
    """The build's binary of that name (vireod, virsh)."""
    for dirpath, _, files in os.walk(BUILD):
        if name in files and os.access(os.path.join(dirpath, name), os.X_OK):
            return os.path.abspath(os.path.join(dirpath, name))
    raise SystemExit('%s not found under %s: build first' % (name, BUILD))


def wait_for_socket(proc, sock, log, timeout=30):
    """Returns once @sock accepts connections; raises with @log's text if
    @proc exits first or the time runs out."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError('vireod exited with %d: %s' % (proc.returncode, open(log).read()))
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(sock)
            s.close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError('vireod did not start: ' + open(log).read())


def stop_process(proc, timeout=20):
    """SIGTERM, then SIGKILL after @timeout seconds."""
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class RootVireod:
    """vireod --root ROOT that a test stops and starts again on the same
    root (qemu:///system over ROOT/run/vireo/vireo-sock).  Subclasses
    change command() (wrappers, options) and environment()."""
    log_name = 'vireod.log'
    stop_timeout = 20

    def __init__(self, root, start=True):
        self.root = root
        self.sock = os.path.join(root, 'run', 'vireo', 'vireo-sock')
        self.log = os.path.join(root, self.log_name)
        self.proc = None
        if start:
            self.start()

    def command(self):
        return [find_binary('vireod'), '--root', self.root]

    def environment(self):
        return None

    def start(self):
        self.proc = subprocess.Popen(self.command(), stdout=open(self.log, 'a'),
                                     stderr=subprocess.STDOUT, env=self.environment())
        wait_for_socket(self.proc, self.sock, self.log)

    def stop(self):
        stop_process(self.proc, self.stop_timeout)

    def restart(self):
        # not self.stop(): subclasses' stop() may also end guests
        stop_process(self.proc, self.stop_timeout)
        self.start()

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def uri(self):
        return 'qemu+unix:///system?socket=' + self.sock


class Vireod:
    def __init__(self, extra_args=(), config=None):
        self.root = tempfile.mkdtemp(prefix='vireo-test-')
        self.sock = os.path.join(self.root, 'run', 'vireo', 'vireo-sock')
        self.sock_ro = self.sock + '-ro'
        self.log = os.path.join(self.root, 'vireod.log')
        args = [find_binary('vireod'), '--root', self.root]
        if config is not None:
            self.config = os.path.join(self.root, 'vireod.conf')
            with open(self.config, 'w') as f:
                f.write(config)
            args += ['--config', self.config]
        args += list(extra_args)
        self.proc = subprocess.Popen(args, stdout=open(self.log, 'w'), stderr=subprocess.STDOUT)
        self.wait_ready()

    def uri(self, driver='test', path='/default', ro=False):
        return '%s+unix://%s?socket=%s' % (driver, path, self.sock_ro if ro else self.sock)

    def wait_ready(self, timeout=10):
        wait_for_socket(self.proc, self.sock, self.log, timeout)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        stop_process(self.proc, 10)
        shutil.rmtree(self.root, ignore_errors=True)
        return self.proc.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Results:
    """Counts checks and prints libvirt-style 'N passed, N failed'."""
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL', what, flush=True)
        return cond

    def finish(self):
        print('%d passed, %d failed' % (self.passed, self.failed))
        raise SystemExit(1 if self.failed else 0)
