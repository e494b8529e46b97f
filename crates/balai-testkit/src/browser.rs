//! Real headless Chromium for end-to-end journeys (Debian `chromium` + `chromium-driver`),
//! driven over WebDriver by fantoccini.
//!
//! Every helper here waits for what it needs with a bounded WebDriver wait (never a sleep), and
//! when something is not there it saves a screenshot and the page's HTML under
//! `/tmp/balai-browser/` (or `BALAI_BROWSER_ARTIFACTS`) and panics with a sentence naming the
//! page, the element and the files. The accessibility checker (`a11y.js`, our own) runs in the
//! page at any width, 320 px included.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long a helper waits for an element or a text before failing the test.
pub const WAIT: Duration = Duration::from_secs(10);
/// The desktop width the journeys run at.
pub const WIDE: u32 = 1280;
/// The narrowest width WCAG 2.1 §1.4.10 (Reflow) asks content to work at.
pub const NARROW: u32 = 320;
const HEIGHT: u32 = 900;

/// A running chromedriver and a browser session; both end when dropped, even after a panic.
pub struct Browser {
    pub client: Client,
    driver: Child,
    driver_port: u16,
    session_id: Option<String>,
    profile: PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9515)
}

/// Where failure screenshots and page sources go.
pub fn artifact_dir() -> PathBuf {
    std::env::var_os("BALAI_BROWSER_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/balai-browser"))
}

