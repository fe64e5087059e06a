"""Browser test: a real headless Chromium drives `uniondesk serve --demo` on a free port.

Signs in with the printed admin password, changes it, adds a member with a valid ID number,
finds them in the list, submits an invalid ID number and sees the Chinese message next to the
field, and saves screenshots under e2e/artifacts/. Finally scans the server log for secrets.
"""
import subprocess

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ROOT, id_number, shot

NEW_PASSWORD = "Gonghui#2026e2e"


def test_admin_adds_and_finds_a_member(server, browser):
    d, url = browser, server["url"]
    d.get(url + "/")
    assert "/login" in d.current_url
    d.find_element(By.ID, "username").send_keys("admin")
    d.find_element(By.ID, "password").send_keys(server["password"])
    d.find_element(By.ID, "login-submit").click()
    WebDriverWait(d, 10).until(EC.url_contains("/password"))
    assert "首次登录" in d.find_element(By.ID, "password-forced").text

    # A weak password is refused next to its field.
    d.find_element(By.ID, "currentPassword").send_keys(server["password"])
    d.find_element(By.ID, "newPassword").send_keys("password")
    d.find_element(By.ID, "confirmPassword").send_keys("password")
    d.find_element(By.ID, "password-submit").click()
    assert "至少3类" in d.find_element(By.ID, "newPassword-error").text
    d.find_element(By.ID, "currentPassword").send_keys(server["password"])
    d.find_element(By.ID, "newPassword").send_keys(NEW_PASSWORD)
    d.find_element(By.ID, "confirmPassword").send_keys(NEW_PASSWORD)
    d.find_element(By.ID, "password-submit").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "kpi-members")))
    assert int(d.find_element(By.ID, "kpi-members").text) > 2500
    shot(d, "01-home.png")

    # Add a member with a valid ID number.
    valid = id_number("44060619880512345")
    d.get(url + "/members/new")
    d.find_element(By.ID, "name").send_keys("欧阳小明")
    d.find_element(By.ID, "idNumber").send_keys(valid)
    d.find_element(By.ID, "phone").send_keys("13711112222")
    Select(d.find_element(By.ID, "unionId")).select_by_index(1)
    d.find_element(By.ID, "migrantWorker").click()
    d.find_element(By.ID, "save").click()
    assert d.find_element(By.ID, "member-name").text == "欧阳小明"
    assert d.find_element(By.ID, "field-idNumber").text == valid[:6] + "********" + valid[-4:]
    assert d.find_element(By.ID, "field-gender").text == "男"  # sequence 345: odd
    assert d.find_element(By.ID, "field-birthDate").text == "1988-05-12"
    shot(d, "02-member.png")

    # Find them in the list.
    d.get(url + "/members")
    d.find_element(By.ID, "q").send_keys("欧阳小明")
    d.find_element(By.ID, "search").click()
    # Wait for the result page itself: the list before the search has 50 rows of its own.
    WebDriverWait(d, 10, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(
        lambda drv: "q=" in drv.current_url and drv.find_element(By.ID, "member-total").text == "1")
    rows = d.find_elements(By.CSS_SELECTOR, "#members tbody tr")
    assert len(rows) == 1 and "欧阳小明" in rows[0].text
    assert d.find_element(By.ID, "member-total").text == "1"
    shot(d, "03-list.png")

    # An invalid ID number: the Chinese message sits next to the field and the typed name stays.
    d.get(url + "/members/new")
    d.find_element(By.ID, "name").send_keys("错号码")
    d.find_element(By.ID, "idNumber").send_keys(valid[:17] + ("1" if valid[17] != "1" else "2"))
    d.find_element(By.ID, "save").click()
    error = d.find_element(By.ID, "idNumber-error")
    assert error.text == "身份证号校验位错误，请核对号码"
    assert d.find_element(By.ID, "name").get_attribute("value") == "错号码"
    shot(d, "04-invalid-id.png")


def test_roster_import_runs_in_the_background(server, browser):
    """Upload a CSV roster, follow the job page (it refreshes itself), commit, and find the people."""
    d, url = browser, server["url"]
    d.get(url + "/members/import")
    d.find_element(By.ID, "file").send_keys(str(ROOT / "Tests" / "OfficeTests" / "Fixtures" / "roster-utf8-bom.csv"))
    Select(d.find_element(By.ID, "unionId")).select_by_index(2)
    d.find_element(By.ID, "upload").click()
    try:
        WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "count-valid")))
    except Exception:
        shot(d, "05-import-failed.png")
        raise AssertionError("the import job did not finish: " + d.find_element(By.TAG_NAME, "main").text[:500])
    assert d.find_element(By.ID, "count-valid").text == "3"
    shot(d, "05-import-preview.png")
    d.find_element(By.ID, "commit").click()
    WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "import-done")))
    assert "已新增会员 3 人" in d.find_element(By.ID, "import-done").text
    shot(d, "06-import-done.png")
    d.get(url + "/members?q=" + "王五")
    assert any("王五" in r.text for r in d.find_elements(By.CSS_SELECTOR, "#members tbody tr"))


