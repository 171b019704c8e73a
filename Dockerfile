# naskah API (and UI) in one image; `docker compose up` pairs it with Meilisearch.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ingest ./ingest
COPY search_api ./search_api
COPY web ./web
RUN pip install --no-cache-dir . "psycopg[binary]>=3.2"
ENV NASKAH_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000
CMD ["naskah", "serve", "--host", "0.0.0.0", "--port", "8000"]
