"""A cadre's day in real headless Chromium, at desktop width (1366×900) and on a phone (390×844), on the demo:

the union officer sees their work, adds a member and applies for 临时救助 without a required document, is refused at
the top of the page, changes the draft and submits it; federation staff review it and pay it through the confirmation
page; a petition is accepted, extended by 40 days (refused beside the field), then by 30, answered, and its 答复意见书
printed to an A4 PDF; the 公示 prints to A4 too; the work summary is finalised through its confirmation. On the phone the
menu folds, headings stand above their buttons, lists read as cards and touch targets are 44 px. Workbooks are opened
with openpyxl: template columns are text, amounts are numbers. Screenshots go to e2e/artifacts/ (2x-*.png).
"""
import base64
import io
import unicodedata

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DESKTOP, PHONE, id_number, shot, sign_in

PASSWORD = "Gonghui#2026day"
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def day(server, browser):
    """Signs the demo's people in once each (setting their own password), then hands out a sign-in by role."""
    changed = set()

    def as_user(name):
        password = PASSWORD if name in changed else server["accounts"][name]
        sign_in(browser, server["url"], name, password, PASSWORD)
        changed.add(name)

    return as_user


def wait_for(d, element_id):
    return WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def text_of(d, element_id):
    return d.find_element(By.ID, element_id).text


def settle(d, element_id, text):
    """Waits, across the page a click loads, until the element says `text`."""
    # Between the two pages the element may be stale, missing or detached: all are WebDriverExceptions, tried again.
    WebDriverWait(d, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda drv: text in drv.find_element(By.ID, element_id).text)


def pdf_of(d):
    """The page printed by Chromium on A4, as pypdf reads it."""
    import pypdf
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    return pypdf.PdfReader(io.BytesIO(base64.b64decode(d.print_page(options))))


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_cadres_day(server, browser, day, width):
    d, url = browser, server["url"]
    d.set_window_size(*WIDTHS[width])
    n = 1 if width == "desktop" else 2

    # The officer's home page is their work; a new member, then a relief application missing a document.
    day("officer")
    d.get(url + "/")
    assert d.find_elements(By.ID, "work") or d.find_elements(By.ID, "work-none")
    shot(d, f"20-officer-home-{width}.png")
    d.get(url + "/members/new")
    d.find_element(By.ID, "name").send_keys(f"欧阳测试{n}")
    d.find_element(By.ID, "idNumber").send_keys(id_number(f"44060619900{n}01234"))
    d.find_element(By.ID, "save").click()
    settle(d, "flash", "已保存")
    card = text_of(d, "field-cardNumber")
    d.get(url + "/relief/applications/new")
    rounds = Select(d.find_element(By.ID, "roundId"))
    rounds.select_by_visible_text(next(o.text for o in rounds.options if "临时救助" in o.text))
    d.find_element(By.ID, "save").click()
    wait_for(d, "member").send_keys(card)
    assert not d.find_elements(By.ID, "schoolLevel") and not d.find_elements(By.ID, "coveredCost")
    d.find_element(By.ID, "suddenCause").click()
    d.find_element(By.ID, "note").send_keys("家中突发火灾，房屋受损")
    shot(d, f"21-relief-form-{width}.png")
    d.find_element(By.ID, "save").click()
    settle(d, "flash", "已保存申请")
    application = d.current_url
    d.find_element(By.ID, "submit").click()
    problems = wait_for(d, "problems")
    assert "提交前请补齐申请材料" in problems.text
    assert d.switch_to.active_element.get_attribute("id") == "problems", "the refusal is brought into view and focused"
    shot(d, f"22-relief-refused-{width}.png")
    d.find_element(By.ID, "edit").click()
    for box in d.find_elements(By.CSS_SELECTOR, "#documents input[type=checkbox]"):
        if not box.is_selected():
            box.click()
    d.find_element(By.ID, "save").click()
    settle(d, "flash", "已保存修改")
    d.find_element(By.ID, "submit").click()
    settle(d, "state", "已提交待审核")

    # Federation staff review it from their work list and pay it through the confirmation page.
    day("staff")
    d.get(url + "/")
    assert int(d.find_element(By.CSS_SELECTOR, "#work-relief-submitted .work-count").text) >= 1
    shot(d, f"23-staff-home-{width}.png")
    d.get(application)
    d.find_element(By.ID, "reason").send_keys("核实属实")
    d.find_element(By.ID, "approve").click()
    settle(d, "state", "审核通过")
    d.find_element(By.ID, "pay").click()
    confirm = wait_for(d, "confirm")
    assert "发放" in confirm.text and "不能修改" in confirm.text
    shot(d, f"23-relief-pay-confirm-{width}.png")
    d.find_element(By.ID, "confirm-yes").click()
    settle(d, "state", "已发放")
    settle(d, "flash", "已发放")

    # A petition: accepted, extended by 40 days (refused beside the field), then 30, answered, its letter printed.
    d.get(url + "/petitions/new")
    Select(d.find_element(By.ID, "source")).select_by_value("visit")
    d.find_element(By.ID, "petitionerName").send_keys(f"孙测试{n}")
    d.find_element(By.ID, "petitionerPhone").send_keys("13711114444")
    Select(d.find_element(By.ID, "category")).select_by_value("wages")
    d.find_element(By.ID, "summary").send_keys("5名职工反映被拖欠两个月工资")
    handler_b = Select(d.find_element(By.ID, "handlerB"))
    handler_b.select_by_visible_text(next(o.text for o in handler_b.options if "副主席" in o.text))
    d.find_element(By.ID, "save").click()
    wait_for(d, "accept-form")
    d.find_element(By.ID, "step-accept").click()
    settle(d, "flash", "已办理：受理")
    d.find_element(By.ID, "extend-days").send_keys("40")
    d.find_element(By.ID, "extend-reason").send_keys("涉及多家分包企业，需协调")
    d.find_element(By.ID, "extend-approver").send_keys("王主席")
    d.find_element(By.ID, "step-extend").click()
    assert "延长天数应为1到30天" in wait_for(d, "problems").text
    assert "延长天数应为1到30天" in text_of(d, "extend-days-error")
    assert d.find_element(By.ID, "extend-reason").get_attribute("value") == "涉及多家分包企业，需协调"
    shot(d, f"24-petition-extend-refused-{width}.png")
    days = d.find_element(By.ID, "extend-days")
    days.clear()
    days.send_keys("30")
    d.find_element(By.ID, "step-extend").click()
    settle(d, "flash", "已办理：延长办理期限")
    d.find_element(By.ID, "reply-summary").send_keys("经协调，企业已足额支付拖欠工资。")
    d.find_element(By.ID, "reply-reference").send_keys(f"示工信复〔2026〕{n}号")
    d.find_element(By.ID, "step-reply").click()
    settle(d, "flash", "已办理：书面答复")
    d.find_element(By.LINK_TEXT, "答复意见书").click()
    letter = wait_for(d, "letter")
    assert "信访事项答复意见书" in letter.text and "30日内" in letter.text
    shot(d, f"25-petition-letter-{width}.png")
    pdf = pdf_of(d)
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "A4"
    # pypdf reads some ideographs of Noto CJK back as Kangxi radicals (⼯ for 工): NFKC folds those.
    words = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in pdf.pages)).replace(" ", "").replace("\n", "")
    assert "信访事项答复意" in words and "盖章" in words and "工会工作台" not in words, "the letter alone, without the menu"

    if width == "phone":
        check_phone_layout(d, url)
    else:
        # The 公示 of a round prints on A4 with its period and who takes objections.
        d.get(url + "/relief")
        d.find_element(By.CSS_SELECTOR, "#rounds tbody tr a").click()
        d.find_element(By.ID, "notice").click()
        notice = wait_for(d, "notice").text
        assert "公示期自" in notice and "实名反映" in notice and "（盖章）" in notice
        assert abs(float(pdf_of(d).pages[0].mediabox.height) - 841.9) < 2
        shot(d, "26-relief-notice.png")
        # The summary is finalised only through its confirmation.
        d.get(url + "/reports/summary?year=2026")
        d.find_element(By.ID, "finalize").click()
        assert "不能修改或撤回" in wait_for(d, "confirm").text
        shot(d, "27-summary-finalize-confirm.png")
        d.find_element(By.ID, "confirm-yes").click()
        settle(d, "flash", "已定稿上报")


