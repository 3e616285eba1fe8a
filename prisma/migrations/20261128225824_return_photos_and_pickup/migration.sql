-- AlterTable
ALTER TABLE "ReturnRequest" ADD COLUMN "pickupAddress" TEXT;
ALTER TABLE "ReturnRequest" ADD COLUMN "pickupDateFrom" TEXT;
ALTER TABLE "ReturnRequest" ADD COLUMN "pickupDateTo" TEXT;

-- CreateTable
CREATE TABLE "ReturnPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "returnLineId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnPhoto_returnRequestId_fkey" FOREIGN KEY ("returnRequestId") REFERENCES "ReturnRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReturnPhoto_returnRequestId_idx" ON "ReturnPhoto"("returnRequestId");

-- CreateIndex
CREATE INDEX "ReturnPhoto_shopId_idx" ON "ReturnPhoto"("shopId");

