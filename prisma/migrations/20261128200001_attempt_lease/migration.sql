-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RefundAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "request" TEXT NOT NULL DEFAULT '{}',
    "outcome" TEXT,
    "leaseToken" TEXT,
    "leaseUntil" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RefundAttempt_returnRequestId_fkey" FOREIGN KEY ("returnRequestId") REFERENCES "ReturnRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RefundAttempt" ("createdAt", "id", "idempotencyKey", "outcome", "request", "returnRequestId", "shopId", "stage", "status", "updatedAt") SELECT "createdAt", "id", "idempotencyKey", "outcome", "request", "returnRequestId", "shopId", "stage", "status", "updatedAt" FROM "RefundAttempt";
DROP TABLE "RefundAttempt";
ALTER TABLE "new_RefundAttempt" RENAME TO "RefundAttempt";
CREATE UNIQUE INDEX "RefundAttempt_idempotencyKey_key" ON "RefundAttempt"("idempotencyKey");
CREATE INDEX "RefundAttempt_shopId_status_idx" ON "RefundAttempt"("shopId", "status");
CREATE UNIQUE INDEX "RefundAttempt_returnRequestId_stage_key" ON "RefundAttempt"("returnRequestId", "stage");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

