-- CreateTable
CREATE TABLE "QualityScore" (
    "meetingId" UUID NOT NULL,
    "itemKey" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "scoredById" UUID,
    "scoredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QualityScore_pkey" PRIMARY KEY ("meetingId","itemKey")
);

-- CreateTable
CREATE TABLE "MeetingDocument" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "fileId" TEXT,
    "fileName" TEXT,
    "fileSize" INTEGER,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "sendAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeetingDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentRead" (
    "documentId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DocumentRead_pkey" PRIMARY KEY ("documentId","memberId")
);

-- CreateIndex
CREATE INDEX "MeetingDocument_meetingId_idx" ON "MeetingDocument"("meetingId");

