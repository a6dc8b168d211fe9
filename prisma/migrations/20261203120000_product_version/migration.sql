-- Optimistic locking for products, as for households and stations (updateProduct checks and bumps it).
ALTER TABLE "Product" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
