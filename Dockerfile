# Server image of the Prozessdatenbank: the wheel installed with pip, gunicorn + whitenoise,
# static files collected at build time. No checkout in the image: the wheel carries the
# templates, static files, translations and the KERN design system (see setup.py).

# The KERN design system from npm, on a Node.js LTS line that is supported (24, until 2028-04).
FROM node:24-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The wheel, built from the sources with the KERN assets beside them.
FROM python:3.11-slim-bookworm AS wheel
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY . .
COPY --from=assets /build/node_modules/@kern-ux/native/dist ./node_modules/@kern-ux/native/dist
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=processdb.settings \
    STATIC_ROOT=/srv/prozessdb/static \
    MEDIA_ROOT=/var/lib/prozessdb/media \
    PORT=8000
# WeasyPrint (the process handbook as PDF) draws with Pango and HarfBuzz, in DejaVu fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /home/app app \
    && mkdir -p /var/lib/prozessdb/media /srv/prozessdb/static \
    && chown app /var/lib/prozessdb/media
COPY --from=wheel /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels
# The installed app finds its templates and static files (a missing folder fails the build here,
# not the first request), then collectstatic. Both need settings but no secret or database; the
# key is thrown away with the layer.
RUN export DJANGO_SECRET_KEY=build-only \
    && django-admin check --fail-level WARNING \
    && django-admin shell --command "from django.template.loader import get_template; get_template('base.html')" \
    && django-admin collectstatic --noinput --verbosity 0
USER app
WORKDIR /home/app
EXPOSE 8000
# Asks /healthz as the reverse proxy would (Host from ALLOWED_HOSTS, X-Forwarded-Proto: https).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "processdb.healthcheck"]
CMD ["sh", "-c", "django-admin migrate --noinput && exec gunicorn processdb.wsgi --bind 0.0.0.0:${PORT:-8000} --workers ${GUNICORN_WORKERS:-4} --access-logfile -"]
