//! `balai skm import` as a user runs it: paper questionnaires from a CSV file become one
//! paper batch entered by a named officer; a file with any bad line stores nothing and every
//! problem is printed with its line and column (PermenPANRB 14/2017; Luwu Pasal 18(e)).

#![allow(non_snake_case, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("balai-cli-skm-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn balai(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_balai"))
            .args(args)
            .env(
                "BALAI_DATABASE_URL",
                format!("sqlite://{}/x.db", self.0.display()),
            )
            .env("BALAI_LOG", "error")
            .output()
            .unwrap()
    }

    fn file(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const HEADER: &str = "service_code,date,sex,age,education,occupation,PERSYARATAN,PROSEDUR,WAKTU,BIAYA,PRODUK,KOMPETENSI,PERILAKU,PENGADUAN,SARPRAS,suggestion";
const OFFICER: &str = "putri.handayani@mesujikab.go.id";

#[test]
fn a_paper_file_is_stored_as_one_batch_or_not_at_all() {
    let s = Scratch::new();
    let o = s.balai(&["seed-demo"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bad = s.file(
        "bad.csv",
        &format!(
            "{HEADER}\nKK,2026-03-02,L,40,SMA,PNS,4,4,3,4,3,3,4,2,3,\nNOPE,2026-03-02,P,30,SMA,PNS,4,4,3,4,3,3,4,2,3,\nKK,2026-03-02,P,30,SMA,PNS,4,4,3,4,3,3,4,2,7,\n"
        ),
    );
    let o = s.balai(&["skm", "import", &bad, "--by", OFFICER]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("baris 4, kolom SARPRAS: Jawaban harus 1, 2, 3, atau 4."),
        "{err}"
    );
    assert!(err.contains("Tidak ada yang disimpan"), "{err}");
    // Validation passes before service codes are looked up; then the unknown one is named.
    let unknown = s.file(
        "unknown.csv",
        &format!("{HEADER}\nKK,2026-03-02,L,40,SMA,PNS,4,4,3,4,3,3,4,2,3,\nNOPE,2026-03-02,P,30,SMA,PNS,4,4,3,4,3,3,4,2,3,\n"),
    );
    let o = s.balai(&["skm", "import", &unknown, "--by", OFFICER]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("baris 3, kolom service_code: Kode layanan tidak dikenal."),
        "{err}"
    );
    let good = s.file(
        "good.csv",
        &format!("{HEADER}\nKK,2026-03-02,L,40,SMA,PNS,4,4,3,4,3,3,4,2,3,\"Antrian cepat, terima kasih\"\nKTP-EL,2026-03-03,P,30,D4-S1,SWASTA,3,3,3,3,3,3,3,3,3,\n"),
    );
    let o = s.balai(&["skm", "import", &good, "--by", OFFICER]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("2 kuesioner kertas disimpan"));
    let o = s.balai(&["skm", "import", &good, "--by", "warga@example.id"]);
    assert!(!o.status.success());
    let o = s.balai(&["audit", "verify"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}
