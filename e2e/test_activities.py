"""Activities and training in real headless Chromium on the demo: the list's figures (人数 and 人次 apart) open their
records; a new activity whose end is before its start is refused beside the field with what was typed, then recorded;
attendance by card number with a card from outside refused beside the field and nothing saved, then recorded; the
coming event's sign-ups fill its places and the rest wait; a sign-in sheet written by openpyxl records a session; the
summary says 人数 and 人次 for activities and training. The service centres show which fall short of their standard and
a nursing room's form asks for its 10㎡; an idea is assessed. The list, an activity and the centres are shown at phone
width (390 px) without sideways scrolling. Screenshots go to e2e/artifacts/ (61-*.png to 69-*.png)."""
import re
import tempfile

import openpyxl

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DESKTOP, PHONE, shot, sign_in, union_today

PASSWORD = "Gonghui#2026acts"


def wait_for(d, element_id):
    return WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def settle(d, element_id, text):
    WebDriverWait(d, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda drv: text in drv.find_element(By.ID, element_id).text)


def test_activities_attendance_sign_ups_and_the_summary(server, browser):
    d, url = browser, server["url"]
    d.set_window_size(*DESKTOP)
    sign_in(d, url, "staff", server["accounts"]["staff"], PASSWORD)

    d.get(url + "/activities")
    figures = wait_for(d, "figures")
    assert "参加活动人数" in figures.text and "参加活动人次" in figures.text and "培训人次" in figures.text
    links = [a.get_attribute("href") for a in figures.find_elements(By.CSS_SELECTOR, "a.card")]
    assert any("/indicators/activities.people" in h for h in links), "each figure opens its records"
    shot(d, "61-activities-desktop.png")

    # The coming event: more sign-ups than places, the rest waiting; its cards are the ones used below.
    d.find_element(By.PARTIAL_LINK_TEXT, "迎新年职工趣味运动会").click()
    facts = wait_for(d, "facts").text
    assert "名额30人" in facts and "候补4人" in facts, facts
    cards = re.findall(r"GH\d{8}", d.find_element(By.ID, "signups").text)
    assert len(cards) >= 3

    # A new activity: the end before the start refused beside the field, what was typed kept; then recorded.
    d.get(url + "/activities/new?category=event")
    Select(wait_for(d, "kind")).select_by_value("volunteer")
    d.find_element(By.ID, "title").send_keys("“学雷锋”志愿服务")
    start = d.find_element(By.ID, "startsOn")
    d.execute_script("arguments[0].value = '2026-03-05'", start)
    d.execute_script("arguments[0].value = '2026-03-04'", d.find_element(By.ID, "endsOn"))
    d.find_element(By.ID, "guests").send_keys("5")
    d.find_element(By.ID, "activity-form").submit()
    settle(d, "endsOn-error", "结束日期不能早于开始日期")
    assert d.find_element(By.ID, "title").get_attribute("value") == "“学雷锋”志愿服务"
    shot(d, "62-activity-refused-desktop.png")
    d.execute_script("arguments[0].value = '2026-03-05'", d.find_element(By.ID, "endsOn"))
    d.find_element(By.ID, "activity-form").submit()
    settle(d, "flash", "已登记")

    # Attendance: a card from outside refused beside the field, nothing saved; then the members and non-members.
    d.find_element(By.ID, "attendance-cards").send_keys(cards[0] + " GH99999999")
    d.find_element(By.ID, "attendance-form-submit").click()
    settle(d, "attendance-cards-error", "GH99999999")
    assert "0人次" in d.find_element(By.ID, "facts").text or "，0人次" in d.find_element(By.ID, "facts").text
    field = d.find_element(By.ID, "attendance-cards")
    field.clear()
    field.send_keys("\n".join(cards[:3]))
    d.find_element(By.ID, "attendance-guestVisits").send_keys("5")
    d.find_element(By.ID, "attendance-form-submit").click()
    settle(d, "flash", "新增会员3人")
    assert "8人（会员3人、非会员5人），8人次" in d.find_element(By.ID, "facts").text
    d.find_element(By.ID, "output-label").send_keys("清扫垃圾")
    d.find_element(By.ID, "output-quantity").send_keys("-2")
    d.find_element(By.ID, "output-unit").send_keys("吨")
    d.find_element(By.ID, "output-form-submit").click()
    settle(d, "output-quantity-error", "不能为负数")
    quantity = d.find_element(By.ID, "output-quantity")
    quantity.clear()
    quantity.send_keys("2.5")
    d.find_element(By.ID, "output-form-submit").click()
    settle(d, "flash", "清扫垃圾2.5吨")
    activity = d.current_url
    # A photo of the day, sent as the page's multipart form.
    photo = tempfile.NamedTemporaryFile(suffix=".png", delete=False).name
    with open(photo, "wb") as f:
        f.write(bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(64))
    d.find_element(By.ID, "photo-file").send_keys(photo)
    d.find_element(By.ID, "photo-form-submit").click()
    settle(d, "flash", "已上传")
    assert "photos" in [t.get_attribute("id") for t in d.find_elements(By.CSS_SELECTOR, "table")]
    shot(d, "63-activity-desktop.png")

    # A second session from a sign-in sheet as Excel saves it: a title row, then 姓名 and 会员证号.
    d.execute_script("arguments[0].value = '2026-03-05'", d.find_element(By.ID, "session-on"))
    d.find_element(By.ID, "session-title").send_keys("第二场")
    d.find_element(By.ID, "session-form-submit").click()
    settle(d, "flash", "已增加")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["“学雷锋”志愿服务签到表"])
    sheet.append(["序号", "姓名", "会员证号"])
    for n, card in enumerate(cards[:4], start=1):
        sheet.append([n, "", card])
    path = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False).name
    book.save(path)
    d.find_element(By.ID, "sheet-file").send_keys(path)
    d.find_element(By.ID, "sheet-form-submit").click()
    settle(d, "flash", "已按签到表登记出勤，新增会员4人")
    assert "9人（会员4人、非会员5人），12人次" in d.find_element(By.ID, "facts").text

    # The summary says 人数 and 人次 for activities and training, each figure a link to its records.
    d.get(url + "/reports/summary")
    main = wait_for(d, "main").text
    assert re.search(r"参加活动\d+人、\d+人次", main), main
    assert re.search(r"共举办培训班\d+期，培训\d+人、\d+人次", main), main
    shot(d, "64-summary-activities-desktop.png")

    # Service centres: which fall short of their standard; a nursing room's form asks for its area and equipment.
    d.get(url + "/service-centres")
    centres = wait_for(d, "centres").text
    assert "达标" in centres and "缺：" in centres, centres
    shot(d, "67-centres-desktop.png")
    d.find_element(By.ID, "new-centre").click()
    wait_for(d, "kind-nursing").click()
    form = wait_for(d, "centre-form").text
    assert "标准不少于10㎡" in form and "洗手池" in form and "藏书" not in form

    # An idea assessed: a decision dated before it was handed in is refused beside the date.
    d.get(url + "/ideas?status=pending")
    wait_for(d, "ideas").find_element(By.CSS_SELECTOR, "tbody a").click()
    Select(wait_for(d, "decision-grade")).select_by_value("B")
    d.execute_script("arguments[0].value = '2000-01-01'", d.find_element(By.ID, "decision-decidedOn"))
    d.find_element(By.ID, "decision-form-submit").click()
    settle(d, "decision-decidedOn-error", "不能早于提出日期")
    d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, "decision-decidedOn"), union_today().isoformat())
    d.find_element(By.ID, "decision-adopted").click()
    d.find_element(By.ID, "decision-savings").send_keys("12000")
    d.find_element(By.ID, "decision-form-submit").click()
    settle(d, "flash", "已采纳")
    shot(d, "68-idea-desktop.png")

    d.set_window_size(*PHONE)
    for page, name in ((url + "/activities", "65-activities-phone.png"), (activity, "66-activity-phone.png"), (url + "/service-centres", "69-centres-phone.png")):
        d.get(page)
        wait_for(d, "main")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 392, f"nothing scrolls sideways on {page}"
        shot(d, name)
    d.set_window_size(*DESKTOP)
