-- DropIndex
DROP INDEX "ReturnLine_returnRequestId_idx";

-- CreateIndex
CREATE INDEX "ReturnLine_returnRequestId_reasonHandle_resolution_dispositionLocationId_idx" ON "ReturnLine"("returnRequestId", "reasonHandle", "resolution", "dispositionLocationId");

