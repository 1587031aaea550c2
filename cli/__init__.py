"""The headless commands (train, gradcheck, step): argparse, printing and progress bars.

They drive the engine and print what it computed; the engine itself never prints.
"""
