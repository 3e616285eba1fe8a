-- DropIndex
DROP INDEX "AnalyticsReturnFact_shopId_day_counted_units_currency_processed_method_locationId_receivedDay_processedDay_requestToReceived_receivedToInspected_inspectedToRefunded_requestToRefunded_receiptToRefund_idx";

-- DropIndex
DROP INDEX "AnalyticsReturnFact_shopId_status_idx";

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_day_counted_units_currency_processed_method_locationId_receivedDay_processedDay_requestToReceived_receivedToInspected_inspectedToRefunded_requestToRefunded_receiptToRefund_refundAmount_storeCreditAmount_bonusCreditAmount_exchangeAmount_restockingFeeAmount_returnShippingFee_idx" ON "AnalyticsReturnFact"("shopId", "day", "counted", "units", "currency", "processed", "method", "locationId", "receivedDay", "processedDay", "requestToReceived", "receivedToInspected", "inspectedToRefunded", "requestToRefunded", "receiptToRefund", "refundAmount", "storeCreditAmount", "bonusCreditAmount", "exchangeAmount", "restockingFeeAmount", "returnShippingFee");

-- CreateIndex
CREATE INDEX "AnalyticsReturnFact_shopId_status_method_approvedDay_inTransitDay_locationId_units_idx" ON "AnalyticsReturnFact"("shopId", "status", "method", "approvedDay", "inTransitDay", "locationId", "units");

