-- CreateTable
CREATE TABLE "StaffPreference" (
    "shop" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffPreference_pkey" PRIMARY KEY ("shop","userId")
);

