"""Build hook: the wheel carries the site folders that live at the top of the repository.

Everything else is configured in pyproject.toml. templates/, static/, locale/ and packs/ stay at the top
of the checkout (settings read them from there), and the KERN design system comes from npm into
node_modules/. A wheel has no checkout around it, so the build copies all five into the package:

    processdb/site/templates   <- templates/
    processdb/site/static      <- static/
    processdb/site/locale      <- locale/
    processdb/site/packs       <- packs/  (the demo departments' content packs)
    processdb/site/kern        <- node_modules/@kern-ux/native/dist  (run `npm ci --omit=dev` first)

Settings use processdb/site/ when it exists, the checkout's folders otherwise. An editable install
(`pip install -e .`, `make install`) copies nothing: it runs from the checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import FileError

ROOT = Path(__file__).resolve().parent
SITE_PACKAGE = "processdb"
SITE_FOLDER = "site"
SITE_FOLDERS = {
    "templates": "templates",
    "static": "static",
    "locale": "locale",
    "packs": "packs",
    "kern": "node_modules/@kern-ux/native/dist",
}
# Left out of the copies: byte code and editor litter.
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store", "*~", "*.swp")


class BuildPyWithSite(build_py):
    """build_py that also copies the top-level site folders into processdb/site/."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / SITE_PACKAGE / SITE_FOLDER
        for name, source in SITE_FOLDERS.items():
            source_path = ROOT / source
            if not source_path.is_dir():
                hint = " – run `npm ci --omit=dev` before building" if source.startswith("node_modules") else ""
                raise FileError(f"{source}/ is missing; the wheel needs it at run time{hint}")
            destination = target / name
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(source_path, destination, ignore=IGNORE)


setup(cmdclass={"build_py": BuildPyWithSite})
