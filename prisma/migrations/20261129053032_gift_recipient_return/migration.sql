-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReturnRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "policyVersion" INTEGER,
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "attentionReason" TEXT,
    "statusToken" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" DATETIME,
    "declinedAt" DATETIME,
    "inTransitAt" DATETIME,
    "receivedAt" DATETIME,
    "inspectedAt" DATETIME,
    "processedAt" DATETIME,
    "closedAt" DATETIME,
    "canceledAt" DATETIME,
    "refundDeadline" DATETIME,
    "pickupAddress" TEXT,
    "pickupDateFrom" TEXT,
    "pickupDateTo" TEXT,
    "refundEtaFrom" DATETIME,
    "refundEtaTo" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdByStaff" TEXT,
    "overrideReason" TEXT,
    "overrideBy" TEXT,
    "overrideAt" DATETIME,
    "overrideCodes" TEXT,
    "gift" BOOLEAN NOT NULL DEFAULT false,
    "giftRecipientName" TEXT,
    "giftRecipientEmail" TEXT,
    "giftByRecipient" BOOLEAN NOT NULL DEFAULT false,
    "giftAddress" TEXT,
    CONSTRAINT "ReturnRequest_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReturnRequest" ("approvedAt", "attentionReason", "autoApproved", "bonusCreditAmount", "canceledAt", "carrierName", "closedAt", "createdAt", "createdByStaff", "currency", "customerEmail", "customerId", "customerName", "declineNote", "declineReason", "declinedAt", "euWithdrawal", "exchangeAmount", "gift", "giftRecipientEmail", "giftRecipientName", "id", "inTransitAt", "inspectedAt", "labelUrl", "locale", "method", "needsAttention", "orderId", "orderName", "overrideAt", "overrideBy", "overrideCodes", "overrideReason", "paymentGateways", "pickupAddress", "pickupDateFrom", "pickupDateTo", "policyVersion", "processedAt", "receivedAt", "refundAmount", "refundDeadline", "refundEtaFrom", "refundEtaTo", "requestedAt", "restockingFeeAmount", "returnShippingFee", "rmaNumber", "shopId", "shopifyReturnId", "shopifyReturnName", "shopifyStatus", "status", "statusToken", "storeCreditAmount", "storeCreditConsent", "trackingNumber", "trackingUrl", "updatedAt", "version") SELECT "approvedAt", "attentionReason", "autoApproved", "bonusCreditAmount", "canceledAt", "carrierName", "closedAt", "createdAt", "createdByStaff", "currency", "customerEmail", "customerId", "customerName", "declineNote", "declineReason", "declinedAt", "euWithdrawal", "exchangeAmount", "gift", "giftRecipientEmail", "giftRecipientName", "id", "inTransitAt", "inspectedAt", "labelUrl", "locale", "method", "needsAttention", "orderId", "orderName", "overrideAt", "overrideBy", "overrideCodes", "overrideReason", "paymentGateways", "pickupAddress", "pickupDateFrom", "pickupDateTo", "policyVersion", "processedAt", "receivedAt", "refundAmount", "refundDeadline", "refundEtaFrom", "refundEtaTo", "requestedAt", "restockingFeeAmount", "returnShippingFee", "rmaNumber", "shopId", "shopifyReturnId", "shopifyReturnName", "shopifyStatus", "status", "statusToken", "storeCreditAmount", "storeCreditConsent", "trackingNumber", "trackingUrl", "updatedAt", "version" FROM "ReturnRequest";
DROP TABLE "ReturnRequest";
ALTER TABLE "new_ReturnRequest" RENAME TO "ReturnRequest";
CREATE UNIQUE INDEX "ReturnRequest_statusToken_key" ON "ReturnRequest"("statusToken");
CREATE INDEX "ReturnRequest_shopId_status_createdAt_idx" ON "ReturnRequest"("shopId", "status", "createdAt");
CREATE INDEX "ReturnRequest_shopId_createdAt_idx" ON "ReturnRequest"("shopId", "createdAt");
CREATE INDEX "ReturnRequest_shopId_needsAttention_createdAt_idx" ON "ReturnRequest"("shopId", "needsAttention", "createdAt");
CREATE INDEX "ReturnRequest_shopId_orderName_idx" ON "ReturnRequest"("shopId", "orderName");
CREATE INDEX "ReturnRequest_shopId_customerEmail_idx" ON "ReturnRequest"("shopId", "customerEmail");
CREATE INDEX "ReturnRequest_shopId_customerId_idx" ON "ReturnRequest"("shopId", "customerId");
CREATE INDEX "ReturnRequest_shopId_orderId_idx" ON "ReturnRequest"("shopId", "orderId");
CREATE INDEX "ReturnRequest_shopId_requestedAt_idx" ON "ReturnRequest"("shopId", "requestedAt");
CREATE INDEX "ReturnRequest_shopId_status_requestedAt_idx" ON "ReturnRequest"("shopId", "status", "requestedAt");
CREATE INDEX "ReturnRequest_shopId_method_requestedAt_idx" ON "ReturnRequest"("shopId", "method", "requestedAt");
CREATE INDEX "ReturnRequest_shopId_needsAttention_requestedAt_idx" ON "ReturnRequest"("shopId", "needsAttention", "requestedAt");
CREATE INDEX "ReturnRequest_shopId_status_receivedAt_idx" ON "ReturnRequest"("shopId", "status", "receivedAt");
CREATE UNIQUE INDEX "ReturnRequest_shopId_rmaNumber_key" ON "ReturnRequest"("shopId", "rmaNumber");
CREATE UNIQUE INDEX "ReturnRequest_shopId_shopifyReturnId_key" ON "ReturnRequest"("shopId", "shopifyReturnId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

