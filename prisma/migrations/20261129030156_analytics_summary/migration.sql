-- CreateTable
CREATE TABLE "AnalyticsDirty" (
    "returnRequestId" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "mark" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "AnalyticsSummaryState" (
    "shopId" TEXT NOT NULL PRIMARY KEY,
    "timeZone" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AnalyticsReturnFact" (
    "returnRequestId" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "processed" BOOLEAN NOT NULL,
    "refundAmount" INTEGER NOT NULL DEFAULT 0,
    "storeCreditAmount" INTEGER NOT NULL DEFAULT 0,
    "bonusCreditAmount" INTEGER NOT NULL DEFAULT 0,
    "exchangeAmount" INTEGER NOT NULL DEFAULT 0,
    "restockingFeeAmount" INTEGER NOT NULL DEFAULT 0,
    "returnShippingFee" INTEGER NOT NULL DEFAULT 0,
    "approvedDay" TEXT,
    "inTransitDay" TEXT,
    "receivedDay" TEXT,
    "processedDay" TEXT,
    "locationId" TEXT,
    "requestToReceived" INTEGER,
    "receivedToInspected" INTEGER,
    "inspectedToRefunded" INTEGER,
    "requestToRefunded" INTEGER,
    "receiptToRefund" INTEGER
);

-- CreateTable
CREATE TABLE "AnalyticsLineFact" (
    "returnLineId" TEXT NOT NULL PRIMARY KEY,
    "returnRequestId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL,
    "processed" BOOLEAN NOT NULL,
    "rmaNumber" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "currency" TEXT NOT NULL,
    "lineItemId" TEXT,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "reason" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "comment" TEXT,
    "hasComment" BOOLEAN NOT NULL DEFAULT false
);

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_day_counted_units_currency_processed_method_locationId_receivedDay_processedDay_requestToReceived_receivedToInspected_inspectedToRefunded_requestToRefunded_receiptToRefund_idx" ON "AnalyticsReturnFact"("shopId", "day", "counted", "units", "currency", "processed", "method", "locationId", "receivedDay", "processedDay", "requestToReceived", "receivedToInspected", "inspectedToRefunded", "requestToRefunded", "receiptToRefund");

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_status_idx" ON "AnalyticsReturnFact"("shopId", "status");

-- CreateIndex
CREATE INDEX "AnalyticsLineFact_returnRequestId_idx" ON "AnalyticsLineFact"("returnRequestId");

-- CreateIndex
CREATE INDEX "AnalyticsLineFact_shopId_day_counted_productId_variantId_reason_resolution_currency_quantity_unitPrice_processed_lineItemId_title_variantTitle_idx" ON "AnalyticsLineFact"("shopId", "day", "counted", "productId", "variantId", "reason", "resolution", "currency", "quantity", "unitPrice", "processed", "lineItemId", "title", "variantTitle");

-- CreateIndex
CREATE INDEX "AnalyticsLineFact_shopId_hasComment_day_idx" ON "AnalyticsLineFact"("shopId", "hasComment", "day");


-- Analytics summary maintenance: every change to a return or its lines marks the return
-- in "AnalyticsDirty" inside the same transaction; the app's refresh rewrites its facts.
CREATE TRIGGER "analytics_return_insert" AFTER INSERT ON "ReturnRequest" BEGIN
  INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (NEW."id", NEW."shopId")
  ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "mark" + 1;
END;
CREATE TRIGGER "analytics_return_update" AFTER UPDATE ON "ReturnRequest" BEGIN
  INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (NEW."id", NEW."shopId")
  ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "mark" + 1;
END;
CREATE TRIGGER "analytics_return_delete" AFTER DELETE ON "ReturnRequest" BEGIN
  DELETE FROM "AnalyticsReturnFact" WHERE "returnRequestId" = OLD."id";
  DELETE FROM "AnalyticsLineFact" WHERE "returnRequestId" = OLD."id";
END;
CREATE TRIGGER "analytics_line_insert" AFTER INSERT ON "ReturnLine" BEGIN
  INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (NEW."returnRequestId", NEW."shopId")
  ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "mark" + 1;
END;
CREATE TRIGGER "analytics_line_update" AFTER UPDATE ON "ReturnLine" BEGIN
  INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (NEW."returnRequestId", NEW."shopId")
  ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "mark" + 1;
END;
CREATE TRIGGER "analytics_line_delete" AFTER DELETE ON "ReturnLine" BEGIN
  INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (OLD."returnRequestId", OLD."shopId")
  ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "mark" + 1;
END;

-- Returns that exist already get their facts on the first refresh.
INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") SELECT "id", "shopId" FROM "ReturnRequest";
