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
    "shopAmount" BIGINT NOT NULL,

    CONSTRAINT "SoldMonth_pkey" PRIMARY KEY ("shopId","month","productId","variantId","title","variantTitle")
);


-- Sold totals per UTC month, kept in the same transaction as every change to an order
-- line copy (insert, update, delete; an update is the old line leaving and the new one
-- arriving). "processedAt" holds UTC wall time. A key whose last line leaves is deleted.
CREATE FUNCTION "sold_month_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD."cancelled" THEN
    UPDATE "SoldMonth" SET "lines" = "lines" - 1, "quantity" = "quantity" - OLD."quantity", "shopAmount" = "shopAmount" - OLD."shopAmount"
    WHERE "shopId" = OLD."shopId" AND "month" = to_char(OLD."processedAt", 'YYYY-MM') AND "productId" = COALESCE(OLD."productId", '')
      AND "variantId" = COALESCE(OLD."variantId", '') AND "title" = OLD."title" AND "variantTitle" = COALESCE(OLD."variantTitle", '');
    DELETE FROM "SoldMonth" WHERE "lines" <= 0 AND "shopId" = OLD."shopId" AND "month" = to_char(OLD."processedAt", 'YYYY-MM')
      AND "productId" = COALESCE(OLD."productId", '') AND "variantId" = COALESCE(OLD."variantId", '') AND "title" = OLD."title"
      AND "variantTitle" = COALESCE(OLD."variantTitle", '');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW."cancelled" THEN
    INSERT INTO "SoldMonth" ("shopId", "month", "productId", "variantId", "title", "variantTitle", "lines", "quantity", "shopAmount")
    VALUES (NEW."shopId", to_char(NEW."processedAt", 'YYYY-MM'), COALESCE(NEW."productId", ''), COALESCE(NEW."variantId", ''), NEW."title", COALESCE(NEW."variantTitle", ''), 1, NEW."quantity", NEW."shopAmount")
    ON CONFLICT ("shopId", "month", "productId", "variantId", "title", "variantTitle") DO UPDATE SET
      "lines" = "SoldMonth"."lines" + 1, "quantity" = "SoldMonth"."quantity" + excluded."quantity", "shopAmount" = "SoldMonth"."shopAmount" + excluded."shopAmount";
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "sold_month_changed" AFTER INSERT OR UPDATE OR DELETE ON "OrderLineFact"
  FOR EACH ROW EXECUTE FUNCTION "sold_month_changed"();

-- Order lines copied already.
INSERT INTO "SoldMonth" ("shopId", "month", "productId", "variantId", "title", "variantTitle", "lines", "quantity", "shopAmount")
SELECT "shopId", to_char("processedAt", 'YYYY-MM'), COALESCE("productId", ''), COALESCE("variantId", ''), "title", COALESCE("variantTitle", ''), COUNT(*), SUM("quantity"), SUM("shopAmount")
FROM "OrderLineFact" WHERE NOT "cancelled"
GROUP BY 1, 2, 3, 4, 5, 6;
