-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN "bouncedAt" DATETIME;

