-- Progress summaries (lib/progress/summaries.ts): derived from the income ledger and the sales, maintained in the
-- same transaction as every ledger and sale write, rebuilt in full by rebuildSummaries(). No foreign keys (caches).

-- CreateTable
CREATE TABLE "ProgressHouseholdEcom" (
    "householdId" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "firstMonth" INTEGER NOT NULL,
    "cumFen" BIGINT[],

    CONSTRAINT "ProgressHouseholdEcom_pkey" PRIMARY KEY ("householdId")
);

-- CreateTable
CREATE TABLE "ProgressHouseholdYear" (
    "householdId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "countyId" INTEGER NOT NULL,
    "incomeFen" BIGINT NOT NULL,
    "ecomFen" BIGINT NOT NULL,

    CONSTRAINT "ProgressHouseholdYear_pkey" PRIMARY KEY ("householdId","year")
);

-- CreateTable
CREATE TABLE "ProgressEcomMonth" (
    "countyId" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "source" "IncomeSource" NOT NULL,
    "amountFen" BIGINT NOT NULL,

    CONSTRAINT "ProgressEcomMonth_pkey" PRIMARY KEY ("countyId","month","stationId","source")
);

-- CreateTable
CREATE TABLE "ProgressSalesMonth" (
    "countyId" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,
    "productId" INTEGER NOT NULL,
    "channel" "Platform" NOT NULL,
    "sales" INTEGER NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "quantity" DECIMAL(16,3) NOT NULL,

    CONSTRAINT "ProgressSalesMonth_pkey" PRIMARY KEY ("countyId","month","stationId","productId","channel")
);

-- CreateIndex
CREATE INDEX "ProgressHouseholdEcom_countyId_idx" ON "ProgressHouseholdEcom"("countyId");

-- CreateIndex
CREATE INDEX "ProgressHouseholdYear_year_idx" ON "ProgressHouseholdYear"("year");

