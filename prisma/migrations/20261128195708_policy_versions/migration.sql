-- AlterTable
ALTER TABLE "ReturnRequest" ADD COLUMN "policyVersion" INTEGER;

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "changes" TEXT NOT NULL DEFAULT '[]',
    "actorId" TEXT,
    "actorName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PolicyVersion_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReturnPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "document" TEXT NOT NULL,
    "publishedVersion" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReturnPolicy_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReturnPolicy" ("createdAt", "document", "id", "shopId", "updatedAt", "version") SELECT "createdAt", "document", "id", "shopId", "updatedAt", "version" FROM "ReturnPolicy";
DROP TABLE "ReturnPolicy";
ALTER TABLE "new_ReturnPolicy" RENAME TO "ReturnPolicy";
CREATE UNIQUE INDEX "ReturnPolicy_shopId_key" ON "ReturnPolicy"("shopId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PolicyVersion_shopId_createdAt_idx" ON "PolicyVersion"("shopId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_shopId_version_key" ON "PolicyVersion"("shopId", "version");

