"""Settings stored outside the settings module, written into its namespace at import."""
import os

PREFIX = 'ARCHIVE_SETTING_'


class SettingNamespace:
    def __init__(self, global_symbol_table):
        self.global_symbol_table = global_symbol_table

    def update_globals(self):
        for key, value in os.environ.items():
            if key.startswith(PREFIX):
                self.global_symbol_table[key[len(PREFIX):]] = value
        self.global_symbol_table.setdefault('MEDIA_ROOT', '/var/lib/archive/media')
