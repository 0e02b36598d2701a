# motcua — a first image: build the TypeScript, then run the server with production dependencies only.
# (The operations issue completes it: health check, non-root user, mounted content, compose with Redis.)
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm ci --no-audit --no-fund && npm run build

FROM node:20-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY web ./web
COPY data ./data
COPY schema ./schema
USER node
EXPOSE 3000
CMD ["node", "bin/motcua.js", "serve"]
