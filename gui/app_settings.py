"""Where the app remembers things between runs (the zoom level).

An INI file in the user's configuration folder, or the file named by the environment
variable BACKPROP_LAB_SETTINGS: the tests point it at a temporary file, so that they
never read or write a person's own settings."""
import os

from PySide6.QtCore import QSettings

SETTINGS_FILE_VARIABLE = "BACKPROP_LAB_SETTINGS"
ORGANISATION, APPLICATION = "Backprop Lab", "backprop-lab"


def app_settings():
    path = os.environ.get(SETTINGS_FILE_VARIABLE)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)
