-- AlterTable
ALTER TABLE "ReturnRequest" ADD COLUMN     "createdByStaff" TEXT,
ADD COLUMN     "gift" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "giftRecipientEmail" TEXT,
ADD COLUMN     "giftRecipientName" TEXT,
ADD COLUMN     "overrideAt" TIMESTAMP(3),
ADD COLUMN     "overrideBy" TEXT,
ADD COLUMN     "overrideCodes" TEXT,
ADD COLUMN     "overrideReason" TEXT;

