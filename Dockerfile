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

FROM node:20.20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production \
  CHECKPOINT_DISABLE=1
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY locales ./locales
COPY src ./src
USER node
EXPOSE 3000 3001
# node itself (not npm, not the tsx CLI) receives SIGTERM and shuts down gracefully.
CMD ["node", "--import", "tsx", "src/bot.ts"]