/// Starts chromedriver and returns once it says it listens. Its output keeps being drained by
/// a thread: a closed pipe would kill it with SIGPIPE on its next log line.
fn start_driver(bin: &str, port: u16) -> Child {
    let mut driver = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e} (install chromium-driver)"));
    let Some(out) = driver.stdout.take() else {
        return driver;
    };
    let mut lines = std::io::BufReader::new(out).lines();
    let mut started = false;
    for line in lines.by_ref() {
        match line {
            Ok(l) if l.contains("started successfully") => {
                started = true;
                break;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    assert!(
        started,
        "{bin} exited before it started listening on port {port}"
    );
    std::thread::spawn(move || lines.for_each(drop));
    driver
}

fn capabilities(
    chrome_bin: &str,
    profile: &std::path::Path,
) -> serde_json::Map<String, serde_json::Value> {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chrome_bin,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--hide-scrollbars",
                format!("--window-size={WIDE},{HEIGHT}"), "--lang=id-ID",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    match caps {
        serde_json::Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

/// An XPath string literal for `s`, whatever quotes it holds.
pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

impl Browser {
    /// Starts chromedriver (`BALAI_CHROMEDRIVER` or `chromedriver` on PATH) and a headless
    /// Chromium (`BALAI_CHROMIUM` or `/usr/bin/chromium`) with a fresh profile, 1280 px wide.
    pub async fn start() -> Browser {
        let driver_bin =
            std::env::var("BALAI_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chrome_bin =
            std::env::var("BALAI_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let driver = tokio::task::spawn_blocking(move || start_driver(&driver_bin, port))
            .await
            .unwrap_or_else(|e| panic!("chromedriver start-up thread failed: {e}"));
        let profile = std::env::temp_dir().join(format!("balai-chrome-{}", uuid::Uuid::now_v7()));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let connected = ClientBuilder::new(connector)
            .capabilities(capabilities(&chrome_bin, &profile))
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        let mut browser = match connected {
            Ok(client) => Browser {
                client,
                driver,
                driver_port: port,
                session_id: None,
                profile,
            },
            Err(e) => {
                let mut driver = driver;
                let _ = driver.kill();
                let _ = driver.wait();
                panic!("could not start a browser session with {chrome_bin}: {e}");
            }
        };
        browser.session_id = browser.client.session_id().await.ok().flatten();
        browser
    }

    /// Opens `url` (absolute, e.g. `app.at("/layanan")`).
    pub async fn goto(&self, url: &str) {
        if let Err(e) = self.client.goto(url).await {
            self.fail(&format!("could not open {url}: {e}")).await;
        }
    }

    /// The current path and query, e.g. `/layanan?q=ktp`.
    pub async fn path(&self) -> String {
        match self.client.current_url().await {
            Ok(u) => match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            },
            Err(e) => format!("(unknown page: {e})"),
        }
    }

    /// Waits (at most [`WAIT`]) for an element matching `locator`; fails the test naming
    /// `what` when there is none.
    pub async fn wait_for(&self, locator: Locator<'_>, what: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(locator).await {
            Ok(el) => el,
            Err(e) => self.fail(&format!("{what} did not appear ({e})")).await,
        }
    }

    /// Waits for the element matching the CSS selector `css`.
    pub async fn find(&self, css: &str) -> Element {
        self.wait_for(Locator::Css(css), &format!("element `{css}`"))
            .await
    }

    /// Waits for a link whose visible text contains `text`.
    pub async fn find_link(&self, text: &str) -> Element {
        let xpath = format!("//a[contains(normalize-space(.), {})]", xpath_literal(text));
        self.wait_for(
            Locator::XPath(&xpath),
            &format!("a link containing {text:?}"),
        )
        .await
    }

    /// Waits for a button (or submit input) whose text contains `text`.
    pub async fn find_button(&self, text: &str) -> Element {
        let lit = xpath_literal(text);
        let xpath = format!(
            "//button[contains(normalize-space(.), {lit})] | //input[@type='submit' and contains(@value, {lit})]"
        );
        self.wait_for(
            Locator::XPath(&xpath),
            &format!("a button containing {text:?}"),
        )
        .await
    }

    /// Waits until the page's main content (`<main>`, else `<body>`) contains `text`.
    pub async fn wait_for_text(&self, text: &str) {
        let lit = xpath_literal(text);
        let xpath = format!("(//main | //body[not(.//main)])[contains(normalize-space(.), {lit})]");
        self.wait_for(Locator::XPath(&xpath), &format!("the text {text:?}"))
            .await;
    }

    /// The visible text of the page's body.
    pub async fn body_text(&self) -> String {
        match self
            .client
            .execute(
                "return document.body ? document.body.innerText : ''",
                vec![],
            )
            .await
        {
            Ok(serde_json::Value::String(s)) => s,
            _ => String::new(),
        }
    }

    /// Replaces the value of the control matching `css` with `value`.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.find(css).await;
        self.fill_element(&el, css, value).await;
    }

    /// Replaces the value of the control `el` (named `what` in failures) with `value`.
    pub async fn fill_element(&self, el: &Element, what: &str, value: &str) {
        let kind = el.attr("type").await.ok().flatten().unwrap_or_default();
        // Date inputs take keystrokes in the browser's locale order; set the ISO value instead.
        let result = if matches!(kind.as_str(), "date" | "time" | "datetime-local" | "month") {
            let arg = serde_json::to_value(el).unwrap_or_default();
            self.client
                .execute(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true})); return null;",
                    vec![arg, serde_json::Value::String(value.to_string())],
                )
                .await
                .map(drop)
        } else {
            match el.clear().await {
                Ok(()) => el.send_keys(value).await,
                Err(e) => Err(e),
            }
        };
        if let Err(e) = result {
            self.fail(&format!("could not type into {what}: {e}")).await;
        }
    }

    /// Chooses the option with value `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let el = self.find(css).await;
        if let Err(e) = el.select_by_value(value).await {
            self.fail(&format!("could not choose {value:?} in {css}: {e}"))
                .await;
        }
    }

    /// Ticks the checkbox matching `css` if it is not ticked yet.
    pub async fn check(&self, css: &str) {
        let el = self.find(css).await;
        if !el.is_selected().await.unwrap_or(false)
            && let Err(e) = el.click().await
        {
            self.fail(&format!("could not tick {css}: {e}")).await;
        }
    }

    /// Clicks `el` (named `what` in failures).
    pub async fn click_element(&self, el: &Element, what: &str) {
        if let Err(e) = el.click().await {
            self.fail(&format!("could not click {what}: {e}")).await;
        }
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        self.click_element(&el, css).await;
    }

    /// Clicks `el`, which leads to another page (a link, a form's submit button), and waits
    /// until that page has replaced this one. Chromium's click does not always wait for the
    /// navigation it starts, so the old document is marked first and the wait is for an
    /// unmarked one.
    pub async fn follow_element(&self, el: &Element, what: &str) {
        let mark = "document.documentElement.setAttribute('data-balai-left', ''); return null;";
        if let Err(e) = self.client.execute(mark, vec![]).await {
            self.fail(&format!(
                "could not mark the page before clicking {what}: {e}"
            ))
            .await;
        }
        self.click_element(el, what).await;
        let next = Locator::Css("html:not([data-balai-left])");
        self.wait_for(next, &format!("the page after clicking {what}"))
            .await;
    }

    /// Clicks the link or button matching `css` and waits for the page it leads to.
    pub async fn follow(&self, css: &str) {
        let el = self.find(css).await;
        self.follow_element(&el, css).await;
    }

    /// Sets the window to `width` × 900 CSS pixels (the layout viewport follows).
    pub async fn set_width(&self, width: u32) {
        if let Err(e) = self.client.set_window_size(width, HEIGHT).await {
            self.fail(&format!("could not resize the window to {width}px: {e}"))
                .await;
        }
    }

    /// Runs the accessibility checker (our own, `a11y.js`) on the current page and returns
    /// the problems it found, each a sentence naming the element.
    pub async fn accessibility_problems(&self) -> Vec<String> {
        self.keyboard_modality().await;
        let script = include_str!("a11y.js");
        match self.client.execute(script, vec![]).await {
            Ok(serde_json::Value::Array(v)) => v
                .into_iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
            Ok(other) => vec![format!("checker returned {other}")],
            Err(e) => vec![format!("checker failed: {e}")],
        }
    }

    /// Runs the checker at each width in `widths` (the window is resized, the page is not
    /// reloaded) and returns every problem prefixed with the page and the width; leaves the
    /// window at [`WIDE`]. Saves a screenshot of each width that had problems.
    pub async fn accessibility_problems_at(&self, widths: &[u32]) -> Vec<String> {
        let page = self.path().await;
        let mut all = vec![];
        for &w in widths {
            self.set_width(w).await;
            let found = self.accessibility_problems().await;
            if !found.is_empty() {
                all.extend(found.into_iter().map(|p| format!("{page} at {w}px: {p}")));
                let files = self.save_artifacts(&format!("a11y-{w}px")).await;
                all.push(format!("{page} at {w}px: (screenshot and HTML: {files})"));
            }
        }
        self.set_width(WIDE).await;
        all
    }

    /// Presses and releases Shift, as a keyboard user would. After a click the page is in
    /// pointer modality and Chromium would not match `:focus-visible` on focus; the checker's
    /// focus-indicator rule (WCAG 2.4.7) needs keyboard modality.
    async fn keyboard_modality(&self) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        const SHIFT: char = '\u{E008}';
        let keys = KeyActions::new("balai-keyboard".into())
            .then(KeyAction::Down { value: SHIFT })
            .then(KeyAction::Up { value: SHIFT });
        if let Err(e) = self.client.perform_actions(keys).await {
            self.fail(&format!("could not press Shift: {e}")).await;
        }
    }

    /// Saves a screenshot and the page source under [`artifact_dir`]; returns where.
    pub async fn save_artifacts(&self, label: &str) -> String {
        let dir = artifact_dir();
        if std::fs::create_dir_all(&dir).is_err() {
            return format!("could not create {}", dir.display());
        }
        let safe: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .take(60)
            .collect();
        let stem = dir.join(format!("{safe}-{}", uuid::Uuid::now_v7().simple()));
        let png = stem.with_extension("png");
        let html = stem.with_extension("html");
        if let Ok(bytes) = self.client.screenshot().await {
            let _ = std::fs::write(&png, bytes);
        }
        if let Ok(src) = self.client.source().await {
            let _ = std::fs::write(&html, src);
        }
        format!("{} and {}", png.display(), html.display())
    }

    /// Fails the test: saves a screenshot and the page source, then panics with `msg`, the
    /// page it happened on and where the files are.
    pub async fn fail(&self, msg: &str) -> ! {
        let page = self.path().await;
        let files = self.save_artifacts("failure").await;
        panic!("{msg} on {page} (screenshot and HTML: {files})");
    }

    /// Ends the browser session and chromedriver.
    pub async fn close(mut self) {
        if self.client.clone().close().await.is_ok() {
            self.session_id = None;
        }
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        if let Some(id) = self.session_id.take() {
            delete_session_blocking(self.driver_port, &id);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Asks chromedriver to end session `id` (which quits Chromium) without an async runtime:
/// used from `Drop`, when a failed test unwinds past an open session.
fn delete_session_blocking(port: u16, id: &str) {
    use std::io::{Read, Write};
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
        return;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(20)));
    let req = format!(
        "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if s.write_all(req.as_bytes()).is_ok() {
        let mut sink = Vec::new();
        let _ = s.read_to_end(&mut sink);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.stop_driver();
    }
}
