# syntax=docker/dockerfile:1
# One image for the bot, the worker and the one-shot migration (docker-compose.yml picks the command).
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
# `prisma generate` reads the schema and prisma.config.ts (run explicitly: npm 11 skips postinstall).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY src/db ./src/db
RUN npm ci --omit=dev --no-audit --no-fund \
  && npx prisma generate \
  && npm cache clean --force

# The product compiled to plain JavaScript (npm run build → dist/): no tsx loader at run time.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY src ./src
RUN npm ci --no-audit --no-fund \
  && npx prisma generate \
  && npm run build

FROM node:20.20-bookworm-slim AS app
# The chart PNGs sent in chat (resvg) need a font with Vietnamese letters; slim images have none.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
  CHECKPOINT_DISABLE=1
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY locales ./locales
# Issue 15: the default meeting-quality rubric (QUALITY_RUBRIC may point elsewhere).
COPY config ./config
# The migration script (run through tsx) needs only the database helpers' sources.
COPY src/db ./src/db
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 3001
# node itself (not npm) receives SIGTERM and shuts down gracefully.
CMD ["node", "--enable-source-maps", "dist/bot.js"]
