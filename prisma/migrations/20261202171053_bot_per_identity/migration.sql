-- AlterTable
ALTER TABLE "ChatIdentity" ADD COLUMN     "botId" TEXT;

