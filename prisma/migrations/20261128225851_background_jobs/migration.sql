-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "reconciledThrough" DATETIME;

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "key" TEXT,
    "shop" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL,
    "retryDelayMs" INTEGER NOT NULL,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "onceKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "BackgroundJob_onceKey_key" ON "BackgroundJob"("onceKey");

-- CreateIndex
CREATE INDEX "BackgroundJob_state_runAfter_idx" ON "BackgroundJob"("state", "runAfter");

-- CreateIndex
CREATE INDEX "BackgroundJob_name_key_state_idx" ON "BackgroundJob"("name", "key", "state");

