"""Notice when another program destroys the window's X11 window.

`xdotool windowclose`, `xkill -id` and some session managers destroy a client's window
outright instead of asking it to close. Qt (6.11, xcb) then only learns that the window
is no longer exposed: no close event, no lastWindowClosed, and the app runs on, invisible,
training at full speed. The X server does send DestroyNotify for a window that selected
structure notifications, as Qt's top-level windows do; this filter looks for that one
event among the native events.
"""
import ctypes

from PySide6.QtCore import QAbstractNativeEventFilter, QTimer

XCB_EVENT_TYPE = b"xcb_generic_event_t"
XCB_DESTROY_NOTIFY = 17
# xcb_destroy_notify_event_t: response_type (1 byte), pad (1), sequence (2), event (4),
# then the destroyed window (4). The top bit of response_type marks a SendEvent.
DESTROYED_WINDOW_OFFSET = 8


class X11WindowWatch(QAbstractNativeEventFilter):
    """Calls on_destroyed() on the GUI thread, from the event loop, once the native
    window of `widget` has been destroyed by someone other than Qt."""

    def __init__(self, widget, on_destroyed):
        super().__init__()
        self._widget = widget
        self._on_destroyed = on_destroyed
        self._seen = False

    def nativeEventFilter(self, event_type, message):
        if self._seen or event_type.data() != XCB_EVENT_TYPE:
            return False, 0
        address = int(message)
        if ctypes.c_uint8.from_address(address).value & 0x7F != XCB_DESTROY_NOTIFY:
            return False, 0
        destroyed = ctypes.c_uint32.from_address(address + DESTROYED_WINDOW_OFFSET).value
        # Qt's own destroying of a native window gives the widget a new id (or none)
        # first, so only a window Qt still draws into can match here.
        if destroyed == int(self._widget.effectiveWinId()):
            self._seen = True
            # Not from inside Qt's event dispatch: close the window as its own event.
            QTimer.singleShot(0, self._on_destroyed)
        return False, 0