def test_relief_application_is_reviewed_and_paid(server, browser):
    """The relief overview has this year's figures; a submitted application is approved (a bad amount is refused
    next to the form, what was typed stays) and paid once; the public notice shows masked names only."""
    d, url = browser, server["url"]
    d.get(url + "/relief")
    assert int(d.find_element(By.ID, "fig-people").text) > 30
    assert "元" in d.find_element(By.ID, "fig-money").text
    shot(d, "07-relief.png")
    d.get(url + "/relief/applications?state=submitted")
    d.find_element(By.CSS_SELECTOR, "#applications tbody tr a").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "review-form")))
    amount = d.find_element(By.ID, "amount")
    amount.clear()
    amount.send_keys("两千")
    d.find_element(By.ID, "reason").send_keys("核实属实")
    d.find_element(By.ID, "approve").click()
    assert "核定金额" in d.find_element(By.ID, "form-error").text
    assert d.find_element(By.ID, "amount").get_attribute("value") == "两千"
    assert d.find_element(By.ID, "reason").get_attribute("value") == "核实属实"
    amount = d.find_element(By.ID, "amount")
    amount.clear()
    amount.send_keys("1,000")
    d.find_element(By.ID, "approve").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "pay-form")))
    assert d.find_element(By.ID, "state").text == "审核通过"
    # Payment asks first, stating what will happen; a double click on the confirmation submits its one token twice:
    # one payment.
    d.find_element(By.ID, "pay").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "confirm")))
    assert "发放" in d.find_element(By.ID, "confirm").text and "不能修改" in d.find_element(By.ID, "confirm").text
    ActionChains(d).double_click(d.find_element(By.ID, "confirm-yes")).perform()
    try:
        WebDriverWait(d, 10, ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(
            lambda drv: drv.find_element(By.ID, "state").text == "已发放")
    except Exception:
        shot(d, "08-relief-pay-failed.png")
        raise AssertionError("not paid: " + d.find_element(By.TAG_NAME, "main").text[:800])
    assert len(d.find_elements(By.CSS_SELECTOR, "#payments tbody tr")) == 1
    shot(d, "08-relief-paid.png")
    d.get(url + "/relief")
    d.find_element(By.CSS_SELECTOR, "#rounds tbody tr a").click()
    d.find_element(By.ID, "notice").click()
    text = d.find_element(By.ID, "notice").text
    assert "公示" in text and "*" in text and "身份证" not in text.split("依据")[0]
    shot(d, "09-relief-notice.png")


def test_petition_is_registered_and_handled(server, browser):
    """The work queue shows the year's figures; a petition is registered (a bad phone number is refused next to its
    field, what was typed stays), accepted and given a contact, and the alert centre lists the demo's deadlines."""
    d, url = browser, server["url"]
    d.get(url + "/petitions")
    assert int(d.find_element(By.ID, "fig-received").text) > 20
    shot(d, "10-petition-queue.png")
    d.find_element(By.ID, "new-petition").click()
    Select(d.find_element(By.ID, "source")).select_by_value("hotline")
    d.find_element(By.ID, "petitionerName").send_keys("孙七")
    d.find_element(By.ID, "petitionerPhone").send_keys("12345")
    Select(d.find_element(By.ID, "category")).select_by_value("wages")
    d.find_element(By.ID, "summary").send_keys("3名职工反映被拖欠工资")
    Select(d.find_element(By.ID, "handlerB")).select_by_visible_text("镇总工会干部")
    d.find_element(By.ID, "save").click()
    assert "联系电话" in d.find_element(By.ID, "petitionerPhone-error").text
    assert d.find_element(By.ID, "summary").get_attribute("value") == "3名职工反映被拖欠工资"
    phone = d.find_element(By.ID, "petitionerPhone")
    phone.clear()
    phone.send_keys("13711113333")
    d.find_element(By.ID, "save").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "accept-form")))
    assert d.find_element(By.ID, "state").text == "已登记待受理"
    assert "137****3333" == d.find_element(By.ID, "phone").text
    d.find_element(By.ID, "step-accept").click()
    settled = (StaleElementReferenceException, NoSuchElementException)
    WebDriverWait(d, 10, ignored_exceptions=settled).until(lambda drv: drv.find_element(By.ID, "state").text == "已受理")
    Select(d.find_element(By.ID, "contact-kind")).select_by_value("call")
    d.find_element(By.ID, "contact-note").send_keys("电话联系企业负责人")
    d.find_element(By.ID, "add-contact").click()
    WebDriverWait(d, 10, ignored_exceptions=settled).until(lambda drv: drv.find_element(By.ID, "state").text == "办理中")
    assert "电话联系企业负责人" in d.find_element(By.ID, "timeline").text
    number = d.find_element(By.ID, "number").text
    shot(d, "11-petition.png")
    d.get(url + "/petitions")
    assert number in d.find_element(By.ID, "queue").text
    d.get(url + "/alerts")
    assert int(d.find_element(By.ID, "alert-total").text) > 0
    assert "缓报" in d.find_element(By.ID, "alert-list").text
    shot(d, "12-alerts.png")


