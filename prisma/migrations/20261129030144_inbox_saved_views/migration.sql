-- CreateTable
CREATE TABLE "InboxSavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "userId" TEXT,
    "defaultKey" TEXT,
    "name" TEXT,
    "query" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "InboxSavedView_shopId_position_idx" ON "InboxSavedView"("shopId", "position");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_status_requestedAt_idx" ON "ReturnRequest"("shopId", "status", "requestedAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_method_requestedAt_idx" ON "ReturnRequest"("shopId", "method", "requestedAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_needsAttention_requestedAt_idx" ON "ReturnRequest"("shopId", "needsAttention", "requestedAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_status_receivedAt_idx" ON "ReturnRequest"("shopId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "ReturnLine_shopId_resolution_returnRequestId_idx" ON "ReturnLine"("shopId", "resolution", "returnRequestId");

-- CreateIndex
CREATE INDEX "ReturnLine_shopId_dispositionLocationId_idx" ON "ReturnLine"("shopId", "dispositionLocationId");

