-- CreateTable
CREATE TABLE "SoldMonth" (
    "shopId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "variantTitle" TEXT NOT NULL,
    "lines" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "shopAmount" INTEGER NOT NULL,

    PRIMARY KEY ("shopId", "month", "productId", "variantId", "title", "variantTitle")
);


-- Sold totals per UTC month, kept in the same transaction as every change to an order
-- line copy (insert, update, delete). Months are the first 7 characters of the ISO text
-- Prisma stores (always UTC). A key whose last line leaves is deleted.
CREATE TRIGGER "sold_month_insert" AFTER INSERT ON "OrderLineFact" WHEN NOT NEW."cancelled" BEGIN
  INSERT INTO "SoldMonth" ("shopId", "month", "productId", "variantId", "title", "variantTitle", "lines", "quantity", "shopAmount")
  VALUES (NEW."shopId", substr(NEW."processedAt", 1, 7), COALESCE(NEW."productId", ''), COALESCE(NEW."variantId", ''), NEW."title", COALESCE(NEW."variantTitle", ''), 1, NEW."quantity", NEW."shopAmount")
  ON CONFLICT ("shopId", "month", "productId", "variantId", "title", "variantTitle") DO UPDATE SET
    "lines" = "lines" + 1, "quantity" = "quantity" + excluded."quantity", "shopAmount" = "shopAmount" + excluded."shopAmount";
END;
CREATE TRIGGER "sold_month_delete" AFTER DELETE ON "OrderLineFact" WHEN NOT OLD."cancelled" BEGIN
  UPDATE "SoldMonth" SET "lines" = "lines" - 1, "quantity" = "quantity" - OLD."quantity", "shopAmount" = "shopAmount" - OLD."shopAmount"
  WHERE "shopId" = OLD."shopId" AND "month" = substr(OLD."processedAt", 1, 7) AND "productId" = COALESCE(OLD."productId", '')
    AND "variantId" = COALESCE(OLD."variantId", '') AND "title" = OLD."title" AND "variantTitle" = COALESCE(OLD."variantTitle", '');
  DELETE FROM "SoldMonth" WHERE "lines" <= 0 AND "shopId" = OLD."shopId" AND "month" = substr(OLD."processedAt", 1, 7)
    AND "productId" = COALESCE(OLD."productId", '') AND "variantId" = COALESCE(OLD."variantId", '') AND "title" = OLD."title"
    AND "variantTitle" = COALESCE(OLD."variantTitle", '');
END;
-- An update is the old line leaving and the new one arriving.
CREATE TRIGGER "sold_month_update_old" AFTER UPDATE ON "OrderLineFact" WHEN NOT OLD."cancelled" BEGIN
  UPDATE "SoldMonth" SET "lines" = "lines" - 1, "quantity" = "quantity" - OLD."quantity", "shopAmount" = "shopAmount" - OLD."shopAmount"
  WHERE "shopId" = OLD."shopId" AND "month" = substr(OLD."processedAt", 1, 7) AND "productId" = COALESCE(OLD."productId", '')
    AND "variantId" = COALESCE(OLD."variantId", '') AND "title" = OLD."title" AND "variantTitle" = COALESCE(OLD."variantTitle", '');
  DELETE FROM "SoldMonth" WHERE "lines" <= 0 AND "shopId" = OLD."shopId" AND "month" = substr(OLD."processedAt", 1, 7)
    AND "productId" = COALESCE(OLD."productId", '') AND "variantId" = COALESCE(OLD."variantId", '') AND "title" = OLD."title"
    AND "variantTitle" = COALESCE(OLD."variantTitle", '');
END;
CREATE TRIGGER "sold_month_update_new" AFTER UPDATE ON "OrderLineFact" WHEN NOT NEW."cancelled" BEGIN
  INSERT INTO "SoldMonth" ("shopId", "month", "productId", "variantId", "title", "variantTitle", "lines", "quantity", "shopAmount")
  VALUES (NEW."shopId", substr(NEW."processedAt", 1, 7), COALESCE(NEW."productId", ''), COALESCE(NEW."variantId", ''), NEW."title", COALESCE(NEW."variantTitle", ''), 1, NEW."quantity", NEW."shopAmount")
  ON CONFLICT ("shopId", "month", "productId", "variantId", "title", "variantTitle") DO UPDATE SET
    "lines" = "lines" + 1, "quantity" = "quantity" + excluded."quantity", "shopAmount" = "shopAmount" + excluded."shopAmount";
END;

-- Order lines copied already.
INSERT INTO "SoldMonth" ("shopId", "month", "productId", "variantId", "title", "variantTitle", "lines", "quantity", "shopAmount")
SELECT "shopId", substr("processedAt", 1, 7), COALESCE("productId", ''), COALESCE("variantId", ''), "title", COALESCE("variantTitle", ''), COUNT(*), SUM("quantity"), SUM("shopAmount")
FROM "OrderLineFact" WHERE NOT "cancelled"
GROUP BY "shopId", substr("processedAt", 1, 7), COALESCE("productId", ''), COALESCE("variantId", ''), "title", COALESCE("variantTitle", '');
