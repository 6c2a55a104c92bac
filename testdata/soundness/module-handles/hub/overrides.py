"""Site overrides, applied to the defaults module found by name."""
import importlib
import sys

defaults = importlib.import_module('hub.defaults')
defaults.TRUSTED_HOSTS.append('admin.hub.example.com')
setattr(defaults, 'LOG_LEVEL', 'WARNING')

# The same module through sys.modules, under a name built at run time.
module_name = '.'.join(['hub', 'defaults'])
sys.modules[module_name].EXTRA_APPS = sys.modules[module_name].EXTRA_APPS + ['hub.audit']

# And through sys.modules.get().
sys.modules.get('hub.defaults').EXTRA_APPS.append('hub.reports')