def check_phone_layout(d, url):
    """At 390 px: the menu folds behind one button, headings stand above their buttons, lists read as cards, and
    what is tapped is at least 44 px high."""
    d.get(url + "/relief/applications")
    nav = d.find_element(By.CSS_SELECTOR, "header nav")
    assert not nav.is_displayed()
    button = d.find_element(By.CSS_SELECTOR, "label.menu-button")
    assert button.size["height"] >= 44
    button.click()
    assert nav.is_displayed()
    links = nav.find_elements(By.TAG_NAME, "a")
    assert all(a.size["height"] >= 44 for a in links)
    assert all(a.size["height"] < 60 for a in links), "no menu entry wraps inside its word"
    shot(d, "28-phone-menu.png")
    d.get(url + "/relief/applications")
    cell = d.find_element(By.CSS_SELECTOR, "#applications tbody tr td")
    assert cell.get_attribute("data-label") and cell.value_of_css_property("display") != "table-cell"
    assert d.execute_script("return document.documentElement.scrollWidth") <= 392, "nothing scrolls sideways"
    shot(d, "29-phone-list-as-cards.png")
    d.get(url + "/employers")
    heading = d.find_element(By.CSS_SELECTOR, ".heading h1")
    first_button = d.find_element(By.CSS_SELECTOR, ".heading .button")
    assert heading.location["y"] + heading.size["height"] <= first_button.location["y"] + 1, "the heading stands above"
    assert heading.size["height"] < 60, "the heading is one line, not a column of characters"
    shot(d, "30-phone-heading.png")


def test_workbooks_open_as_excel_users_expect(server, browser, day):
    """The member template's ID and phone columns are text all the way down; the bank list's amounts are numbers."""
    import openpyxl
    import requests
    d, url = browser, server["url"]
    d.set_window_size(*DESKTOP)
    day("staff")
    cookies = {c["name"]: c["value"] for c in d.get_cookies()}
    r = requests.get(url + "/members/template", cookies=cookies, timeout=30)
    sheet = openpyxl.load_workbook(io.BytesIO(r.content))["会员名册"]
    header = [c.value for c in sheet[1]]
    for title in ("身份证号", "手机号码"):
        column = sheet.cell(row=1, column=header.index(title) + 1).column_letter
        assert sheet.column_dimensions[column].number_format == "@", f"{title} column is text"
    d.get(url + "/relief")
    d.find_element(By.CSS_SELECTOR, "#rounds tbody tr a").click()
    export = d.find_element(By.ID, "export").get_attribute("href")
    r = requests.get(export, cookies=cookies, timeout=30)
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in sheet[1]]
    amount = sheet.cell(row=2, column=header.index("金额（元）") + 1)
    assert isinstance(amount.value, (int, float)) and amount.number_format == "#,##0.00"
    assert header[-1] == "备注"
