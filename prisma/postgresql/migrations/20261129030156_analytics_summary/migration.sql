-- CreateTable
CREATE TABLE "AnalyticsDirty" (
    "returnRequestId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "mark" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AnalyticsDirty_pkey" PRIMARY KEY ("returnRequestId")
);

-- CreateTable
CREATE TABLE "AnalyticsSummaryState" (
    "shopId" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,

    CONSTRAINT "AnalyticsSummaryState_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "AnalyticsReturnFact" (
    "returnRequestId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "processed" BOOLEAN NOT NULL,
    "refundAmount" BIGINT NOT NULL DEFAULT 0,
    "storeCreditAmount" BIGINT NOT NULL DEFAULT 0,
    "bonusCreditAmount" BIGINT NOT NULL DEFAULT 0,
    "exchangeAmount" BIGINT NOT NULL DEFAULT 0,
    "restockingFeeAmount" BIGINT NOT NULL DEFAULT 0,
    "returnShippingFee" BIGINT NOT NULL DEFAULT 0,
    "approvedDay" TEXT,
    "inTransitDay" TEXT,
    "receivedDay" TEXT,
    "processedDay" TEXT,
    "locationId" TEXT,
    "requestToReceived" INTEGER,
    "receivedToInspected" INTEGER,
    "inspectedToRefunded" INTEGER,
    "requestToRefunded" INTEGER,
    "receiptToRefund" INTEGER,

    CONSTRAINT "AnalyticsReturnFact_pkey" PRIMARY KEY ("returnRequestId")
);

-- CreateTable
CREATE TABLE "AnalyticsLineFact" (
    "returnLineId" TEXT NOT NULL,
    "returnRequestId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "counted" BOOLEAN NOT NULL,
    "processed" BOOLEAN NOT NULL,
    "rmaNumber" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "currency" TEXT NOT NULL,
    "lineItemId" TEXT,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT,
    "reason" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" BIGINT NOT NULL,
    "comment" TEXT,
    "hasComment" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AnalyticsLineFact_pkey" PRIMARY KEY ("returnLineId")
);

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_day_counted_units_currency_proce_idx" ON "AnalyticsReturnFact"("shopId", "day", "counted", "units", "currency", "processed", "method", "locationId", "receivedDay", "processedDay", "requestToReceived", "receivedToInspected", "inspectedToRefunded", "requestToRefunded", "receiptToRefund");

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_status_idx" ON "AnalyticsReturnFact"("shopId", "status");

-- CreateIndex
CREATE INDEX "AnalyticsLineFact_returnRequestId_idx" ON "AnalyticsLineFact"("returnRequestId");

-- CreateIndex
CREATE INDEX "AnalyticsLineFact_shopId_day_counted_productId_variantId_re_idx" ON "AnalyticsLineFact"("shopId", "day", "counted", "productId", "variantId", "reason", "resolution", "currency", "quantity", "unitPrice", "processed", "lineItemId", "title", "variantTitle");

-- CreateIndex
CREATE INDEX "AnalyticsLineFact_shopId_hasComment_day_idx" ON "AnalyticsLineFact"("shopId", "hasComment", "day");


-- Analytics summary maintenance: every change to a return or its lines marks the return
-- in "AnalyticsDirty" inside the same transaction; the app's refresh rewrites its facts.
CREATE FUNCTION "analytics_mark_dirty"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ReturnRequest' AND TG_OP = 'DELETE' THEN
    DELETE FROM "AnalyticsReturnFact" WHERE "returnRequestId" = OLD."id";
    DELETE FROM "AnalyticsLineFact" WHERE "returnRequestId" = OLD."id";
  ELSIF TG_TABLE_NAME = 'ReturnRequest' THEN
    INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (NEW."id", NEW."shopId")
    ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "AnalyticsDirty"."mark" + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (OLD."returnRequestId", OLD."shopId")
    ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "AnalyticsDirty"."mark" + 1;
  ELSE
    INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") VALUES (NEW."returnRequestId", NEW."shopId")
    ON CONFLICT ("returnRequestId") DO UPDATE SET "mark" = "AnalyticsDirty"."mark" + 1;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "analytics_return_changed" AFTER INSERT OR UPDATE OR DELETE ON "ReturnRequest"
  FOR EACH ROW EXECUTE FUNCTION "analytics_mark_dirty"();
CREATE TRIGGER "analytics_line_changed" AFTER INSERT OR UPDATE OR DELETE ON "ReturnLine"
  FOR EACH ROW EXECUTE FUNCTION "analytics_mark_dirty"();

-- Returns that exist already get their facts on the first refresh.
INSERT INTO "AnalyticsDirty" ("returnRequestId", "shopId") SELECT "id", "shopId" FROM "ReturnRequest";
