-- CreateTable
CREATE TABLE "LookupTokenUse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "returnRequestId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "LookupTokenUse_expiresAt_idx" ON "LookupTokenUse"("expiresAt");

-- CreateIndex
CREATE INDEX "LookupTokenUse_shop_idx" ON "LookupTokenUse"("shop");

