//! End-to-end journeys in headless Chromium (issue 2, "Done when"): a visitor finds a service
//! and reads its standard in both languages; an administrator drafts, consults on and adopts a
//! new standard version that a citizen commented on; every public page (and every console
//! page) passes the accessibility check. Run with
//! `cargo test --workspace --test browser -- --ignored --test-threads=1`
//! (needs Debian's `chromium` and `chromium-driver`). Failures leave a screenshot and the page's
//! HTML under `/tmp/balai-browser/`.

#[path = "browser/admin.rs"]
mod admin;
#[path = "browser/console.rs"]
mod console;
#[path = "browser/public.rs"]
mod public;
#[path = "browser/support.rs"]
mod support;

use balai_testkit::TestApp;
use balai_testkit::browser::Browser;

#[tokio::test]
#[ignore = "browser: run by .ci/run with --ignored"]
async fn visitor_finds_a_service_and_reads_its_standard_in_both_languages() {
    for b in balai_testkit::backends() {
        println!("on {b:?}");
        let app = TestApp::spawn_demo(b).await;
        let br = Browser::start().await;
        public::find_and_read_a_standard(&app, &br).await;
        br.close().await;
    }
}

/// Seluma Pasal 21(2) (public comment on a draft standard), PermenPANRB 16/2017 (the
/// consultation forum before adoption).
#[tokio::test]
#[ignore = "browser: run by .ci/run with --ignored"]
async fn administrator_drafts_consults_and_adopts_a_new_standard_version() {
    for b in balai_testkit::backends() {
        println!("on {b:?}");
        let app = TestApp::spawn_demo(b).await;
        let admin = Browser::start().await;
        let citizen = Browser::start().await;
        admin::draft_consult_and_adopt(&app, &admin, &citizen).await;
        citizen.close().await;
        admin.close().await;
        let report = balai_store::snapshots::verify(&app.db)
            .await
            .expect("verify");
        assert!(
            report.problems.is_empty(),
            "audit trail after the journey on {b:?}: {:?}",
            report.problems
        );
    }
}

/// WCAG 2.1 AA, the rules a machine can check (crates/balai-testkit/src/a11y.js), at 1280 px
/// and at 320 px (§1.4.10 Reflow), in Bahasa Indonesia and English.
#[tokio::test]
#[ignore = "browser: run by .ci/run with --ignored"]
async fn every_public_page_passes_the_accessibility_check() {
    for b in balai_testkit::backends() {
        println!("on {b:?}");
        let app = TestApp::spawn_demo(b).await;
        let br = Browser::start().await;
        let problems = public::accessibility_sweep(&app, &br).await;
        br.close().await;
        assert!(
            problems.is_empty(),
            "{} accessibility problems on {b:?}:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}

/// The same check on the staff console (administrator and auditor pages), in both languages
/// and at both widths.
#[tokio::test]
#[ignore = "browser: run by .ci/run with --ignored"]
async fn every_console_page_passes_the_accessibility_check() {
    for b in balai_testkit::backends() {
        println!("on {b:?}");
        let app = TestApp::spawn_demo(b).await;
        let br = Browser::start().await;
        let problems = console::accessibility_sweep(&app, &br).await;
        br.close().await;
        assert!(
            problems.is_empty(),
            "{} accessibility problems on {b:?}:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}
