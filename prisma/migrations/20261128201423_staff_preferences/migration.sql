-- CreateTable
CREATE TABLE "StaffPreference" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "userId")
);

