// Long exports give feedback (issue #9): the households and ledger export buttons show a busy state with the bytes
// (and, for CSV, rows) received, can be cancelled, and save the file under the server's name.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test.use({ viewport: { width: 1366, height: 900 } });

test("staff exports the registry as XLSX with progress, and it is the whole filtered registry", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  await page.locator("aside nav").getByRole("link", { name: "贫困户", exact: true }).click();
  await expect(page).toHaveURL(/\/households/);
  const status = page.getByTestId("download-status");
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 120_000 }),
    (async () => {
      await page.getByTestId("export-xlsx").click();
      await expect(status).toHaveAttribute("data-status", "busy");
      await expect(status).toContainText("正在导出");
    })(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^贫困户名册-\d{8}\.xlsx$/);
  await expect(status).toHaveAttribute("data-status", "done");
  await expect(status).toContainText(download.suggestedFilename());
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const list = await (await page.request.get("/api/v1/households?pageSize=20")).json();
  expect(sheet.rowCount).toBe(1 + list.total);
  expect(sheet.getRow(1).getCell(1).value).toBe("户编号");
  expect(sheet.getRow(1).font?.bold).toBe(true);
});

test("staff starts the whole ledger as CSV, sees rows arriving, and cancels it", async ({ page }) => {
  await signIn(page, "staff@rongshui.example");
  await page.locator("aside nav").getByRole("link", { name: "收入台账", exact: true }).click();
  await expect(page).toHaveURL(/\/income/);
  const status = page.getByTestId("download-status");
  await page.getByTestId("export-csv").click();
  await expect(status).toHaveAttribute("data-status", "busy");
  await expect(status).toContainText(/已接收 [\d.,]+ (KB|MB)/, { timeout: 60_000 });
  await expect(status).toContainText(/约 [\d,]+ 行/);
  await page.getByTestId("download-cancel").click();
  await expect(status).toHaveAttribute("data-status", "cancelled");
  await expect(status).toContainText("已取消导出");
});
