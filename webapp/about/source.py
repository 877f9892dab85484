"""The source code of the running server as one .tar.gz, so anyone who uses it over the network
can have the exact code (AGPL-3.0 section 13). Built from the files the app runs from, not from a
repository: the Python package and its data, the licence, and the files that build and pin it.
No Flask here."""
import functools
import gzip
import io
import tarfile
from pathlib import Path

# Beside static/, templates/ and content/: in a checkout at its top, in a wheel in webapp/_site/.
BUILD_FILES = ("LICENSE", "README.md", "pyproject.toml", "setup.py", "Makefile")
SITE_FOLDERS = ("static", "templates", "content", "requirements")
SKIP = {"__pycache__", "_site"}


def files(package, site):
    """(path in the archive, file on disk) for everything the source archive holds, sorted."""
    package, site = Path(package), Path(site)
    found = [(f"webapp/{p.relative_to(package)}", p) for p in sorted(package.rglob("*"))
             if p.is_file() and not SKIP & set(p.relative_to(package).parts) and p.suffix != ".pyc"]
    for name in BUILD_FILES:
        if (site / name).is_file():
            found.append((name, site / name))
    for folder in SITE_FOLDERS:
        found += [(str(p.relative_to(site)), p) for p in sorted((site / folder).rglob("*")) if p.is_file()]
    return sorted(found)


@functools.lru_cache(maxsize=2)
def archive(package, site, top):
    """The .tar.gz bytes, the same for the same files (no times, owners or modes from this disk),
    every path under the folder `top`. Kept: the files do not change while the app runs."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in files(package, site):
            data = path.read_bytes()
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()
