//! Who may do what: roles, permissions, the acting person, password and lockout rules.
//!
//! Access rights go by role and organisation (Batang Pasal 5; requirements §8): every staff
//! user belongs to one organisation and sees only its data unless the role is mall-wide.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::error::CoreError;
use crate::macros::string_enum;

#[cfg(test)]
mod tests;

string_enum! {
    /// The roles of requirements.md ("Users, by role").
    pub enum Role (field = "role") {
        /// Citizen or applicant, a person or a legal entity (Batang Pasal 7).
        Warga = "warga", "Warga / Pemohon", "Citizen / applicant";
        /// Front-office officer at a counter (Pelaksana).
        Petugas = "petugas", "Petugas Layanan", "Counter officer";
        /// Technical team of a technical agency: inspection and recommendation.
        TimTeknis = "tim_teknis", "Tim Teknis", "Technical team";
        /// Official who decides and signs (Batang Pasal 11(4)).
        Pejabat = "pejabat", "Pejabat Penandatangan", "Signing official";
        /// Complaint manager assigned by the provider (Seluma Pasal 43(1)).
        PengelolaPengaduan = "pengelola_pengaduan", "Pengelola Pengaduan", "Complaint manager";
        /// The mall's organiser, DPMPTSP ex officio (Mesuji Pasal 4(1)).
        AdminMpp = "admin_mpp", "Admin MPP", "Mall administrator";
        /// Bupati, Sekda and the monitoring team (Mesuji Pasal 13).
        Pimpinan = "pimpinan", "Pimpinan", "Leadership";
        /// Read-only access to the audit trail.
        Auditor = "auditor", "Auditor", "Auditor";
    }
}

impl Role {
    /// Everyone but the citizen works for a provider.
    pub fn is_staff(self) -> bool {
        self != Role::Warga
    }

    /// Roles that see every organisation of the mall: its organiser, its leadership, and the
    /// auditor (Mesuji Pasal 4, 13).
    pub fn is_mall_wide(self) -> bool {
        matches!(self, Role::AdminMpp | Role::Pimpinan | Role::Auditor)
    }
}

string_enum! {
    /// What an actor may do. Checked by handlers before calling the rules.
    pub enum Permission (field = "permission") {
        CatalogRead = "catalog_read", "Melihat katalog (konsol)", "Read the catalogue (console)";
        CatalogManage = "catalog_manage", "Mengelola organisasi, gerai, dan layanan",
            "Manage organisations, counters and services";
        StandardDraft = "standard_draft", "Menyusun rancangan standar pelayanan",
            "Draft service standards";
        StandardAdopt = "standard_adopt", "Menetapkan standar pelayanan", "Adopt service standards";
        CommentModerate = "comment_moderate", "Memoderasi tanggapan publik",
            "Moderate public comments";
        UsersManage = "users_manage", "Mengelola pengguna dan hak akses", "Manage users and access";
        TokensManage = "tokens_manage", "Mengelola token API", "Manage API tokens";
        CalendarManage = "calendar_manage", "Mengelola kalender dan tenggat",
            "Manage the calendar and deadlines";
        AnnouncementsManage = "announcements_manage", "Mengelola pengumuman",
            "Manage announcements";
        AuditRead = "audit_read", "Melihat jejak audit", "Read the audit trail";
        ReportsRead = "reports_read", "Melihat laporan dan dasbor", "Read reports and dashboards";
        ApplicationsWork = "applications_work", "Memproses permohonan", "Work on applications";
        ComplaintsHandle = "complaints_handle", "Menangani pengaduan", "Handle complaints";
        QueueServe = "queue_serve", "Melayani antrean", "Serve the queue";
        PersonalDataView = "personal_data_view", "Melihat data pribadi tanpa samaran",
            "View unmasked personal data";
        NotificationsResend = "notifications_resend", "Mengirim ulang notifikasi yang gagal",
            "Send failed notifications again";
        /// Signing with one's own key, under one's sole control (Batang Pasal 14).
        DocumentsSign = "documents_sign", "Menandatangani dokumen secara elektronik",
            "Sign documents electronically";
    }
}

