"""rasid's HTTP API and web app: `create_app(store_url, token)`; `rasid serve` runs it."""

from rasid.api.app import create_app

__all__ = ["create_app"]
