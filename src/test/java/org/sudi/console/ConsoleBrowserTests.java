package org.sudi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.sudi.IntegrationTest;

/**
 * The loop walked through the pages in a real browser, as the staff would: hotline intake, town
 * escalation, dispatch with a duty item, the department's sign / on site / complete with a photo,
 * the hotline's follow-up call; a town's whistle to two departments; the language switch. Saves a
 * screenshot of each main page under target/screenshots/.
 */
@IntegrationTest
@Tag("browser")
class ConsoleBrowserTests {

	@LocalServerPort
	int port;

	private Browser browser;

	@BeforeEach
	void open() {
		browser = Browser.open(port);
	}

	@AfterEach
	void close() {
		if (browser != null) {
			try {
				assertThat(browser.cspViolations()).as("CSP violations in the page console").isEmpty();
			}
			finally {
				browser.close();
			}
		}
	}

	@Test
	void aLivelihoodCaseGoesRoundTheWholeLoopThroughThePages() throws Exception {
		String phone = "137" + String.format("%08d", System.nanoTime() % 100_000_000L);

		// Hotline: caller first, then the request.
		browser.signIn("hotline");
		browser.screenshot("01-home-hotline");
		browser.go("/console/hotline");
		browser.find("#phone").sendKeys(phone);
		browser.find("#name").sendKeys("赵六");
		new Select(browser.find("#townId")).selectByVisibleText("坛山街道");
		browser.find("#address").sendKeys("坛山街道文化路 12 号");
		browser.find("#description").sendKeys("文化路路灯坏了一周，晚上很黑，老人出行不便。");
		browser.find("#no-history");
		browser.screenshot("02-hotline-intake");
		browser.click("#intake-submit");
		browser.waitForText("#case-status", "镇街受理中");
		String caseId = browser.attribute("#content[data-case-id]", "data-case-id");
		// Masked even to the hotline, until it asks to see the caller in full (an audited reveal).
		assertThat(browser.text("#requester-phone")).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
		browser.click("#reveal-requester");
		browser.waitForText("#requester-phone", phone);
		assertThat(browser.text("#requester-name")).isEqualTo("赵六");
		browser.screenshot("03-case-new");

		// Town: the case is in its review queue; it escalates with a reason.
		browser.signIn("town-tanshan");
		browser.go("/console/town");
		assertThat(browser.text("#review")).contains("文化路路灯坏了一周");
		browser.screenshot("04-town-review");
		browser.go("/console/cases/" + caseId);
		assertThat(browser.text("#requester-phone")).contains("****");
		browser.click("#form-escalate summary");
		browser.find("#escalate-reason").sendKeys("道路照明设施归区住建局维护，超出街道职权");
		browser.click("#form-escalate button[type=submit]");
		browser.waitForText("#case-status", "区级研判中");

		// Command centre: the triage queue, then dispatch citing the duty item the search finds.
		browser.signIn("dispatcher");
		browser.go("/console/triage");
		assertThat(browser.text("table.cases")).contains("文化路路灯坏了一周");
		browser.screenshot("05-triage-queue");
		browser.go("/console/cases/" + caseId);
		WebElement dutySearch = browser.find("#duty-q");
		dutySearch.clear();
		dutySearch.sendKeys("照明");
		// The first list (from the case's own words) may already hold the item: wait for the search's list to
		// replace it, or the choice is made on the list that is about to go.
		WebElement firstList = browser.find("#duty-results");
		browser.click("#form-dispatch form[role=search] button");
		browser.until(d -> {
			try {
				firstList.isDisplayed();
				return null;
			}
			catch (org.openqa.selenium.StaleElementReferenceException gone) {
				return true;
			}
		});
		browser.clickWhen("#duty-results label", "城市道路照明设施");
		new Select(browser.find("#dispatch-lead")).selectByVisibleText("区住房和城乡建设局");
		browser.screenshot("06-dispatch-dialog");
		browser.click("#dispatch-submit");
		browser.waitForText("#case-status", "办理中");
		assertThat(browser.text("#tasks")).contains("区住房和城乡建设局").contains("城市道路照明设施");

		// Department: sign from the work list, report on site, complete with a photo.
		browser.signIn("dept-zhujian");
		browser.go("/console/work?queue=TO_SIGN");
		String tracking = browser.until(d -> d.findElements(By.cssSelector("#work-list tr[data-case]")).stream()
			.filter(r -> r.getText().contains("文化路路灯坏了一周"))
			.map(r -> r.getAttribute("data-case")).findFirst().orElse(null));
		assertThat(browser.text("#work-list")).contains("文化路路灯坏了一周");
		browser.screenshot("07-work-list");
		browser.clickWhen("#work-list tr[data-case='" + tracking + "'] button[type=submit]", "");
		browser.until(d -> d.findElements(By.cssSelector("#work-list tr[data-case='" + tracking + "']")).isEmpty());
		browser.go("/console/cases/" + caseId);
		browser.click("#task-arrive");
		browser.waitForText("#tasks .task-status", "已报到");
		Path photo = Files.createTempFile("sudi-photo-", ".png");
		Files.write(photo, Pngs.red(64, 48));
		browser.find("#complete-result").sendKeys("已更换灯泡并检修线路，路灯恢复照明。");
		browser.find("#complete-files").sendKeys(photo.toAbsolutePath().toString());
		browser.screenshot("08-complete-form");
		browser.click("#task-complete");
		browser.waitForText("#case-status", "待评价");
		WebElement thumb = browser.find("#tasks .thumbs img");
		browser.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", thumb))
			.intValue() == 64);

