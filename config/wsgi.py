import importlib
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# A worker loads at boot what its first request would otherwise wait for: the URLconf with
# every app's views, and the analytics kernels (numba and scipy take a while to import; they
# are lazy only for the command line's sake, urbis/analytics/__init__.py). The first analyst's
# map then answers at its warm speed. URBIS_WSGI_WARM=0 turns this off.
if os.environ.get("URBIS_WSGI_WARM", "1") != "0":
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every app's urls and views
    for kernel in ("grid", "hotspots", "kde", "prospective", "knox"):
        importlib.import_module(f"urbis.analytics.{kernel}")
