-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "targetAt" TIMESTAMPTZ(3);

