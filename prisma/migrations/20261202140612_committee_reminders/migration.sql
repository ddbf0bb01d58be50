-- CreateEnum
CREATE TYPE "CommitteeReminders" AS ENUM ('EVERY_MEETING', 'SUMMARY');

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "committeeReminders" "CommitteeReminders";