def test_work_summary_is_traceable_and_prints_as_an_official_document(server, browser, tmp_path):
    """Last year's summary states the seed's petition figures; a figure leads to the records it counts; the Word file
    opens in python-docx with the GB/T 9704 layout and converts in LibreOffice to an A4 PDF carrying the text."""
    import datetime
    import docx
    import pypdf
    import requests
    d, url = browser, server["url"]
    year = datetime.date.today().year - 1
    d.get(url + f"/reports/summary?year={year}")
    text = d.find_element(By.ID, "summary").text
    assert f"示例镇总工会{year}年工作总结" in text
    assert "全年共收到信访事件57宗，其中市总工会转办38宗，镇总工会接访19宗，全部及时处理和回复" in text
    shot(d, "13-summary.png")
    href = d.find_element(By.ID, "download-docx").get_attribute("href")
    d.find_element(By.XPATH, "//article[@id='summary']//a[text()='38宗']").click()
    WebDriverWait(d, 10).until(EC.presence_of_element_located((By.ID, "record-total")))
    assert d.find_element(By.ID, "record-total").text == "38"
    assert len(d.find_elements(By.CSS_SELECTOR, "#records tbody tr")) == 38
    cookies = {c["name"]: c["value"] for c in d.get_cookies()}
    r = requests.get(href, cookies=cookies, timeout=30)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    path = tmp_path / "summary.docx"
    path.write_bytes(r.content)
    doc = docx.Document(str(path))
    assert doc.paragraphs[0].style.name == "公文标题" and doc.paragraphs[0].text == f"示例镇总工会{year}年工作总结"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    body = doc.styles["正文"]
    assert body.font.size.pt == 16 and abs(body.paragraph_format.line_spacing.pt - 28.9) < 0.05
    assert doc.styles["公文标题"].font.size.pt == 22
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = pypdf.PdfReader(str(tmp_path / "summary.pdf"))
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1
    words = "".join(p.extract_text() for p in pdf.pages).replace(" ", "").replace("\n", "")
    assert "共收到信访事件57宗" in words and "—1—" in words


def test_dashboard_shows_figures_targets_alerts_and_charts(server, browser):
    d, url = browser, server["url"]
    d.get(url + "/dashboard")
    cards = d.find_elements(By.CSS_SELECTOR, "#key-figures .card")
    assert len(cards) == 8 and "同比" in d.find_element(By.ID, "key-figures").text
    assert "8人以上企业工会组建率" in d.find_element(By.ID, "dashboard-targets").text
    assert len(d.find_elements(By.CSS_SELECTOR, "#charts svg")) == 4, "petitions, relief money and dues by month, members by union"
    assert "各月收到信访" in d.find_element(By.ID, "charts").text and "各月收到工会经费" in d.find_element(By.ID, "charts").text
    shot(d, "14-dashboard.png")


def test_org_form_asks_for_an_end_only_when_the_union_ends(server, browser):
    """The org form shows the day a union ended only for 撤销/合并/注销, and the union merged into only for a merger,
    at desktop and phone width; the org page lists its history (组织沿革)."""
    d, url = browser, server["url"]
    for width in (1280, 390):
        d.set_window_size(width, 900)
        d.get(url + "/orgs/2/edit")
        status = Select(d.find_element(By.ID, "status"))
        assert not d.find_element(By.ID, "endedOn").is_displayed()
        assert not d.find_element(By.ID, "mergedIntoId").is_displayed()
        status.select_by_value("dissolved")
        assert d.find_element(By.ID, "endedOn").is_displayed()
        assert not d.find_element(By.ID, "mergedIntoId").is_displayed()
        status.select_by_value("merged")
        assert d.find_element(By.ID, "endedOn").is_displayed() and d.find_element(By.ID, "mergedIntoId").is_displayed()
        shot(d, f"15-org-merge-{width}.png")
    d.set_window_size(1280, 900)
    d.get(url + "/orgs/2")
    assert "换届选举" in d.find_element(By.ID, "history").text


def test_server_log_has_no_secrets(server):
    text = server["log"].read_text()
    assert "Server started" in text
    body = text.split("Server started", 1)[1]
    assert NEW_PASSWORD not in text
    assert server["password"] not in body
    assert id_number("44060619880512345") not in text
    assert "13711112222" not in text
    assert "13711113333" not in text
