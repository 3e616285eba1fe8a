-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "name" TEXT,
    "currencyCode" TEXT,
    "timezone" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "nextRmaNumber" INTEGER NOT NULL DEFAULT 1001,
    "rmaPrefix" TEXT NOT NULL DEFAULT 'R',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnPolicy" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "document" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReturnPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnRequest" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "rmaNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "customerId" TEXT,
    "customerEmail" TEXT,
    "customerName" TEXT,
    "locale" TEXT,
    "method" TEXT NOT NULL,
    "shopifyReturnId" TEXT,
    "shopifyReturnName" TEXT,
    "shopifyStatus" TEXT,
    "currency" TEXT NOT NULL,
    "refundAmount" INTEGER NOT NULL DEFAULT 0,
    "storeCreditAmount" INTEGER NOT NULL DEFAULT 0,
    "bonusCreditAmount" INTEGER NOT NULL DEFAULT 0,
    "exchangeAmount" INTEGER NOT NULL DEFAULT 0,
    "restockingFeeAmount" INTEGER NOT NULL DEFAULT 0,
    "returnShippingFee" INTEGER NOT NULL DEFAULT 0,
    "declineReason" TEXT,
    "declineNote" TEXT,
    "trackingNumber" TEXT,
    "trackingUrl" TEXT,
    "carrierName" TEXT,
    "labelUrl" TEXT,
    "paymentGateways" TEXT NOT NULL DEFAULT '[]',
    "storeCreditConsent" BOOLEAN NOT NULL DEFAULT false,
    "euWithdrawal" BOOLEAN NOT NULL DEFAULT false,
    "autoApproved" BOOLEAN NOT NULL DEFAULT false,
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "attentionReason" TEXT,
    "statusToken" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" TIMESTAMP(3),
    "declinedAt" TIMESTAMP(3),
    "inTransitAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "inspectedAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "canceledAt" TIMESTAMP(3),
    "refundDeadline" TIMESTAMP(3),
    "refundEtaFrom" TIMESTAMP(3),
    "refundEtaTo" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnLine" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "fulfillmentLineItemId" TEXT NOT NULL,
    "lineItemId" TEXT,
    "shopifyReturnLineItemId" TEXT,
    "rfoLineItemId" TEXT,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "sku" TEXT,
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "reasonDefinitionId" TEXT,
    "reasonHandle" TEXT,
    "customerNote" TEXT,
    "photos" TEXT NOT NULL DEFAULT '[]',
    "resolution" TEXT NOT NULL,
    "exchangeVariantId" TEXT,
    "exchangeVariantTitle" TEXT,
    "shopifyExchangeLineItemId" TEXT,
    "conditionGrade" TEXT,
    "disposition" TEXT,
    "dispositionLocationId" TEXT,
    "restockingFeePercent" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnEvent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actorId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReturnEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefundAttempt" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "request" TEXT NOT NULL DEFAULT '{}',
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RefundAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventId" TEXT,
    "topic" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECEIVED',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "export" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnPolicy_shopId_key" ON "ReturnPolicy"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRequest_statusToken_key" ON "ReturnRequest"("statusToken");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_status_createdAt_idx" ON "ReturnRequest"("shopId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_createdAt_idx" ON "ReturnRequest"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_needsAttention_createdAt_idx" ON "ReturnRequest"("shopId", "needsAttention", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_orderName_idx" ON "ReturnRequest"("shopId", "orderName");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_customerEmail_idx" ON "ReturnRequest"("shopId", "customerEmail");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_customerId_idx" ON "ReturnRequest"("shopId", "customerId");

-- CreateIndex
CREATE INDEX "ReturnRequest_shopId_orderId_idx" ON "ReturnRequest"("shopId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRequest_shopId_rmaNumber_key" ON "ReturnRequest"("shopId", "rmaNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRequest_shopId_shopifyReturnId_key" ON "ReturnRequest"("shopId", "shopifyReturnId");

-- CreateIndex
CREATE INDEX "ReturnLine_returnRequestId_idx" ON "ReturnLine"("returnRequestId");

-- CreateIndex
CREATE INDEX "ReturnLine_shopId_productId_idx" ON "ReturnLine"("shopId", "productId");

-- CreateIndex
CREATE INDEX "ReturnLine_shopId_reasonHandle_idx" ON "ReturnLine"("shopId", "reasonHandle");

-- CreateIndex
CREATE INDEX "ReturnEvent_returnRequestId_createdAt_idx" ON "ReturnEvent"("returnRequestId", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnEvent_shopId_createdAt_idx" ON "ReturnEvent"("shopId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RefundAttempt_idempotencyKey_key" ON "RefundAttempt"("idempotencyKey");

-- CreateIndex
CREATE INDEX "RefundAttempt_shopId_status_idx" ON "RefundAttempt"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RefundAttempt_returnRequestId_stage_key" ON "RefundAttempt"("returnRequestId", "stage");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_status_receivedAt_idx" ON "WebhookDelivery"("shop", "status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_shop_dedupeKey_key" ON "WebhookDelivery"("shop", "dedupeKey");

-- CreateIndex
CREATE INDEX "ComplianceRequest_shop_createdAt_idx" ON "ComplianceRequest"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "RateLimit_shop_idx" ON "RateLimit"("shop");

-- AddForeignKey
ALTER TABLE "ReturnPolicy" ADD CONSTRAINT "ReturnPolicy_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnRequest" ADD CONSTRAINT "ReturnRequest_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnLine" ADD CONSTRAINT "ReturnLine_returnRequestId_fkey" FOREIGN KEY ("returnRequestId") REFERENCES "ReturnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnEvent" ADD CONSTRAINT "ReturnEvent_returnRequestId_fkey" FOREIGN KEY ("returnRequestId") REFERENCES "ReturnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefundAttempt" ADD CONSTRAINT "RefundAttempt_returnRequestId_fkey" FOREIGN KEY ("returnRequestId") REFERENCES "ReturnRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

