-- CreateTable
CREATE TABLE "ZaloContext" (
    "chatId" TEXT NOT NULL,
    "context" JSONB NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ZaloContext_pkey" PRIMARY KEY ("chatId")
);

