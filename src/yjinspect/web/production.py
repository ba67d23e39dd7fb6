"""Settings for real use: secrets and hosts from the environment, HTTPS only.

Select with DJANGO_SETTINGS_MODULE=yjinspect.web.production; `manage.py check --deploy` is clean.
"""

from __future__ import annotations

import os

from yjinspect.web.settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["YJINSPECT_SECRET_KEY"]
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # monitors and load balancers check over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
