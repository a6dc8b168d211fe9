-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'STAFF', 'OPERATOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "Region" AS ENUM ('WESTERN', 'OTHER');

-- CreateEnum
CREATE TYPE "StationLevel" AS ENUM ('TOWNSHIP', 'VILLAGE');

-- CreateEnum
CREATE TYPE "StationStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "StationService" AS ENUM ('PURCHASING', 'CONSIGNMENT', 'PARCELS', 'TRAINING', 'INFORMATION', 'FINANCE');

-- CreateEnum
CREATE TYPE "HouseholdStatus" AS ENUM ('POOR', 'EXITED', 'MONITORED');

-- CreateEnum
CREATE TYPE "HouseholdType" AS ENUM ('GENERAL', 'MINIMUM_INCOME', 'EXTREME_SUPPORT');

-- CreateEnum
CREATE TYPE "PovertyCause" AS ENUM ('ILLNESS', 'DISABILITY', 'SCHOOLING', 'DISASTER', 'NO_LAND', 'NO_WATER', 'NO_SKILLS', 'NO_LABOUR', 'NO_CAPITAL', 'POOR_TRANSPORT', 'WEAK_MOTIVATION');

-- CreateEnum
CREATE TYPE "IncomeCategory" AS ENUM ('WAGE', 'OPERATING', 'PROPERTY', 'TRANSFER');

-- CreateEnum
CREATE TYPE "IncomeSource" AS ENUM ('ECOMMERCE_SALE', 'STATION_JOB', 'MIGRANT_WORK', 'FARMING', 'SUBSIDY', 'DIVIDEND', 'OTHER');

-- CreateEnum
CREATE TYPE "ProductCategory" AS ENUM ('MUSHROOM', 'TEA', 'MEAT', 'GRAIN', 'VEGETABLE', 'OTHER');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('TAOBAO', 'JD', 'PINDUODUO', 'DOUYIN', 'WECHAT', 'OTHER');

-- CreateEnum
CREATE TYPE "ListingStatus" AS ENUM ('LISTED', 'DELISTED');

-- CreateTable
CREATE TABLE "County" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(12) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "nameEn" VARCHAR(100) NOT NULL,
    "region" "Region" NOT NULL DEFAULT 'WESTERN',

    CONSTRAINT "County_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Township" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(12) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "nameEn" VARCHAR(100) NOT NULL,
    "countyId" INTEGER NOT NULL,

    CONSTRAINT "Township_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Village" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(15) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "registeredPopulation" INTEGER NOT NULL,
    "isPoor" BOOLEAN NOT NULL DEFAULT false,
    "hasBroadband" BOOLEAN NOT NULL DEFAULT false,
    "hasAsphaltRoad" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Station" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "level" "StationLevel" NOT NULL,
    "countyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "villageId" INTEGER,
    "operatorName" VARCHAR(50) NOT NULL,
    "phone" VARCHAR(20),
    "openedOn" DATE NOT NULL,
    "status" "StationStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" VARCHAR(500),
    "services" "StationService"[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StationVillage" (
    "stationId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,

    CONSTRAINT "StationVillage_pkey" PRIMARY KEY ("stationId","villageId")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "countyId" INTEGER NOT NULL,
    "villageId" INTEGER NOT NULL,
    "stationId" INTEGER,
    "headName" VARCHAR(50) NOT NULL,
    "idNumber" VARCHAR(18),
    "phone" VARCHAR(20),
    "size" INTEGER NOT NULL,
    "type" "HouseholdType" NOT NULL,
    "causes" "PovertyCause"[],
    "status" "HouseholdStatus" NOT NULL DEFAULT 'POOR',
    "registeredYear" INTEGER NOT NULL,
    "exitYear" INTEGER,
    "foodClothingSecure" BOOLEAN NOT NULL DEFAULT false,
    "educationSecure" BOOLEAN NOT NULL DEFAULT false,
    "medicalSecure" BOOLEAN NOT NULL DEFAULT false,
    "housingSecure" BOOLEAN NOT NULL DEFAULT false,
    "waterSecure" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdStatusChange" (
    "id" SERIAL NOT NULL,
    "householdId" INTEGER NOT NULL,
    "fromStatus" "HouseholdStatus",
    "toStatus" "HouseholdStatus" NOT NULL,
    "year" INTEGER,
    "reason" VARCHAR(500) NOT NULL,
    "changedById" INTEGER,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HouseholdStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncomeEntry" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "stationId" INTEGER,
    "date" DATE NOT NULL,
    "category" "IncomeCategory" NOT NULL,
    "source" "IncomeSource" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "note" VARCHAR(500),
    "externalRef" VARCHAR(100),
    "saleId" INTEGER,
    "reversesId" INTEGER,
    "reversalReason" VARCHAR(500),
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncomeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "code" VARCHAR(30) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "nameEn" VARCHAR(100),
    "category" "ProductCategory" NOT NULL,
    "unit" VARCHAR(20) NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "stationId" INTEGER,
    "photoPath" VARCHAR(200),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductListing" (
    "id" SERIAL NOT NULL,
    "productId" INTEGER NOT NULL,
    "platform" "Platform" NOT NULL,
    "status" "ListingStatus" NOT NULL DEFAULT 'LISTED',
    "url" VARCHAR(500),
    "listedOn" DATE,

    CONSTRAINT "ProductListing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductSupplier" (
    "productId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,

    CONSTRAINT "ProductSupplier_pkey" PRIMARY KEY ("productId","householdId")
);

-- CreateTable
CREATE TABLE "Sale" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "channel" "Platform" NOT NULL,
    "date" DATE NOT NULL,
    "quantity" DECIMAL(12,3) NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "note" VARCHAR(500),
    "reversedAt" TIMESTAMP(3),
    "reversalReason" VARCHAR(500),
    "reversedById" INTEGER,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SaleSupplier" (
    "saleId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "payoutFen" INTEGER NOT NULL,

    CONSTRAINT "SaleSupplier_pkey" PRIMARY KEY ("saleId","householdId")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" SERIAL NOT NULL,
    "countyId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "topic" VARCHAR(200) NOT NULL,
    "attendeeCount" INTEGER NOT NULL DEFAULT 0,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttendee" (
    "trainingId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,

    CONSTRAINT "TrainingAttendee_pkey" PRIMARY KEY ("trainingId","householdId")
);

