"""Importing this module imports every check module, so that each registers itself."""

import importlib
import pkgutil

from .. import checks as _package

_SKIP = {"registry", "component", "load_all", "shared"}

for _info in pkgutil.iter_modules(_package.__path__):
    if _info.name not in _SKIP and not _info.name.startswith("_"):
        importlib.import_module(f"{_package.__name__}.{_info.name}")
