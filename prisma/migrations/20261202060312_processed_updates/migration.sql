-- CreateEnum
CREATE TYPE "ProcessedUpdateStatus" AS ENUM ('CLAIMED', 'DONE');

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "platform" "Platform" NOT NULL,
    "bot" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "status" "ProcessedUpdateStatus" NOT NULL DEFAULT 'CLAIMED',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProcessedUpdate_pkey" PRIMARY KEY ("platform","bot","updateId")
);

-- CreateIndex
CREATE INDEX "ProcessedUpdate_claimedAt_idx" ON "ProcessedUpdate"("claimedAt");

