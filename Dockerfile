# naskah: the API and UI, for docker compose (see docker-compose.yml).
FROM python:3.11-slim-bookworm

# Tesseract with Indonesian and English data for scans; pdftoppm renders PDF pages;
# pg_dump/pg_restore for `naskah backup` and `naskah restore` of the PostgreSQL store.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng poppler-utils postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY ingest ingest
COPY search_api search_api
COPY web web
# editable, so the templates and assets in /app/web are found beside the packages
RUN pip install --no-cache-dir -e .

ENV NASKAH_DATA_DIR=/data \
    NASKAH_HOST=0.0.0.0 \
    NASKAH_PORT=8000
VOLUME ["/data"]
EXPOSE 8000
CMD ["naskah", "serve"]
