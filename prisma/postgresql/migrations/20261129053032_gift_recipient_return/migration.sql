-- AlterTable
ALTER TABLE "ReturnRequest" ADD COLUMN     "giftAddress" TEXT,
ADD COLUMN     "giftByRecipient" BOOLEAN NOT NULL DEFAULT false;

