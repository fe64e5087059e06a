"""Activities and training in real headless Chromium on the demo: the list's figures (人数 and 人次 apart) open their
records; a new activity whose end is before its start is refused beside the field with what was typed, then recorded;
attendance by card number with a card from outside refused beside the field and nothing saved, then recorded; the
coming event's sign-ups fill its places and the rest wait; the summary says 人数 and 人次 for activities and training.
The list and an activity are shown at phone width (390 px) without sideways scrolling. Screenshots go to
e2e/artifacts/ (61-*.png to 66-*.png)."""
import re

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DESKTOP, PHONE, shot, sign_in

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
    shot(d, "63-activity-desktop.png")

    # The summary says 人数 and 人次 for activities and training, each figure a link to its records.
    d.get(url + "/reports/summary")
    main = wait_for(d, "main").text
    assert re.search(r"参加活动\d+人、\d+人次", main), main
    assert re.search(r"共举办培训班\d+期，培训\d+人、\d+人次", main), main
    shot(d, "64-summary-activities-desktop.png")

    d.set_window_size(*PHONE)
    for page, name in ((url + "/activities", "65-activities-phone.png"), (activity, "66-activity-phone.png")):
        d.get(page)
        wait_for(d, "main")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 392, f"nothing scrolls sideways on {page}"
        shot(d, name)
    d.set_window_size(*DESKTOP)
