//! The two migration folders must stay in step (architecture §2).

use std::collections::BTreeSet;
use std::path::Path;

fn names(engine: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect()
}

#[test]
fn sqlite_and_postgres_have_the_same_migrations() {
    let s = names("sqlite");
    let p = names("postgres");
    assert!(!s.is_empty());
    assert_eq!(
        s, p,
        "every migration needs a twin with the same version and name"
    );
}

#[test]
fn migrations_use_only_portable_types() {
    for f in names("postgres") {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations/postgres")
            .join(&f);
        let sql = std::fs::read_to_string(path).expect("read").to_uppercase();
        for banned in ["SERIAL", "NUMERIC", "[]", "JSONB"] {
            assert!(
                !sql.contains(banned),
                "{f} uses {banned}: not portable (architecture §2)"
            );
        }
    }
}
