# motcua — the chatbot of the public-administration service center, as an image.
#
#   docker build -t motcua .
#   docker run -d --name motcua -p 3000:3000 --env-file .env motcua
#   (or `docker compose up -d`: the bot with Redis, see docker-compose.yml)
#
# Two stages: `build` compiles the TypeScript with every dependency; the runtime stage has only the
# production dependencies, the compiled dist/, bin/, web/, schema/ and the seed content data/, and runs as
# the image's unprivileged `node` user.
#
# Content (procedures, FAQ, messages) without rebuilding the image — see src/cli/content-dirs.ts:
#   * mount a directory over /app/data (read-only is fine: the bot only reads it), e.g.
#       docker run -v /srv/motcua/data:/app/data:ro ...
#     It replaces the seed: it must be a complete content directory (center.yaml, fields.yaml, ...);
#     start from a copy of the repository's data/.
#   * or mount extra directories anywhere (e.g. /content) and list them, comma-separated, in
#     MOTCUA_CONTENT_DIRS=/content. A listed directory with a center.yaml is a complete content set and the
#     seed is then not loaded; directories without one (e.g. the output of `import dvcqg`) are loaded after
#     the seed /app/data, which supplies the center profile, fields and aliases.
#   Check the content before restarting:
#     docker run --rm -v /srv/motcua/data:/app/data:ro motcua node bin/motcua.js content check
#   The content is read at start: restart the container after an edit.
#
# Writable state: /app/var (owned by `node`) holds, when no REDIS_URL is set, var/events.jsonl (the staff
# event log) and var/zalo-tokens.json (the Zalo token pair). Mount a volume there to keep them; with Redis
# both live in Redis.
#
# Configuration is by environment variables (see .env.example); /app/.env is read too when mounted.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script (the build) needs the sources, copied next; no dependency needs an
# install script to compile the TypeScript.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only. --ignore-scripts: `prepare` would run tsc, a devDependency; none of the
# production dependencies has an install script (tests/ops/docker-image.test.ts checks both).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY web ./web
COPY schema ./schema
COPY data ./data
# The code and content belong to root (read-only for the bot); only var/ is the bot's to write.
RUN mkdir -p /app/var && chown node:node /app/var
USER node
EXPOSE 3000
# No curl or wget in the slim image: node's own fetch asks /healthz on the port the server listens on.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets the server finish the messages under way; it exits within 20 s: `docker stop -t 30`.
CMD ["node", "bin/motcua.js", "serve"]
