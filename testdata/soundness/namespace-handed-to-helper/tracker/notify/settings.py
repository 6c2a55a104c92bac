"""Notification settings, written into whichever settings module asks for them."""
import os

_ENV_TO_SETTING = {
    'TRACKER_SLA_NOTIFY_ACTIVE': 'SLA_NOTIFY_ACTIVE',
    'TRACKER_SLA_PRE_BREACH': 'SLA_NOTIFY_PRE_BREACH',
    'TRACKER_ALERT_REFRESH': 'ALERT_REFRESH',
}

_DEFAULTS = {
    'TRACKER_SLA_NOTIFY_ACTIVE': 'False',
    'TRACKER_SLA_PRE_BREACH': '3',
    'TRACKER_ALERT_REFRESH': 'True',
}


def populate_settings(read, target):
    for env_var, setting_name in _ENV_TO_SETTING.items():
        target[setting_name] = read(env_var, _DEFAULTS[env_var])


def populate_extra(target):
    """Names taken from the environment: which ones, the repository does not say."""
    for key, value in os.environ.items():
        if key.startswith('TRACKER_EXTRA_'):
            target[key[len('TRACKER_EXTRA_'):]] = value


def pass_on(target):
    """Hands the namespace on to code that keeps it."""
    registry = [target]
    return len(registry)
