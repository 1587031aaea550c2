"""How much memory is free, so a load that cannot fit is refused before it starts."""

import os

_MEMINFO = "/proc/meminfo"


def available_memory():
    """Bytes the system can give this process without swapping, or None if unknown.

    Linux's MemAvailable counts free memory plus the page cache it can drop, which is
    what a new allocation can really use; "free" alone would be far too pessimistic.
    """
    try:
        with open(_MEMINFO, encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def format_bytes(count):
    """'590 MB', '4.3 GB', '12 KB': a size as a person reads it (powers of 1000)."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if count >= size:
            value = count / size
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{int(count)} bytes"
