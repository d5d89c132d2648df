package org.sudi.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.ApiTestSupport;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Channel;
import org.sudi.casework.domain.CaseTestData;
import org.sudi.channel.internal.LoggingSmsSender;
import org.sudi.platform.RateLimiter;

import tools.jackson.databind.JsonNode;

/**
 * The mobile portal in a real browser (Debian's headless Chromium) on a phone-sized viewport: sign in
 * with an SMS code, submit with a photo and a typed address, find it in "my requests", and after the
 * department completes it (through the API) evaluate it. Screenshots go to target/screenshots/.
 * Skipped, with a message, where chromium and chromedriver are not installed (.ci/run installs them).
 */
@Tag("browser")
class MobilePortalBrowserTests extends ApiTestSupport {

	static final Path SHOTS = Path.of("target", "screenshots");

	static WebDriver driver;

	@Autowired
	LoggingSmsSender sms;

	@Autowired
	CaseQueries queries;

	@Autowired
	RateLimiter limiter;

	@BeforeAll
	static void startBrowser() throws Exception {
		String chromium = executable("chromium", "chromium-browser", "google-chrome");
		String chromedriver = executable("chromedriver");
		Assumptions.assumeTrue(chromium != null && chromedriver != null,
				"Browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
		System.setProperty("webdriver.chrome.driver", chromedriver);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium);
		Path profile = Files.createTempDirectory("sudi-chromium-");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=zh-CN",
				"--user-agent=Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36");
		driver = new ChromeDriver(org.sudi.BrowserConsole.capture(options));
		driver.manage().window().setSize(new Dimension(390, 844));
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		Files.createDirectories(SHOTS);
	}

	@org.junit.jupiter.api.AfterEach
	void noContentSecurityPolicyViolations() {
		if (driver != null) {
			assertThat(org.sudi.BrowserConsole.cspViolations(driver)).as("CSP violations in the page console").isEmpty();
		}
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	static String executable(String... names) {
		for (String name : names) {
			for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
				File f = new File(dir, name);
				if (f.canExecute()) {
					return f.getAbsolutePath();
				}
			}
		}
		return null;
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	void shot(String name) throws Exception {
		byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
		Files.write(SHOTS.resolve(name + ".png"), png);
	}

	@Test
	@DisplayName("sign in with a code, submit with a photo and a typed address, see it in my requests, evaluate it once done")
	void citizenJourney() throws Exception {
		limiter.reset();
		String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));

		driver.get(url("/m/login"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("手机号登录");
		driver.findElement(By.id("phone")).sendKeys(phone);
		driver.findElement(By.id("send-code")).click();
		// The click returns before the form's post has been answered: wait for the page that asks for the code
		// (typing into the old page would be lost with it), then read the code the server sent.
		WebElement codeField = new WebDriverWait(driver, Duration.ofSeconds(20))
			.until(d -> d.findElements(By.id("code")).stream().findFirst().orElse(null));
		String code = sms.lastCodeTo(phone).orElseThrow();
		assertThat(code).matches("\\d{6}");
		codeField.sendKeys(code);
		shot("01-sign-in");
		driver.findElement(By.id("sign-in")).click();
		new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/m/requests"));

		driver.findElement(By.linkText("我要反映")).click();
		new Select(driver.findElement(By.id("categoryCode"))).selectByValue("cityscape.garbage");
		driver.findElement(By.id("description")).sendKeys("小区门口的垃圾桶三天没人清运，味道很大。");
		Path photo = Files.write(Files.createTempFile("sudi-photo-", ".png"), CaseTestData.PNG);
		driver.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
		new Select(driver.findElement(By.id("townId"))).selectByVisibleText("坛山街道");
		driver.findElement(By.id("address")).sendKeys("坛山街道文化路 12 号小区门口");
		driver.findElement(By.name("anonymous")).click();
		shot("02-new-request");
		driver.findElement(By.id("submit")).click();

		new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("submitted"));
		assertThat(driver.getCurrentUrl()).contains("/m/requests/").contains("submitted");
		String trackingNo = driver.getCurrentUrl().replaceAll(".*/m/requests/([0-9-]+).*", "$1");
		assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("镇街受理中");
		assertThat(driver.getPageSource()).contains("已上传 1 张照片").contains("诉求已提交");
		shot("03-submitted");

		CaseSummary c = queries.findByTrackingNo(trackingNo).orElseThrow();
		assertThat(c.channel()).isEqualTo(Channel.H5);
		assertThat(c.attachmentIds()).hasSize(1);
		assertThat(c.address()).isEqualTo("坛山街道文化路 12 号小区门口");
		assertThat(c.anonymous()).isTrue();
		assertThat(c.requesterPhone()).isEqualTo(phone);

		driver.get(url("/m/requests"));
		assertThat(driver.findElement(By.partialLinkText(trackingNo)).getText()).contains("小区门口的垃圾桶");
		shot("04-my-requests");

		// The town sends it up, the command centre dispatches, the department completes it: by the API.
		String id = c.id().toString();
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "垃圾清运属区城管局")));
		JsonNode dispatched = dispatch(id, "zhifa", List.of(), null);
		JsonNode seenByDepartment = ok(as("dept-zhifa").get("/api/v1/cases/" + id)).body();
		assertThat(seenByDepartment.path("requester").path("phone").isNull()).isTrue();
		assertThat(seenByDepartment.path("requester").path("name").isNull()).isTrue();
		handle("dept-zhifa", taskOf(dispatched, "zhifa"), false, "已安排环卫车清运，垃圾桶已清空消毒");

		driver.navigate().refresh();
		driver.get(url("/m/requests/" + trackingNo));
		assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("已办结，待您评价");
		assertThat(driver.findElement(By.id("result")).getText()).contains("已安排环卫车清运");
		assertThat(driver.findElement(By.id("timeline")).getText()).contains("已派给责任部门办理").contains("办理单位已办结")
			.doesNotContain("垃圾清运属区城管局");
		shot("05-done");
		driver.findElement(By.id("rating-SATISFIED")).click();
		driver.findElement(By.id("comment")).sendKeys("处理很及时，谢谢！");
		driver.findElement(By.cssSelector("#evaluate button")).click();
		new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("evaluated"));
		assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("已办结");
		assertThat(driver.getPageSource()).contains("感谢您的评价");
		shot("06-evaluated");

		assertThat(queries.findByTrackingNo(trackingNo).orElseThrow().outcome().name()).isEqualTo("RESOLVED");
	}

	@Test
	@DisplayName("the portal switches to English and back, and a request is found by number and the phone's last 4 digits")
	void englishAndLookup() throws Exception {
		limiter.reset();
		JsonNode c = livelihood("citizen", "wulin", "路边井盖缺失");
		driver.get(url("/m/lookup?lang=en"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Look up a request");
		driver.findElement(By.id("trackingNo")).sendKeys(c.path("trackingNo").asString());
		driver.findElement(By.id("last4")).sendKeys("5678");
		driver.findElement(By.cssSelector("form button")).click();
		new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains("Request received"));
		assertThat(driver.getPageSource()).contains("Being reviewed by the town");
		shot("07-lookup-en");
		driver.get(url("/m?lang=zh"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("榴乡诉递");
	}
}
