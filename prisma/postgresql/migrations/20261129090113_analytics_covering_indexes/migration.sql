-- DropIndex
DROP INDEX "AnalyticsReturnFact_shopId_day_counted_units_currency_proce_idx";

-- DropIndex
DROP INDEX "AnalyticsReturnFact_shopId_status_idx";

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_day_counted_units_currency_proce_idx" ON "AnalyticsReturnFact"("shopId", "day", "counted", "units", "currency", "processed", "method", "locationId", "receivedDay", "processedDay", "requestToReceived", "receivedToInspected", "inspectedToRefunded", "requestToRefunded", "receiptToRefund", "refundAmount", "storeCreditAmount", "bonusCreditAmount", "exchangeAmount", "restockingFeeAmount", "returnShippingFee");

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_status_method_approvedDay_inTran_idx" ON "AnalyticsReturnFact"("shopId", "status", "method", "approvedDay", "inTransitDay", "locationId", "units");

