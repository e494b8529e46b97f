//! The auditor's console (architecture §5; Batang Pasal 3(4): an audit trail of every
//! activity): browsing and filtering the trail, before/after of each change, keyset paging,
//! and "Periksa rantai", which names a record altered behind the application's back.

#![allow(non_snake_case, clippy::unwrap_used)]

use balai_store::content::{self, AnnouncementKind};
use balai_testkit::{TestApp, backends};

const AUDITOR: &str = "taufan.maulana@mesujikab.go.id";
const PETUGAS: &str = "putri.handayani@mesujikab.go.id";
const ADMIN: &str = "admin@mesujikab.go.id";

/// The `#seq` numbers of the events listed on a page, in order.
fn seqs(html: &str) -> Vec<i64> {
    html.split(r#"<td class="num">"#)
        .skip(1)
        .filter_map(|s| s.split('<').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn auditor_sees_the_trail_newest_first_with_before_and_after__batang_3_4() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(AUDITOR).await;
        let (status, html) = app.get_text("/konsol/audit").await;
        assert_eq!(status, 200);
        let listed = seqs(&html);
        assert_eq!(listed.len(), 50, "one page of events");
        assert!(listed.windows(2).all(|w| w[0] > w[1]), "newest first");
        assert!(
            html.contains("<details>") && html.contains("<pre>{"),
            "before/after as pretty JSON"
        );
        assert!(html.contains("WIB"), "times in the mall's zone");
        assert!(html.contains("Periksa rantai"));
        // Keyset paging: the older page starts below the last event shown.
        let i = html.find(r#"rel="next""#).unwrap();
        let start = html[..i].rfind("href=\"").unwrap() + 6;
        let href = html[start..i]
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&");
        let (_, older) = app.get_text(&href).await;
        let next = seqs(&older);
        assert!(!next.is_empty() && next[0] < *listed.last().unwrap());
    }
}

#[tokio::test]
async fn audit_filters_by_actor_subject_action_and_date() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(AUDITOR).await;
        let (_, html) = app.get_text("/konsol/audit?jenis=holiday").await;
        assert!(
            html.contains("<code>holiday</code>") && !html.contains("<code>announcement</code>")
        );
        let (_, html) = app
            .get_text("/konsol/audit?jenis=deadline_rule&subjek=permit_decision_notice")
            .await;
        assert_eq!(seqs(&html).len(), 1);
        assert!(html.contains("Batang Pasal 12(2)"));
        let (_, html) = app
            .get_text("/konsol/audit?aktor=sistem&aksi=create&jenis=regulation")
            .await;
        assert_eq!(seqs(&html).len(), 14);
        let (_, html) = app
            .get_text("/konsol/audit?aktor=tidak-ada-orang-ini")
            .await;
        assert!(seqs(&html).is_empty() && html.contains("Tidak ada data yang cocok."));
        // The demo was loaded on 2 November 2026 (WIB).
        let (_, html) = app
            .get_text("/konsol/audit?jenis=regulation&dari=2026-11-02&sampai=2026-11-02")
            .await;
        assert_eq!(seqs(&html).len(), 14);
        let (_, html) = app
            .get_text("/konsol/audit?jenis=regulation&dari=2026-11-03")
            .await;
        assert!(seqs(&html).is_empty());
        let (status, html) = app.get_text("/konsol/audit?dari=kemarin").await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"id="err-dari""#));
        assert_eq!(
            app.get("/konsol/audit?sebelum=abc").await.status().as_u16(),
            404
        );
    }
}

#[tokio::test]
async fn staff_without_audit_read_are_refused() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        assert_eq!(
            app.get("/konsol/audit").await.status().as_u16(),
            303,
            "anonymous → sign in"
        );
        app.login_staff(PETUGAS).await;
        assert_eq!(app.get("/konsol/audit").await.status().as_u16(), 403);
        assert_eq!(
            app.post_form("/konsol/audit/periksa", &[])
                .await
                .status()
                .as_u16(),
            403
        );
        // The one who administers is not the one who reviews (core's role permissions).
        let admin = app.new_client();
        app.login_staff_on(&admin, ADMIN).await;
        assert_eq!(
            admin
                .get(app.at("/konsol/audit"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            403
        );
    }
}

#[tokio::test]
async fn chain_check_is_intact_on_the_demo_and_names_an_announcement_altered_with_sql() {
    for b in backends() {
        let app = TestApp::spawn_demo(b).await;
        app.login_staff(AUDITOR).await;
        let r = app.post_form("/konsol/audit/periksa", &[]).await;
        assert_eq!(r.status().as_u16(), 200);
        let html = r.text().await.unwrap();
        assert!(html.contains("Rantai audit utuh"), "intact on the demo");

        let a = content::list_announcements(&app.db, Some(AnnouncementKind::Umum), None, 1, 0)
            .await
            .unwrap()
            .items
            .remove(0);
        balai_store::on_db!(app.db.write(), p => sqlx::query("UPDATE announcements SET title = $1 WHERE id = $2")
            .bind("Judul palsu").bind(a.id).execute(p).await.map(|r| r.rows_affected()))
        .unwrap();
        let html = app
            .post_form("/konsol/audit/periksa", &[])
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Ditemukan masalah pada jejak audit"));
        assert!(
            html.contains(&format!(
                "Data announcement {} diubah di luar aplikasi.",
                a.id
            )),
            "names the row"
        );
        assert!(
            html.contains(&format!("subjek={}", a.id)),
            "links to the record's events"
        );
    }
}
