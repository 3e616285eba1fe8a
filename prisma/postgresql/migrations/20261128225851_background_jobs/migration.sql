-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "reconciledThrough" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT,
    "shop" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "retryDelayMs" INTEGER NOT NULL,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "onceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BackgroundJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BackgroundJob_onceKey_key" ON "BackgroundJob"("onceKey");

-- CreateIndex
CREATE INDEX "BackgroundJob_state_runAfter_idx" ON "BackgroundJob"("state", "runAfter");

-- CreateIndex
CREATE INDEX "BackgroundJob_name_key_state_idx" ON "BackgroundJob"("name", "key", "state");

