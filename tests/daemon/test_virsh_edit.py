#!/usr/bin/env python3
"""virsh's editor commands (edit, desc --edit, metadata --edit) with
$EDITOR set to a script: our virsh, in process and through vireod, prints
what stock virsh prints on libvirt's test:///default.  (Stock virsh 9.0
reports a failed redefinition as success; ours fails, so that case is not
compared.)"""
import os
import re
import shutil
import subprocess
import tempfile

from vireod_fixture import Results, Vireod, find_binary

STOCK = '/usr/bin/virsh'

CASES = [
    ('true', 'edit test'),
    ('sed -i s/8388608/4194304/', 'edit test; dominfo test'),
    ('sed -i s/<name>test/<name>test3/', 'edit test; list --all'),
    ('false', 'edit test'),
    ('true', 'desc test --edit; desc test --title --edit'),
    ('cp {dir}/desc', 'desc test --edit; desc test'),
    ('cp {dir}/desc', 'desc test --title --edit; desc test --title'),
    ('cp {dir}/desc', 'desc test --edit --config; desc test --config; desc test'),
    ('cp {dir}/desc', 'desc test --edit new words; desc test'),
    ('true', 'metadata test http://app1.org/ --key app1 --edit'),
    ('cp {dir}/meta', 'metadata test http://app1.org/ --key app1 --edit; '
                      'metadata test http://app1.org/'),
    ('cp {dir}/meta', 'metadata test http://app1.org/ --edit'),
    ('true', 'edit nosuch'),
]


def run(virsh, uri, editor, line, workdir):
    env = dict(os.environ, LANG='C', LC_ALL='C', EDITOR=editor, TMPDIR=workdir)
    env.pop('VISUAL', None)
    p = subprocess.run([virsh, '-c', uri, line], capture_output=True, text=True, timeout=60,
                       env=env, stdin=subprocess.DEVNULL)
    text = p.stdout + '## stderr\n' + p.stderr + '## exit %d\n' % p.returncode
    text = re.sub(r'virsh\w{6}\.xml', 'virshXXXXXX.xml', text)
    # the test driver's CPU time is the wall clock: it moves between runs
    return re.sub(r'(CPU time: +)[0-9.]+s', r'\1Ns', text)


def main():
    r = Results()
    ours = find_binary('virsh')
    work = tempfile.mkdtemp(prefix='vireo-edit-')
    try:
        with open(os.path.join(work, 'desc'), 'w') as f:
            f.write('edited text\n')
        with open(os.path.join(work, 'meta'), 'w') as f:
            f.write('<foo>bar</foo>\n')
        with Vireod() as d:
            for editor, line in CASES:
                editor = editor.format(dir=work)
                want = run(STOCK, 'test:///default', editor, line, work)
                for who, virsh, uri in (('in-process', ours, 'test:///default'),
                                        ('vireod', ours, d.uri())):
                    got = run(virsh, uri, editor, line, work)
                    r.check(got == want, '%s, EDITOR=%r %r:\n--- stock\n%s--- ours\n%s'
                            % (who, editor, line, want, got))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()
