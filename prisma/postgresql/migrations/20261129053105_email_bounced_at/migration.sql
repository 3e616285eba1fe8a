-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "bouncedAt" TIMESTAMP(3);

