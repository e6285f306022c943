"""README's commands work as printed: every `make` command names real targets and
variables (checked with `make -n`, which prints the recipes without running them),
and every `.venv/bin/python -m build_tools ...` command is run as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

import pytest

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SHELL_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
INLINE = re.compile(r"`((?:make|\.venv/bin/python) [^`]+)`")


def commands() -> list[str]:
    found = [m.group(1) for m in INLINE.finditer(README)]
    for block in SHELL_BLOCK.findall(README):
        found += [line.split("#")[0].strip() for line in block.splitlines()]
    return sorted({c for c in found if c.startswith(("make ", ".venv/bin/python "))})


MAKE = [c for c in commands() if c.startswith("make ")]
PYTHON = [c for c in commands() if c.startswith(".venv/bin/python ")]
TARGETS = set(re.findall(r"^([\w.-]+):", (REPO / "Makefile").read_text("utf-8"), re.M))
VARIABLES = set(re.findall(r"^([A-Z_]+)\s*[?:]?=", (REPO / "Makefile").read_text("utf-8"), re.M))
# Variables the Makefile passes on through the environment rather than declaring.
ENVIRONMENT = {"SOURCE_DATE_EPOCH"}


def test_the_readme_has_commands_to_check() -> None:
    assert len(MAKE) >= 10 and PYTHON, (MAKE, PYTHON)
    assert "make dist EDITION=trainer" in MAKE


@pytest.mark.parametrize("command", MAKE)
def test_each_make_command_names_real_targets_and_variables(command: str) -> None:
    words = shlex.split(command.replace("$(", "'$(").replace(")", ")'"))[1:]
    targets = [w for w in words if "=" not in w]
    variables = [w.split("=", 1)[0] for w in words if "=" in w]
    assert targets and set(targets) <= TARGETS, f"{command}: no such target"
    assert set(variables) <= VARIABLES | ENVIRONMENT, f"{command}: no such variable"
    make = shutil.which("make")
    if make is None:
        pytest.skip("no make on this machine")
    # Values as written, except a shell substitution, which a dry run need not expand.
    argv = [make, "-n", *(w if "$(" not in w else w.split("=")[0] + "=1" for w in words)]
    dry = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=False)
    assert dry.returncode == 0, f"{command}:\n{dry.stdout}{dry.stderr}"


@pytest.mark.parametrize("command", PYTHON)
def test_each_python_command_runs_as_printed(command: str) -> None:
    if not (REPO / ".venv" / "bin" / "python").is_file():
        pytest.skip("no .venv: `make html` or `make test` creates it")
    ran = subprocess.run(
        shlex.split(command), cwd=REPO, capture_output=True, text=True, check=False, timeout=120
    )
    assert ran.returncode == 0, f"{command}:\n{ran.stdout}{ran.stderr}"
