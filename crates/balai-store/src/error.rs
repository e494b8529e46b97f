//! The store's one error type. Database errors are classified by kind, never by constraint
//! name, because SQLite does not report names (architecture §2).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found: {0}")]
    NotFound(String),
    /// A unique constraint refused the row: the caller maps it to a field error.
    #[error("duplicate: {0}")]
    Duplicate(String),
    /// A foreign key refused the row (the referenced record is missing).
    #[error("missing reference: {0}")]
    MissingReference(String),
    /// An optimistic version check failed: someone else saved first.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Stored data could not be read back into its type (a bug or a hand-edited row).
    #[error("corrupt data: {0}")]
    Corrupt(String),
    /// The database could not take the write now (a failed commit, a stopped commit loop);
    /// nothing of it was stored and the caller may try again.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// Input a store function checks itself was refused, per field (message keys).
    #[error("invalid input: {0:?}")]
    Invalid(balai_core::FieldErrors),
    #[error("configuration: {0}")]
    Config(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database: {0}")]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound("row".into()),
            sqlx::Error::Database(d) => match d.kind() {
                sqlx::error::ErrorKind::UniqueViolation => {
                    StoreError::Duplicate(d.message().to_string())
                }
                sqlx::error::ErrorKind::ForeignKeyViolation => {
                    StoreError::MissingReference(d.message().to_string())
                }
                _ => StoreError::Db(e),
            },
            _ => StoreError::Db(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
