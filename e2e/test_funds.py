"""Union funds in real headless Chromium on the demo: the overview's figures link to their records; a receipt with a
negative payroll is refused beside its field and then recorded; its reversal asks first; the third quarter's return
batch waits for a second person — the maker is told so, the reviewer finds it on the home page's to-do list and
approves it; the arrears export opens with openpyxl with money as numbers. The overview, the arrears and a return batch
are shown at phone width (390 px) without sideways scrolling. A union officer's festival gift over the province's
standard is refused with the standard named beside the amount; within it, over the union's budget it needs its reason
and waits for a second person. Screenshots go to
e2e/artifacts/ (53-*.png to 60-*.png)."""
import io

import openpyxl
import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DESKTOP, PHONE, shot, sign_in, union_today

PASSWORD = "Gonghui#2026fund"


def wait_for(d, element_id):
    return WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def settle(d, element_id, text):
    WebDriverWait(d, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda drv: text in drv.find_element(By.ID, element_id).text)


def test_dues_receipts_arrears_and_a_return_approved_by_a_second_person(server, browser):
    d, url = browser, server["url"]
    d.set_window_size(*DESKTOP)
    sign_in(d, url, "staff", server["accounts"]["staff"], PASSWORD)
    today = union_today()

    d.get(url + "/funds")
    figures = wait_for(d, "figures")
    assert "缴交工会经费的企业" in figures.text and "月均缴费" in figures.text
    link = figures.find_element(By.CSS_SELECTOR, "a.card").get_attribute("href")
    assert "/indicators/funds.payingEmployers" in link, "each figure opens its records"
    shot(d, "53-funds-desktop.png")

    # A receipt: a negative payroll refused beside its field, then recorded.
    d.find_element(By.ID, "new-receipt").click()
    Select(wait_for(d, "employerId")).select_by_index(1)
    d.find_element(By.ID, "base").send_keys("-50000")
    d.find_element(By.ID, "receipt-form").submit()
    settle(d, "base-error", "不能为负数")
    shot(d, "54-receipt-refused-desktop.png")
    base = d.find_element(By.ID, "base")
    base.clear()
    base.send_keys("50000")
    d.find_element(By.ID, "receipt-form").submit()
    settle(d, "flash", "已登记到账 1,000.00元")

    # Taken back: asked first, then a negative entry.
    d.find_element(By.ID, "reverse-reason").send_keys("重复登记")
    d.find_element(By.ID, "reverse-form-submit").click()
    assert "冲销记一笔负数" in wait_for(d, "confirm").text
    d.find_element(By.ID, "confirm-yes").click()
    settle(d, "flash", "已冲销")

    # The third quarter's return batch: its maker may not approve it.
    d.get(url + "/funds/returns")
    wait_for(d, "returns").find_element(By.PARTIAL_LINK_TEXT, "FH").click()
    assert "须由另一名干部审核" in wait_for(d, "main").text
    assert not d.find_elements(By.ID, "pay-form")
    batch = d.current_url

    # The arrears list exports with money as numbers.
    cookies = {c["name"]: c["value"] for c in d.get_cookies()}
    got = requests.get(url + "/funds/arrears.xlsx", cookies=cookies, timeout=30)
    assert got.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(got.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "单位名称" and len(rows) > 1
    assert isinstance(rows[1][4], (int, float)) and rows[1][4] > 0

    # The reviewer finds it on the to-do list and approves it (asked first).
    sign_in(d, url, "reviewer", server["accounts"]["reviewer"], PASSWORD)
    d.get(url + "/")
    wait_for(d, "work-funds-returns").find_element(By.CSS_SELECTOR, "a").click()
    d.get(batch)
    Select(wait_for(d, "pay-status")).select_by_value("returned")
    d.find_element(By.ID, "pay-form-submit").click()
    assert "拨付后不能撤销" in wait_for(d, "confirm").text
    shot(d, "55-return-confirm-desktop.png")
    d.find_element(By.ID, "confirm-yes").click()
    settle(d, "flash", "已审核拨付")
    assert "已回拨" in d.find_element(By.ID, "facts").text
    assert today.isoformat() in d.find_element(By.ID, "facts").text

    d.set_window_size(*PHONE)
    for page, name in ((url + "/funds", "56-funds-phone.png"), (url + "/funds/arrears", "57-arrears-phone.png"), (batch, "58-return-phone.png")):
        d.get(page)
        wait_for(d, "main")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 392, f"nothing scrolls sideways on {page}"
        shot(d, name)
    d.set_window_size(*DESKTOP)

    # A union's books: a festival gift over the province's standard is refused with the standard named, beside the amount.
    sign_in(d, url, "officer", server["accounts"]["officer"], PASSWORD)
    d.get(url + "/funds/books")
    wait_for(d, "budget-lines")
    d.find_element(By.ID, "new-welfare").click()
    Select(wait_for(d, "welfare")).select_by_value("festival")
    d.find_element(By.ID, "people").send_keys("10")
    Select(d.find_element(By.ID, "category")).select_by_value("activities")
    d.find_element(By.ID, "amount").send_keys("20000")
    d.find_element(By.ID, "description").send_keys("元旦慰问品")
    d.find_element(By.ID, "entry-form").submit()
    settle(d, "amount-error", "超过节日慰问标准：每人每年不超过1500元")
    shot(d, "59-welfare-cap-refused-desktop.png")
    # Within the standard, but this union's activities budget is spent: over it with its reason, for a second person.
    amount = d.find_element(By.ID, "amount")
    amount.clear()
    amount.send_keys("2000")
    d.find_element(By.ID, "entry-form").submit()
    settle(d, "overReason-error", "超出本年度预算")
    d.find_element(By.ID, "overReason").send_keys("元旦慰问经工会委员会研究同意")
    d.find_element(By.ID, "entry-form").submit()
    settle(d, "flash", "待另一人审批后入账")
    assert "待审批" in d.find_element(By.ID, "facts").text

    d.set_window_size(*PHONE)
    d.get(url + "/funds/books")
    wait_for(d, "budget-lines")
    assert d.execute_script("return document.documentElement.scrollWidth") <= 392, "nothing scrolls sideways on the books"
    shot(d, "60-books-phone.png")
    d.set_window_size(*DESKTOP)