use Permission as P;

/// Citizens act on their own records, which is checked by ownership, not by permission.
const WARGA: &[Permission] = &[];
/// Counter officers serve the queue, receive and verify applications (requirements
/// "petugas"), see the applicant's NIK to check it against the ID card, and send a failed
/// notice to an applicant again (they are the applicant's contact at the counter).
const PETUGAS: &[Permission] = &[
    P::CatalogRead,
    P::QueueServe,
    P::ApplicationsWork,
    P::PersonalDataView,
    P::NotificationsResend,
];
/// The technical team inspects and recommends on applications forwarded to it.
const TIM_TEKNIS: &[Permission] = &[P::CatalogRead, P::ApplicationsWork, P::PersonalDataView];
/// The official decides and signs (Batang Pasal 11(4), 14), and as head of the unit drafts and
/// adopts its service standards ("ditetapkan oleh kepala unit Penyelenggara"); reads the
/// unit's reports.
const PEJABAT: &[Permission] = &[
    P::CatalogRead,
    P::ApplicationsWork,
    P::DocumentsSign,
    P::StandardDraft,
    P::StandardAdopt,
    P::ReportsRead,
    P::PersonalDataView,
];
/// The complaint manager handles complaints, needs the complainant's identity, and sends a
/// failed notice to a complainant again.
const PENGELOLA_PENGADUAN: &[Permission] = &[
    P::CatalogRead,
    P::ComplaintsHandle,
    P::PersonalDataView,
    P::NotificationsResend,
];
/// The mall organiser manages organisations, counters, services, users and access rights
/// (Batang Pasal 5(5)), the calendar, announcements, the standards consultation, integrations
/// (API tokens, webhooks) and notifications that failed. It does not
/// read the audit trail: the one who administers is not the one who reviews.
const ADMIN_MPP: &[Permission] = &[
    P::CatalogRead,
    P::CatalogManage,
    P::StandardDraft,
    P::StandardAdopt,
    P::CommentModerate,
    P::UsersManage,
    P::TokensManage,
    P::CalendarManage,
    P::AnnouncementsManage,
    P::ReportsRead,
    P::NotificationsResend,
];
/// Leadership reads dashboards and reports, read-only (Mesuji Pasal 13; Seluma Pasal 6–7).
const PIMPINAN: &[Permission] = &[P::CatalogRead, P::ReportsRead];
/// The auditor reads the audit trail and the reports it checks.
const AUDITOR: &[Permission] = &[P::AuditRead, P::ReportsRead];

/// The permissions of each role (see the comments on each set for the reasons).
pub fn role_permissions(role: Role) -> &'static [Permission] {
    match role {
        Role::Warga => WARGA,
        Role::Petugas => PETUGAS,
        Role::TimTeknis => TIM_TEKNIS,
        Role::Pejabat => PEJABAT,
        Role::PengelolaPengaduan => PENGELOLA_PENGADUAN,
        Role::AdminMpp => ADMIN_MPP,
        Role::Pimpinan => PIMPINAN,
        Role::Auditor => AUDITOR,
    }
}

/// The person, token or process doing something, as recorded in the audit trail.
///
/// - A logged-in user: `role` set; permissions come from the role. If `permissions` is also
///   non-empty (a personal API token), only permissions in both count: a token never exceeds
///   its owner's role.
/// - A service token: `role` is `None`; `permissions` is the token's own set.
/// - [`Actor::system`]: no role, every permission, no organisation (mall-wide).
/// - [`Actor::anonymous`]: no role, no permission.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub name: String,
    pub role: Option<Role>,
    pub organisation_id: Option<Uuid>,
    pub permissions: Vec<Permission>,
}

impl Actor {
    /// The platform itself (background jobs, scheduled escalations).
    pub fn system() -> Self {
        Self {
            user_id: None,
            name: "sistem".to_owned(),
            role: None,
            organisation_id: None,
            permissions: Permission::ALL.to_vec(),
        }
    }

