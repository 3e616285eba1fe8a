-- CreateTable
CREATE TABLE "LookupTokenUse" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "returnRequestId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LookupTokenUse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LookupTokenUse_expiresAt_idx" ON "LookupTokenUse"("expiresAt");

-- CreateIndex
CREATE INDEX "LookupTokenUse_shop_idx" ON "LookupTokenUse"("shop");

