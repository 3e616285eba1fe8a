-- DropIndex
DROP INDEX "OrderLineFact_shopId_processedAt_idx";

-- CreateIndex
CREATE INDEX "OrderLineFact_shopId_processedAt_cancelled_productId_variantId_quantity_shopAmount_title_variantTitle_idx" ON "OrderLineFact"("shopId", "processedAt", "cancelled", "productId", "variantId", "quantity", "shopAmount", "title", "variantTitle");