    /// A visitor who has not logged in.
    pub fn anonymous() -> Self {
        Self {
            user_id: None,
            name: "anonim".to_owned(),
            role: None,
            organisation_id: None,
            permissions: Vec::new(),
        }
    }

    /// A logged-in user with a role.
    pub fn user(user_id: Uuid, name: &str, role: Role, organisation_id: Option<Uuid>) -> Self {
        Self {
            user_id: Some(user_id),
            name: name.to_owned(),
            role: Some(role),
            organisation_id,
            permissions: Vec::new(),
        }
    }

    /// True for the visitor who has not logged in.
    pub fn is_anonymous(&self) -> bool {
        self.user_id.is_none() && self.role.is_none() && self.permissions.is_empty()
    }

    /// Whether the actor holds `p` (see the type's documentation for the three cases).
    pub fn has(&self, p: Permission) -> bool {
        match self.role {
            Some(role) => {
                role_permissions(role).contains(&p)
                    && (self.permissions.is_empty() || self.permissions.contains(&p))
            }
            None => self.permissions.contains(&p),
        }
    }

    /// Whether the actor may act on organisation `org`: mall-wide roles on any; other roles
    /// only on their own. An actor without a role (system, service token) is mall-wide when it
    /// has no organisation and holds some permission, else limited to its organisation.
    pub fn can_touch_org(&self, org: Uuid) -> bool {
        match self.role {
            Some(role) if role.is_mall_wide() => true,
            Some(_) => self.organisation_id == Some(org),
            None => match self.organisation_id {
                Some(own) => own == org,
                None => !self.permissions.is_empty(),
            },
        }
    }

    /// `Ok` when the actor holds `p`, else `Forbidden`.
    pub fn require(&self, p: Permission) -> Result<(), CoreError> {
        if self.has(p) {
            Ok(())
        } else {
            Err(CoreError::Forbidden(format!("missing permission {p}")))
        }
    }

    /// `Ok` when the actor holds `p` and may act on `org`, else `Forbidden`.
    pub fn require_org(&self, p: Permission, org: Uuid) -> Result<(), CoreError> {
        self.require(p)?;
        if self.can_touch_org(org) {
            Ok(())
        } else {
            Err(CoreError::Forbidden(format!(
                "organisation {org} is not yours"
            )))
        }
    }
}

/// Shortest and longest password accepted. 128 characters bounds the Argon2 input.
const PASSWORD_MIN: usize = 10;
const PASSWORD_MAX: usize = 128;

/// Refuses passwords that are easy to guess: fewer than 10 or more than 128 characters, a
/// single repeated character, or only digits (dates of birth, phone numbers, NIK fragments).
/// Error: `Invalid { field: "password", message_key: "err-password-weak" }`.
pub fn check_password_strength(pw: &str) -> Result<(), CoreError> {
    let weak = || CoreError::invalid("password", "err-password-weak");
    let count = pw.chars().count();
    if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&count) {
        return Err(weak());
    }
    let mut chars = pw.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return Err(weak());
    }
    if pw.chars().all(|c| c.is_ascii_digit()) {
        return Err(weak());
    }
    Ok(())
}

/// How many failed logins lock an account, and for how long. Data, so an administrator can
/// tighten it; the default is 5 failures → 15 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    pub lock_minutes: i64,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            lock_minutes: 15,
        }
    }
}

impl LockoutPolicy {
    /// Until when an account with `failures` consecutive failures, the last at `last_failure`,
    /// stays locked; `None` when it is not locked.
    pub fn locked_until(
        &self,
        failures: u32,
        last_failure: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if failures < self.max_failures.max(1) {
            return None;
        }
        last_failure.checked_add_signed(Duration::minutes(self.lock_minutes.max(0)))
    }

    /// True when the account is locked at `now`.
    pub fn is_locked(
        &self,
        failures: u32,
        last_failure: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> bool {
        self.locked_until(failures, last_failure)
            .is_some_and(|until| now < until)
    }
}
