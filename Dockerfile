# syntax=docker/dockerfile:1
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY src/db ./src/db
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node
EXPOSE 3000
CMD ["npm", "run", "bot"]
