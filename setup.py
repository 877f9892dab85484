"""The wheel carries static/, templates/, content/ and translations/ (the .po catalogues, read as
they are: webapp/i18n/catalogues.py) inside the package, in webapp/_site/.

The four folders stay at the top of the repository (the design card); setuptools maps each to a
data-only package, so an installed wheel holds them where webapp.PROJECT_ROOT looks first. The
files that build and pin the app go along too, so /source can hand out the code that is running.
Everything else about the project is in pyproject.toml.
"""
from setuptools import find_packages, setup

SITE = ("static", "templates", "content", "translations")
BUILD_FILES = ["LICENSE", "README.md", "pyproject.toml", "setup.py", "Makefile", "requirements/*.txt"]

setup(
    packages=find_packages(include=["webapp", "webapp.*"])
    + ["webapp._site"] + [f"webapp._site.{name}" for name in SITE],
    package_dir={"webapp._site": ".", **{f"webapp._site.{name}": name for name in SITE}},
    package_data={"webapp._site": BUILD_FILES, **{f"webapp._site.{name}": ["**/*"] for name in SITE}},
)
