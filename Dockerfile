# Server image of the Prozessdatenbank: gunicorn + whitenoise, static files built in.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN useradd --system --create-home --home-dir /home/app app \
    && mkdir -p /var/lib/prozessdb/media && chown app /var/lib/prozessdb/media
COPY pyproject.toml README.md ./
COPY processdb ./processdb
COPY processes ./processes
COPY knowledge ./knowledge
COPY onboarding ./onboarding
RUN pip install -e .
COPY . .
COPY --from=assets /build/node_modules ./node_modules
# collectstatic needs settings but no secret or database; the key is thrown away with the layer.
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0
USER app
EXPOSE 8000
ENV MEDIA_ROOT=/var/lib/prozessdb/media
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn processdb.wsgi --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-4} --access-logfile -"]
