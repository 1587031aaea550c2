"""This process's resident memory, as the benchmarks that watch memory read it."""


def resident_mb():
    """Resident set size in MB, from /proc/self/status (nan where there is none)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")