-- CreateTable
CREATE TABLE "PovertyLine" (
    "year" INTEGER NOT NULL,
    "fenPerPerson" INTEGER NOT NULL,
    "verified" BOOLEAN NOT NULL DEFAULT false,
    "note" VARCHAR(500),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PovertyLine_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "ExitThreshold" (
    "region" "Region" NOT NULL,
    "incidenceBelowPct" DECIMAL(5,2) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExitThreshold_pkey" PRIMARY KEY ("region")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "passwordHash" VARCHAR(200) NOT NULL,
    "role" "Role" NOT NULL,
    "stationId" INTEGER,
    "locale" VARCHAR(10) NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "tokenHash" VARCHAR(64) NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" INTEGER,
    "actor" VARCHAR(254) NOT NULL,
    "action" VARCHAR(50) NOT NULL,
    "entity" VARCHAR(50) NOT NULL,
    "entityId" VARCHAR(50),
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "County_code_key" ON "County"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Township_code_key" ON "Township"("code");

-- CreateIndex
CREATE INDEX "Township_countyId_idx" ON "Township"("countyId");

-- CreateIndex
CREATE UNIQUE INDEX "Village_code_key" ON "Village"("code");

-- CreateIndex
CREATE INDEX "Village_townshipId_idx" ON "Village"("townshipId");

-- CreateIndex
CREATE INDEX "Village_countyId_isPoor_idx" ON "Village"("countyId", "isPoor");

-- CreateIndex
CREATE UNIQUE INDEX "Station_code_key" ON "Station"("code");

-- CreateIndex
CREATE INDEX "Station_countyId_status_idx" ON "Station"("countyId", "status");

-- CreateIndex
CREATE INDEX "Station_townshipId_idx" ON "Station"("townshipId");

-- CreateIndex
CREATE INDEX "StationVillage_villageId_idx" ON "StationVillage"("villageId");

-- CreateIndex
CREATE UNIQUE INDEX "Household_code_key" ON "Household"("code");

-- CreateIndex
CREATE INDEX "Household_villageId_status_idx" ON "Household"("villageId", "status");

-- CreateIndex
CREATE INDEX "Household_stationId_status_idx" ON "Household"("stationId", "status");

-- CreateIndex
CREATE INDEX "Household_countyId_status_exitYear_idx" ON "Household"("countyId", "status", "exitYear");

-- CreateIndex
CREATE INDEX "Household_headName_idx" ON "Household"("headName");

-- CreateIndex
CREATE INDEX "HouseholdStatusChange_householdId_changedAt_idx" ON "HouseholdStatusChange"("householdId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncomeEntry_externalRef_key" ON "IncomeEntry"("externalRef");

-- CreateIndex
CREATE UNIQUE INDEX "IncomeEntry_reversesId_key" ON "IncomeEntry"("reversesId");

-- CreateIndex
CREATE INDEX "IncomeEntry_householdId_date_idx" ON "IncomeEntry"("householdId", "date");

-- CreateIndex
CREATE INDEX "IncomeEntry_countyId_date_idx" ON "IncomeEntry"("countyId", "date");

-- CreateIndex
CREATE INDEX "IncomeEntry_stationId_date_idx" ON "IncomeEntry"("stationId", "date");

-- CreateIndex
CREATE INDEX "IncomeEntry_saleId_idx" ON "IncomeEntry"("saleId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_code_key" ON "Product"("code");

-- CreateIndex
CREATE INDEX "Product_countyId_idx" ON "Product"("countyId");

-- CreateIndex
CREATE INDEX "Product_stationId_idx" ON "Product"("stationId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductListing_productId_platform_key" ON "ProductListing"("productId", "platform");

-- CreateIndex
CREATE INDEX "ProductSupplier_householdId_idx" ON "ProductSupplier"("householdId");

-- CreateIndex
CREATE INDEX "Sale_countyId_date_idx" ON "Sale"("countyId", "date");

-- CreateIndex
CREATE INDEX "Sale_stationId_date_idx" ON "Sale"("stationId", "date");

-- CreateIndex
CREATE INDEX "Sale_productId_date_idx" ON "Sale"("productId", "date");

-- CreateIndex
CREATE INDEX "SaleSupplier_householdId_idx" ON "SaleSupplier"("householdId");

-- CreateIndex
CREATE INDEX "TrainingSession_stationId_date_idx" ON "TrainingSession"("stationId", "date");

-- CreateIndex
CREATE INDEX "TrainingSession_countyId_date_idx" ON "TrainingSession"("countyId", "date");

-- CreateIndex
CREATE INDEX "TrainingAttendee_householdId_idx" ON "TrainingAttendee"("householdId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_stationId_idx" ON "User"("stationId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_userId_at_idx" ON "AuditLog"("userId", "at");

-- AddForeignKey
ALTER TABLE "Township" ADD CONSTRAINT "Township_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Village" ADD CONSTRAINT "Village_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Village" ADD CONSTRAINT "Village_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Station" ADD CONSTRAINT "Station_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Station" ADD CONSTRAINT "Station_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Station" ADD CONSTRAINT "Station_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StationVillage" ADD CONSTRAINT "StationVillage_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StationVillage" ADD CONSTRAINT "StationVillage_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "County"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdStatusChange" ADD CONSTRAINT "HouseholdStatusChange_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdStatusChange" ADD CONSTRAINT "HouseholdStatusChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncomeEntry" ADD CONSTRAINT "IncomeEntry_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncomeEntry" ADD CONSTRAINT "IncomeEntry_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncomeEntry" ADD CONSTRAINT "IncomeEntry_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "Sale"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncomeEntry" ADD CONSTRAINT "IncomeEntry_reversesId_fkey" FOREIGN KEY ("reversesId") REFERENCES "IncomeEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncomeEntry" ADD CONSTRAINT "IncomeEntry_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductListing" ADD CONSTRAINT "ProductListing_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductSupplier" ADD CONSTRAINT "ProductSupplier_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductSupplier" ADD CONSTRAINT "ProductSupplier_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sale" ADD CONSTRAINT "Sale_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sale" ADD CONSTRAINT "Sale_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sale" ADD CONSTRAINT "Sale_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sale" ADD CONSTRAINT "Sale_reversedById_fkey" FOREIGN KEY ("reversedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SaleSupplier" ADD CONSTRAINT "SaleSupplier_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "Sale"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SaleSupplier" ADD CONSTRAINT "SaleSupplier_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendee" ADD CONSTRAINT "TrainingAttendee_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAttendee" ADD CONSTRAINT "TrainingAttendee_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

