"""A collective negotiation in real headless Chromium on the demo, from the written request (要约) to the contract in force
(已生效): the request is dated 25 days back, so the reply is overdue and the alert centre says so on the way; six
negotiators are seated, the reply, a round of talks, the draft and the congress's vote are recorded, a vote recorded as
passed without a quorum is refused beside its field, signing asks first, a program renamed .pdf is refused from the
filing pack and a scan attached, and the contract is filed and takes effect.
The negotiation, the contract, the democratic management overview, a congress and the week's bargaining reports are also
shown at phone width (390 px) without sideways scrolling; the contract's text opens with python-docx. Screenshots go to
e2e/artifacts/ (40-*.png to 52-*.png)."""
import datetime

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import DESKTOP, PHONE, shot, sign_in, union_today

PASSWORD = "Gonghui#2026deal"


def wait_for(d, element_id):
    return WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def settle(d, element_id, text):
    WebDriverWait(d, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda drv: text in drv.find_element(By.ID, element_id).text)


def set_value(d, element_id, value):
    """Fills a field whatever its type (a date input's typing order depends on the locale)."""
    d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, element_id), value)


def test_a_negotiation_from_request_to_contract_in_force(server, browser):
    d, url = browser, server["url"]
    d.set_window_size(*DESKTOP)
    sign_in(d, url, "staff", server["accounts"]["staff"], PASSWORD)
    today = union_today()

    # The request: kind and level first, then only an enterprise's fields.
    d.get(url + "/negotiations/new")
    Select(d.find_element(By.ID, "kind")).select_by_value("wage")
    Select(d.find_element(By.ID, "level")).select_by_value("enterprise")
    d.find_element(By.ID, "save").click()
    employer = Select(wait_for(d, "employerId"))
    assert not d.find_elements(By.ID, "counterpart"), "an enterprise's request names the employer, not a sector's side"
    employer.select_by_index(1)
    Select(d.find_element(By.ID, "requestedBy")).select_by_value("union")
    set_value(d, "requestedOn", (today - datetime.timedelta(days=25)).isoformat())
    d.find_element(By.ID, "request").send_keys("开展年度工资集体协商，协商工资调整幅度")
    d.find_element(By.ID, "save").click()
    settle(d, "flash", "已登记要约")
    negotiation = d.current_url
    number = d.find_element(By.TAG_NAME, "h1").text.split()[-1]
    assert "已逾期" in d.find_element(By.ID, "deadlines").text, "no reply 25 days after the request"
    shot(d, "40-negotiation-requested-desktop.png")

    # The alert centre shows the overdue reply.
    d.get(url + "/alerts?module=contracts")
    alerts = wait_for(d, "main").text
    assert number in alerts and "书面回应要约已逾期" in alerts
    shot(d, "41-alerts-contracts-desktop.png")

    # Six negotiators, three a side, one chief each.
    d.get(negotiation)
    for side in ("workers", "employer"):
        for k in range(3):
            Select(d.find_element(By.ID, "seat-side")).select_by_value(side)
            d.find_element(By.ID, "seat-name").send_keys(("王" if side == "workers" else "张") + "代表" + "甲乙丙"[k])
            if k == 0:
                d.find_element(By.ID, "seat-chief").click()
            d.find_element(By.ID, "add-seat").click()
            settle(d, "flash", "已登记协商代表")
    assert len(d.find_elements(By.CSS_SELECTOR, "#negotiators tbody tr")) == 6

    # Reply, a round of talks, the draft.
    Select(d.find_element(By.ID, "reply-answer")).select_by_value("agreed")
    d.find_element(By.ID, "step-reply").click()
    settle(d, "flash", "登记书面回应")
    d.find_element(By.ID, "round-minutes").send_keys("双方交换工资调整方案，初步同意上调6%")
    d.find_element(By.ID, "step-round").click()
    settle(d, "flash", "登记协商会议")
    d.find_element(By.ID, "step-draft").click()
    settle(d, "flash", "形成合同草案")

    # A vote recorded as passed with too few present is refused beside its field; the real one passes.
    Select(d.find_element(By.ID, "vote-body")).select_by_value("congress")
    d.find_element(By.ID, "vote-delegates").send_keys("45")
    d.find_element(By.ID, "vote-attending").send_keys("29")
    d.find_element(By.ID, "vote-approving").send_keys("28")
    Select(d.find_element(By.ID, "vote-result")).select_by_value("passed")
    d.find_element(By.ID, "step-vote").click()
    problems = wait_for(d, "problems")
    assert "三分之二" in problems.text
    assert "三分之二" in d.find_element(By.ID, "vote-attending-error").text
    assert d.find_element(By.ID, "vote-delegates").get_attribute("value") == "45", "what was typed is kept"
    shot(d, "42-vote-refused-desktop.png")
    attending = d.find_element(By.ID, "vote-attending")
    attending.clear()
    attending.send_keys("40")
    approving = d.find_element(By.ID, "vote-approving")
    approving.clear()
    approving.send_keys("36")
    d.find_element(By.ID, "step-vote").click()
    settle(d, "flash", "审议表决")

    # Signing asks first, then makes the contract.
    set_value(d, "sign-startsOn", (today + datetime.timedelta(days=1)).isoformat())
    set_value(d, "sign-endsOn", (today + datetime.timedelta(days=365)).isoformat())
    d.find_element(By.ID, "sign-workers").send_keys("120")
    d.find_element(By.ID, "sign-wageRise").send_keys("6")
    d.find_element(By.ID, "step-sign").click()
    confirm = wait_for(d, "confirm")
    assert "签字后生成集体合同" in confirm.text
    shot(d, "43-sign-confirm-desktop.png")
    d.find_element(By.ID, "confirm-yes").click()
    settle(d, "flash", "已签订")
    contract = d.current_url
    assert "/contracts/" in contract

    # The filing pack's documents: a program renamed .pdf is refused beside the file field; a scan is attached under its
    # item, which then comes ticked in the filing step.
    import os
    import tempfile
    folder = tempfile.mkdtemp()
    fake, scan = os.path.join(folder, "登记表.pdf"), os.path.join(folder, "审查登记表.pdf")
    with open(fake, "wb") as f:
        f.write(b"MZ\x90\x00 this program cannot be run in DOS mode")
    with open(scan, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    for chosen in (fake, scan):
        Select(d.find_element(By.ID, "files-slot")).select_by_value("registrationForm")
        d.find_element(By.ID, "files-file").send_keys(chosen)
        d.find_element(By.ID, "upload-file").click()
        if chosen == fake:
            settle(d, "files-file-error", "只能上传 PDF、JPG 或 PNG 文件")
            shot(d, "51-pack-refused-desktop.png")
    settle(d, "flash", "已上传")
    assert "审查登记表.pdf" in d.find_element(By.ID, "pack-registrationForm").text
    assert d.find_element(By.CSS_SELECTOR, "#submit-form input[value=registrationForm]").is_selected()
    shot(d, "52-pack-attached-desktop.png")

    # Filed with the labour authority (the rest of the pack checked), then in force.
    for box in d.find_elements(By.CSS_SELECTOR, "#submit-form input[type=checkbox]"):
        if not box.is_selected():
            box.click()
    d.find_element(By.ID, "step-submit").click()
    settle(d, "flash", "报送劳动保障部门审查")
    d.find_element(By.ID, "step-takeEffect").click()
    settle(d, "flash", "登记生效")
    facts = d.find_element(By.ID, "contract-fields").text
    assert "已生效" in facts and "6%" in facts
    assert "向全体职工公布" in d.find_element(By.ID, "deadlines").text, "publication is now due"
    shot(d, "44-contract-in-force-desktop.png")

    # The contract's text from its kind's template opens in Word's format with the record's facts.
    import io
    import docx
    import requests
    link = d.find_element(By.ID, "contract-text").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in d.get_cookies()}
    got = requests.get(link, cookies=cookies, timeout=30)
    assert got.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(got.content)).paragraphs)
    assert "工资分配" in text and "6%" in text and "覆盖职工120人" in text

    # The same pages on a phone.
    d.set_window_size(*PHONE)
    for page, name in ((negotiation, "45-negotiation-phone.png"), (contract, "46-contract-phone.png"), (url + "/contracts", "47-contracts-phone.png"),
                       (url + "/democracy", "48-democracy-phone.png"), (url + "/congresses/1", "49-congress-phone.png"),
                       (url + "/bargaining/weekly", "50-weekly-phone.png")):
        d.get(page)
        wait_for(d, "main")
        assert d.execute_script("return document.documentElement.scrollWidth") <= 392, f"nothing scrolls sideways on {page}"
        shot(d, name)
    d.set_window_size(*DESKTOP)
