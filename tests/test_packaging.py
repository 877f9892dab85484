"""A built wheel carries every package under webapp/ (a hand-kept list once dropped new ones)."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_contains_every_sub_package(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w",
                    str(tmp_path)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "webapp").rglob("__init__.py")}
    assert len(packages) >= 10
    for package in packages:
        assert f"{package}/__init__.py" in names, package
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "webapp").rglob("*.py")}
    assert modules <= names
