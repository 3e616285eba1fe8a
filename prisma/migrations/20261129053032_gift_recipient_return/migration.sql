-- AlterTable
-- Written as ADD COLUMN, not Prisma's generated table rebuild: rebuilding "ReturnRequest"
-- (DROP TABLE + RENAME) would drop the analytics triggers created on it in
-- 20261129030156_analytics_summary.
ALTER TABLE "ReturnRequest" ADD COLUMN "giftByRecipient" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ReturnRequest" ADD COLUMN "giftAddress" TEXT;
