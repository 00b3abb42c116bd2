package com.chatnation.crm.application.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * One headless Chromium for the whole test run (Debian's {@code chromium} and {@code chromium-driver}), started on
 * first use and closed when the JVM ends. Tests share it one after another: each starts by logging in afresh, so no
 * session leaks from one test into the next.
 */
public final class Browser {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static Browser shared;

    private final ChromeDriver driver;
    private final Path profile;
    private String baseUrl;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The shared browser, pointed at {@code baseUrl} and logged out. */
    public static synchronized Browser at(String baseUrl) {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::quit, "browser-shutdown"));
        }
        shared.baseUrl = baseUrl;
        shared.driver.manage().deleteAllCookies();
        return shared;
    }

    private static Browser start() {
        try {
            Path profile = Files.createTempDirectory("crm-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(executable("CHROMIUM_BIN", "/usr/bin/chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")))
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        String path = configured == null || configured.isBlank() ? fallback : configured;
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver "
                    + "(.ci/run does) or set " + variable);
        }
        return path;
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public Browser logIn(TeamMembers.Member member) {
        open("/login");
        driver.findElement(By.id("login")).sendKeys(member.login());
        driver.findElement(By.id("password")).sendKeys(member.password());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(ExpectedConditions.urlToBe(baseUrl + "/app"));
        return this;
    }

    public WebElement find(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(PATIENCE, condition);
    }

    /**
     * Retries {@code condition} until it gives a value; an element a page's polling replaced meanwhile (stale) is
     * looked up again rather than failing the test.
     */
    public <T> T waitFor(Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** The text of the element once it shows, read again if a page's polling replaced it in between. */
    public String textOf(By by) {
        return waitFor(driver -> driver.findElement(by).getText());
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Saves the whole page, not only what the window shows: the window grows to the page's height (at most 4000
     * pixels) for the picture and gets its size back afterwards.
     */
    public Path screenshotOfWholePage(String name) {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        try {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
                    Math.min(4000, Math.max(before.getHeight(), height.intValue() + 150))));
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /**
     * How far {@code path} scrolls sideways on a phone's screen (390 by 844 pixels), once {@code ready} shows; 0 when
     * the page fits. The window gets its desktop size back afterwards.
     */
    public long sidewaysScrollOnAPhone(String path, By ready) {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open(path);
            find(ready);
            return ((Number) driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private void quit() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
