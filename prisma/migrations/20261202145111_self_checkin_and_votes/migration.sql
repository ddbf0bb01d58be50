-- CreateEnum
CREATE TYPE "VoteStatus" AS ENUM ('OPEN', 'CLOSED', 'ANNULLED');

-- CreateEnum
CREATE TYPE "VoteChoice" AS ENUM ('APPROVE', 'REJECT');

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "checkinSecret" TEXT;

-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN     "selfCheckedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "CheckinAttempt" (
    "id" UUID NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckinAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "status" "VoteStatus" NOT NULL DEFAULT 'OPEN',
    "policy" TEXT NOT NULL,
    "openedById" UUID,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "annulReason" TEXT,
    "approve" INTEGER,
    "reject" INTEGER,
    "abstain" INTEGER,
    "voters" INTEGER,
    "base" INTEGER,
    "passed" BOOLEAN,
    "tallyPlatform" "Platform",
    "tallyChatId" TEXT,
    "tallyMessageId" TEXT,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "voteId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "choice" "VoteChoice",
    "voted" BOOLEAN NOT NULL DEFAULT false,
    "votedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("voteId","memberId")
);

-- CreateIndex
CREATE INDEX "CheckinAttempt_platform_externalId_at_idx" ON "CheckinAttempt"("platform", "externalId", "at");

-- CreateIndex
CREATE INDEX "Vote_meetingId_idx" ON "Vote"("meetingId");

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

