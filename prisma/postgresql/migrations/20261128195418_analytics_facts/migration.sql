-- CreateTable
CREATE TABLE "OrderLineFact" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineItemId" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "quantity" INTEGER NOT NULL,
    "shopAmount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "OrderLineFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductFact" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "productType" TEXT,
    "vendor" TEXT,
    "collections" TEXT NOT NULL DEFAULT '[]',
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SalesSync" (
    "shopId" TEXT NOT NULL,
    "coveredFrom" TIMESTAMP(3) NOT NULL,
    "watermark" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalesSync_pkey" PRIMARY KEY ("shopId")
);

-- CreateIndex
CREATE INDEX "OrderLineFact_shopId_processedAt_idx" ON "OrderLineFact"("shopId", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLineFact_shopId_lineItemId_key" ON "OrderLineFact"("shopId", "lineItemId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductFact_shopId_productId_key" ON "ProductFact"("shopId", "productId");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_requestedAt_idx" ON "ReturnRequest"("shopId", "requestedAt");

