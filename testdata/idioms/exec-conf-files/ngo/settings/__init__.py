"""Settings live in NN-name.conf files next to this one, run in the order of their names.

15-local.conf (credentials, paths) is kept out of version control; a deployment may also mount
more files under /etc/ngo/overrides/.
"""
import glob
import os.path

for name in sorted(glob.glob(os.path.join(os.path.dirname(__file__), '*.conf'))):
    if os.path.exists(name):
        with open(name, 'rb') as conf:
            exec(compile(conf.read(), name, 'exec'))

for name in sorted(glob.glob('/etc/ngo/overrides/*.conf')):
    with open(name) as conf:
        exec(conf.read())