		// Hotline: the follow-up call records SATISFIED; the case closes as resolved.
		browser.signIn("hotline");
		browser.go("/console/followups");
		assertThat(browser.text("table.cases")).contains("文化路路灯坏了一周");
		browser.screenshot("09-followups");
		browser.go("/console/cases/" + caseId);
		browser.click("#rating-SATISFIED");
		browser.find("#evaluate-comment").sendKeys("回访：群众表示满意");
		browser.click("#evaluate-submit");
		browser.waitForText("#case-status", "已办结");
		assertThat(browser.text("#case-outcome")).isEqualTo("已解决");
		assertThat(browser.text("#timeline")).contains("上报区级").contains("派单").contains("签收").contains("报到")
			.contains("办结反馈").contains("评价").contains("办结归档");
		assertThat(browser.text("#no-actions")).isNotBlank();
		browser.screenshot("10-case-closed");
		browser.resize(390, 844);
		browser.screenshot("11-case-closed-phone");
	}

	@Test
	void aTownBlowsTheWhistleAndTwoDepartmentsReport() {
		browser.signIn("town-tanshan");
		browser.go("/console/town/whistle");
		browser.find("#title").sendKeys("承水社区违法建设需联合执法");
		browser.find("#description").sendKeys("承水社区楼顶违法搭建，并有油烟直排，需执法局和环保部门联合处理。");
		browser.find("#address").sendKeys("承水社区 3 号楼");
		browser.screenshot("12-whistle-form");
		browser.click("#whistle-submit");
		browser.waitForText("#case-status", "区级研判中");
		String caseId = browser.attribute("#content[data-case-id]", "data-case-id");

		browser.signIn("dispatcher");
		browser.go("/console/cases/" + caseId);
		new Select(browser.find("#dispatch-lead")).selectByVisibleText("区综合行政执法局");
		WebElement assist = browser.until(d -> d.findElements(By.cssSelector("#form-dispatch label")).stream()
			.filter(l -> l.getText().equals("市生态环境局峄城分局")).findFirst().orElse(null));
		assist.click();
		browser.click("#duty-none");
		browser.click("#dispatch-submit");
		browser.waitForText("#case-status", "办理中");
		assertThat(browser.driver.findElements(By.cssSelector("#tasks tbody tr"))).hasSize(2);

		for (String dept : new String[] { "dept-zhifa", "dept-huanbao" }) {
			browser.signIn(dept);
			browser.go("/console/cases/" + caseId);
			browser.click("#task-sign");
			browser.click("#task-arrive");
			// An enforcement task completes only after reporting on site.
			browser.find("#complete-result").sendKeys(dept + "：已到场处置，责令拆除并整改。");
			browser.click("#task-complete");
			browser.until(d -> d.findElements(By.id("task-complete")).isEmpty());
		}
		browser.waitForText("#case-status", "待评价");

		browser.signIn("town-tanshan");
		browser.go("/console/town");
		assertThat(browser.text("#whistles")).contains("承水社区违法建设需联合执法");
		browser.go("/console/cases/" + caseId);
		browser.click("#rating-SATISFIED");
		browser.click("#evaluate-submit");
		browser.waitForText("#case-status", "已办结");
		browser.screenshot("13-whistle-closed");
	}

	@Test
	void theLanguageSwitchShowsThePagesInEnglishAndBack() {
		browser.signIn("dispatcher");
		assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
		assertThat(browser.text(".menu")).contains("研判分流");
		browser.click("#lang-en");
		browser.until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
		assertThat(browser.text("h1")).startsWith("Hello,");
		browser.go("/console/triage");
		assertThat(browser.text(".menu")).contains("Triage").doesNotContain("研判分流");
		assertThat(browser.text("h1")).isEqualTo("Triage");
		browser.screenshot("14-triage-english");
		browser.click("a[hreflang=zh-CN]");
		browser.until(d -> "zh-CN".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
		assertThat(browser.text("h1")).isEqualTo("研判分流");
		// Keyboard: the skip link is the first stop and leads to the content.
		browser.go("/console");
		browser.find("body").sendKeys(org.openqa.selenium.Keys.TAB);
		assertThat(browser.driver.switchTo().activeElement().getAttribute("class")).isEqualTo("skip");
	}
}
