"""Resolving cited URLs: the only package that touches the network.

``check_links`` is the synchronous entry point the CLI uses; ``Resolver`` takes an injected
``httpx.AsyncClient`` (tests pass clients of their own, pointed at a local server). The HTTP stack
is imported on first use of those names: an offline audit never loads it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from citeguard.resolve.cache import LinkCache, default_cache_path
from citeguard.resolve.claims import LinkClaim, claims_from, offline_results

if TYPE_CHECKING:
    from citeguard.resolve.resolver import Resolver, ResolverConfig, make_client
    from citeguard.resolve.run import check_links
    from citeguard.resolve.safety import SafetyPolicy

__all__ = ["LinkCache", "LinkClaim", "Resolver", "ResolverConfig", "SafetyPolicy", "check_links", "claims_from",
           "default_cache_path", "make_client", "offline_results"]

# The names that need httpx, and the module each lives in
_LAZY = {"Resolver": "resolver", "ResolverConfig": "resolver", "make_client": "resolver", "check_links": "run",
         "SafetyPolicy": "safety"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"citeguard.resolve.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'citeguard.resolve' has no attribute {name!r}")
