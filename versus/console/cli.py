"""`versus console hash-password`: the argon2id hash to put in `console.users[].password_hash`.

The password is read from standard input (one line), never from the command line, where it would land
in the shell history and in the process list.
"""

import argparse
import getpass
import sys

from versus.console.passwords import hash_password


def add_console_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    console = commands.add_parser("console", help="web console helpers")
    actions = console.add_subparsers(dest="console_command", required=True)
    actions.add_parser(
        "hash-password",
        help="print the hash of a password read from standard input, for console.users[].password_hash",
    )


def run_console(args: argparse.Namespace) -> int:
    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("versus console hash-password: no password on standard input", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0
