// Households (建档立卡): one file per concern, re-exported here.
export { householdScope, readableHousehold } from "./access";
export { allHouseholdRows, householdRowBatches, listHouseholds, placeOptions, searchHouseholds, type HouseholdListRow } from "./registry";
export { createHousehold, getHousehold, nextHouseholdCode, updateHousehold, type HouseholdDetail } from "./profile";
export { assessHousehold, householdYears, incomeByYear, yearsFor } from "./years";
export { changeHouseholdStatus } from "./status";
export { householdCode, householdSerial, nextCodeAfter } from "./codes";
