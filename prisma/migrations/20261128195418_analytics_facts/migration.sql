-- CreateTable
CREATE TABLE "OrderLineFact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "quantity" INTEGER NOT NULL,
    "shopAmount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ProductFact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "productType" TEXT,
    "vendor" TEXT,
    "collections" TEXT NOT NULL DEFAULT '[]',
    "syncedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SalesSync" (
    "shopId" TEXT NOT NULL PRIMARY KEY,
    "coveredFrom" DATETIME NOT NULL,
    "watermark" DATETIME NOT NULL,
    "syncedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "OrderLineFact_shopId_processedAt_idx" ON "OrderLineFact"("shopId", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLineFact_shopId_lineItemId_key" ON "OrderLineFact"("shopId", "lineItemId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductFact_shopId_productId_key" ON "ProductFact"("shopId", "productId");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_requestedAt_idx" ON "ReturnRequest"("shopId", "requestedAt");

