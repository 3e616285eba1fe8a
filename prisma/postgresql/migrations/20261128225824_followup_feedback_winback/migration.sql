-- CreateTable
CREATE TABLE "ReturnFeedback" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "locale" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "commentedAt" TIMESTAMP(3),

    CONSTRAINT "ReturnFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WinbackSettings" (
    "shopId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "valueType" TEXT NOT NULL DEFAULT 'PERCENTAGE',
    "percentage" INTEGER NOT NULL DEFAULT 15,
    "fixedAmount" BIGINT NOT NULL DEFAULT 0,
    "minimumOrderAmount" BIGINT NOT NULL DEFAULT 0,
    "validityDays" INTEGER NOT NULL DEFAULT 30,
    "delayDays" INTEGER NOT NULL DEFAULT 14,
    "periodDays" INTEGER NOT NULL DEFAULT 180,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WinbackSettings_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "WinbackOffer" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "returnRequestId" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "code" TEXT,
    "discountNodeId" TEXT,
    "currency" TEXT,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WinbackOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerOrderSeen" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerOrderSeen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketingUnsubscribe" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "syncedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "MarketingUnsubscribe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnFeedback_returnRequestId_key" ON "ReturnFeedback"("returnRequestId");

-- CreateIndex
CREATE INDEX "ReturnFeedback_shopId_createdAt_idx" ON "ReturnFeedback"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "WinbackOffer_shopId_status_createdAt_idx" ON "WinbackOffer"("shopId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WinbackOffer_shopId_customerId_createdAt_idx" ON "WinbackOffer"("shopId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WinbackOffer_shopId_customerId_periodKey_key" ON "WinbackOffer"("shopId", "customerId", "periodKey");

-- CreateIndex
CREATE INDEX "CustomerOrderSeen_shopId_customerId_createdAt_idx" ON "CustomerOrderSeen"("shopId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerOrderSeen_shopId_orderId_key" ON "CustomerOrderSeen"("shopId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "MarketingUnsubscribe_shopId_customerId_key" ON "MarketingUnsubscribe"("shopId", "customerId");

