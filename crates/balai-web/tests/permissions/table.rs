//! The route table: every page and API route registered in `src/pages/**` and `src/api/**`,
//! the concrete path the matrix requests (`:name` segments are filled from the demo data by
//! `fixtures`), and who may use it, in the terms of `balai_core::identity::role_permissions`.
//! A route may have several rows (the same route on two organisations' data).

use balai_core::identity::Permission as P;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Whose data an organisation-scoped route touches.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Data of the organisation with this code: its own staff, or a mall-wide role.
    Org(&'static str),
    /// Data of no organisation (a citizen's account, a mall-wide token): mall-wide roles only.
    MallWide,
}

/// Who may use a route.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    /// Everyone, signed in or not. A POST is probed with an empty form: 422 for everyone.
    Public,
    /// Signing out: anyone. Only the visitor without a session is probed (303 to `/`); the
    /// others would lose the session the rest of the matrix uses.
    SignOut,
    /// The TOTP code step: a staff member between password and code.
    TotpCode,
    /// TOTP enrolment: a staff member between password and code who has no authenticator yet.
    TotpEnrol,
    /// Anyone signed in (a citizen, or staff past TOTP).
    SignedIn,
    /// Any staff member past TOTP.
    Staff,
    /// Staff holding the permission.
    Perm(P),
    /// Staff holding one of the permissions.
    AnyOf(&'static [P]),
    /// Staff holding the permission who may act on the scope.
    PermIn(P, Scope),
    /// Staff holding one of the permissions who may act on the scope.
    AnyOfIn(&'static [P], Scope),
    /// API callers with a bearer token: 401 without one, whatever cookies they carry.
    Token,
    /// The signed-in person with this e-mail (their own message); anyone else signed in: 404.
    Recipient(&'static str),
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: Method,
    /// The route as registered (full path, with `{param}`s).
    pub pattern: &'static str,
    /// The path requested; `:name` segments come from the fixtures.
    pub path: &'static str,
    pub who: Who,
}

const fn get(pattern: &'static str, path: &'static str, who: Who) -> Route {
    Route {
        method: Method::Get,
        pattern,
        path,
        who,
    }
}

const fn post(pattern: &'static str, path: &'static str, who: Who) -> Route {
    Route {
        method: Method::Post,
        pattern,
        path,
        who,
    }
}

/// The permissions that open the services console (any one of them).
const SERVICES_CONSOLE: &[P] = &[P::CatalogManage, P::StandardDraft, P::StandardAdopt];
const DPMPTSP: Scope = Scope::Org("DPMPTSP");
const DUKCAPIL: Scope = Scope::Org("DISDUKCAPIL");

const CATALOG: Who = Who::Perm(P::CatalogManage);
const CATALOG_DUKCAPIL: Who = Who::PermIn(P::CatalogManage, DUKCAPIL);
const CALENDAR: Who = Who::Perm(P::CalendarManage);
const NEWS: Who = Who::Perm(P::AnnouncementsManage);
const USERS: Who = Who::Perm(P::UsersManage);

/// Public pages, sign-in and account pages.
#[rustfmt::skip]
const PUBLIC_PAGES: &[Route] = &[
    get("/", "/", Who::Public),
    get("/pengumuman", "/pengumuman", Who::Public),
    get("/pengumuman/{id}", "/pengumuman/:announcement", Who::Public),
    get("/regulasi", "/regulasi", Who::Public),
    get("/layanan", "/layanan", Who::Public),
    get("/layanan/{kode}", "/layanan/PBG", Who::Public),
    post("/layanan/{kode}/konsultasi", "/layanan/AKTA-LAHIR/konsultasi", Who::Public),
    get("/instansi", "/instansi", Who::Public),
    get("/survei", "/survei", Who::Public),
    post("/survei", "/survei", Who::Public),
    get("/survei/{kode}", "/survei/:skm_code", Who::Public),
    post("/survei/{kode}", "/survei/:skm_code", Who::Public),
    get("/ikm", "/ikm", Who::Public),
    get("/ikm/unduh.csv", "/ikm/unduh.csv", Who::Public),
    get("/instansi/{kode}", "/instansi/DPMPTSP", Who::Public),
    get("/instansi/{kode}/kesepakatan", "/instansi/DPMPTSP/kesepakatan", Who::Public),
    get("/masuk", "/masuk", Who::Public),
    post("/masuk", "/masuk", Who::Public),
    post("/keluar", "/keluar", Who::SignOut),
    get("/masuk/totp", "/masuk/totp", Who::TotpCode),
    post("/masuk/totp", "/masuk/totp", Who::TotpCode),
    get("/masuk/totp/daftar", "/masuk/totp/daftar", Who::TotpEnrol),
    post("/masuk/totp/daftar", "/masuk/totp/daftar", Who::TotpEnrol),
    get("/daftar", "/daftar", Who::Public),
    post("/daftar", "/daftar", Who::Public),
    get("/akun", "/akun", Who::SignedIn),
    get("/akun/sandi", "/akun/sandi", Who::SignedIn),
    post("/akun/sandi", "/akun/sandi", Who::SignedIn),
    get("/akun/pesan", "/akun/pesan", Who::SignedIn),
    get("/akun/pesan/{id}", "/akun/pesan/:message_warga", Who::Recipient("warga@example.id")),
    get("/pengaduan/baru", "/pengaduan/baru", Who::Public),
    post("/pengaduan/baru", "/pengaduan/baru", Who::Public),
    get("/pengaduan/status", "/pengaduan/status", Who::Public),
    post("/pengaduan/status", "/pengaduan/status", Who::Public),
    post("/pengaduan/status/tindakan", "/pengaduan/status/tindakan", Who::Public),
    post("/pengaduan/tanda-terima", "/pengaduan/tanda-terima", Who::Public),
    get("/layanan/{kode}/ajukan", "/layanan/SIP-NAKES/ajukan", Who::SignedIn),
    post("/layanan/{kode}/ajukan", "/layanan/SIP-NAKES/ajukan", Who::SignedIn),
    get("/akun/permohonan", "/akun/permohonan", Who::SignedIn),
    get("/akun/permohonan/{id}", "/akun/permohonan/:application_warga", Who::Recipient("warga@example.id")),
    post("/akun/permohonan/{id}", "/akun/permohonan/:application_warga", Who::Recipient("warga@example.id")),
    post("/akun/permohonan/{id}/dokumen", "/akun/permohonan/:application_warga/dokumen", Who::Recipient("warga@example.id")),
    post("/akun/permohonan/{id}/ajukan", "/akun/permohonan/:application_warga/ajukan", Who::Recipient("warga@example.id")),
    get("/akun/permohonan/{id}/tanda-terima", "/akun/permohonan/:application_warga/tanda-terima", Who::Recipient("warga@example.id")),
    get("/lacak", "/lacak", Who::Public),
];

/// Organisations, counters, officers and charters in the console.
#[rustfmt::skip]
const CATALOG_CONSOLE: &[Route] = &[
    get("/konsol", "/konsol", Who::Staff),
    get("/konsol/pengaduan", "/konsol/pengaduan", Who::Perm(P::ComplaintsHandle)),
    get("/konsol/pengaduan/baru", "/konsol/pengaduan/baru", Who::Perm(P::ComplaintsHandle)),
    post("/konsol/pengaduan/baru", "/konsol/pengaduan/baru", Who::Perm(P::ComplaintsHandle)),
    get("/konsol/instansi", "/konsol/instansi", CATALOG),
    get("/konsol/instansi/baru", "/konsol/instansi/baru", CATALOG),
    post("/konsol/instansi/baru", "/konsol/instansi/baru", CATALOG),
    get("/konsol/instansi/{kode}/ubah", "/konsol/instansi/DISDUKCAPIL/ubah", CATALOG_DUKCAPIL),
    post("/konsol/instansi/{kode}/ubah", "/konsol/instansi/DISDUKCAPIL/ubah", CATALOG_DUKCAPIL),
    post("/konsol/instansi/{kode}/aktif", "/konsol/instansi/DISDUKCAPIL/aktif", CATALOG_DUKCAPIL),
    post("/konsol/instansi/{kode}/kesepakatan", "/konsol/instansi/DISDUKCAPIL/kesepakatan", CATALOG_DUKCAPIL),
    get("/konsol/gerai", "/konsol/gerai", CATALOG),
    get("/konsol/gerai/baru", "/konsol/gerai/baru", CATALOG),
    post("/konsol/gerai/baru", "/konsol/gerai/baru", CATALOG),
    get("/konsol/gerai/{kode}/ubah", "/konsol/gerai/G03/ubah", CATALOG_DUKCAPIL),
    post("/konsol/gerai/{kode}/ubah", "/konsol/gerai/G03/ubah", CATALOG_DUKCAPIL),
    post("/konsol/gerai/{kode}/aktif", "/konsol/gerai/G03/aktif", CATALOG_DUKCAPIL),
    get("/konsol/petugas", "/konsol/petugas", CATALOG),
    get("/konsol/petugas/baru", "/konsol/petugas/baru", CATALOG),
    post("/konsol/petugas/baru", "/konsol/petugas/baru", CATALOG),
    get("/konsol/petugas/{id}/ubah", "/konsol/petugas/:officer_putri/ubah", CATALOG_DUKCAPIL),
    post("/konsol/petugas/{id}/ubah", "/konsol/petugas/:officer_putri/ubah", CATALOG_DUKCAPIL),
    post("/konsol/petugas/{id}/aktif", "/konsol/petugas/:officer_putri/aktif", CATALOG_DUKCAPIL),
    get("/konsol/maklumat", "/konsol/maklumat", CATALOG),
    get("/konsol/maklumat/{kode}", "/konsol/maklumat/DISDUKCAPIL", CATALOG_DUKCAPIL),
    post("/konsol/maklumat/{kode}", "/konsol/maklumat/DISDUKCAPIL", CATALOG_DUKCAPIL),
];

/// Services and their standards in the console, each service route on a DPMPTSP service (PBG,
/// whose official is among the demo users) and on a DISDUKCAPIL one. The fixtures add draft
/// version 2 of PBG and of KTP-EL; AKTA-LAHIR's version 2 is the demo's open consultation.
#[rustfmt::skip]
const SERVICES_CONSOLE_ROUTES: &[Route] = &[
    get("/konsol/skm", "/konsol/skm", Who::AnyOf(&[P::QueueServe, P::CommentModerate])),
    post("/konsol/skm/undangan", "/konsol/skm/undangan", Who::Perm(P::QueueServe)),
    get("/konsol/skm/kertas", "/konsol/skm/kertas", Who::Perm(P::QueueServe)),
    post("/konsol/skm/kertas", "/konsol/skm/kertas", Who::Perm(P::QueueServe)),
    post("/konsol/skm/saran/{id}", "/konsol/skm/saran/:skm_response", Who::PermIn(P::CommentModerate, DUKCAPIL)),
    post("/konsol/skm/batal", "/konsol/skm/batal", Who::Perm(P::CommentModerate)),
    get("/konsol/layanan", "/konsol/layanan", Who::AnyOf(SERVICES_CONSOLE)),
    get("/konsol/layanan/baru", "/konsol/layanan/baru", CATALOG),
    post("/konsol/layanan/baru", "/konsol/layanan/baru", CATALOG),
    get("/konsol/layanan/{kode}", "/konsol/layanan/PBG", Who::AnyOfIn(SERVICES_CONSOLE, DPMPTSP)),
    get("/konsol/layanan/{kode}", "/konsol/layanan/AKTA-LAHIR", Who::AnyOfIn(SERVICES_CONSOLE, DUKCAPIL)),
    get("/konsol/layanan/{kode}/ubah", "/konsol/layanan/PBG/ubah", Who::PermIn(P::CatalogManage, DPMPTSP)),
    post("/konsol/layanan/{kode}/ubah", "/konsol/layanan/PBG/ubah", Who::PermIn(P::CatalogManage, DPMPTSP)),
    get("/konsol/layanan/{kode}/ubah", "/konsol/layanan/KTP-EL/ubah", Who::PermIn(P::CatalogManage, DUKCAPIL)),
    post("/konsol/layanan/{kode}/versi", "/konsol/layanan/SLF/versi", Who::PermIn(P::StandardDraft, DPMPTSP)),
    post("/konsol/layanan/{kode}/versi", "/konsol/layanan/KK/versi", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    get("/konsol/layanan/{kode}/versi/{no}", "/konsol/layanan/PBG/versi/1", Who::AnyOfIn(SERVICES_CONSOLE, DPMPTSP)),
    get("/konsol/layanan/{kode}/versi/{no}", "/konsol/layanan/AKTA-LAHIR/versi/2", Who::AnyOfIn(SERVICES_CONSOLE, DUKCAPIL)),
    get("/konsol/layanan/{kode}/versi/{no}/ubah", "/konsol/layanan/PBG/versi/2/ubah", Who::PermIn(P::StandardDraft, DPMPTSP)),
    post("/konsol/layanan/{kode}/versi/{no}/ubah", "/konsol/layanan/PBG/versi/2/ubah", Who::PermIn(P::StandardDraft, DPMPTSP)),
    get("/konsol/layanan/{kode}/versi/{no}/ubah", "/konsol/layanan/KTP-EL/versi/2/ubah", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    post("/konsol/layanan/{kode}/versi/{no}/ubah", "/konsol/layanan/KTP-EL/versi/2/ubah", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    get("/konsol/layanan/{kode}/versi/{no}/pratinjau", "/konsol/layanan/PBG/versi/2/pratinjau", Who::AnyOfIn(SERVICES_CONSOLE, DPMPTSP)),
    get("/konsol/layanan/{kode}/versi/{no}/pratinjau", "/konsol/layanan/KTP-EL/versi/2/pratinjau", Who::AnyOfIn(SERVICES_CONSOLE, DUKCAPIL)),
    post("/konsol/layanan/{kode}/versi/{no}/konsultasi", "/konsol/layanan/PBG/versi/2/konsultasi", Who::PermIn(P::StandardDraft, DPMPTSP)),
    post("/konsol/layanan/{kode}/versi/{no}/konsultasi", "/konsol/layanan/KTP-EL/versi/2/konsultasi", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    post("/konsol/layanan/{kode}/versi/{no}/rancangan", "/konsol/layanan/AKTA-LAHIR/versi/2/rancangan", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    post("/konsol/layanan/{kode}/versi/{no}/tetapkan", "/konsol/layanan/PBG/versi/2/tetapkan", Who::PermIn(P::StandardAdopt, DPMPTSP)),
    post("/konsol/layanan/{kode}/versi/{no}/tetapkan", "/konsol/layanan/AKTA-LAHIR/versi/2/tetapkan", Who::PermIn(P::StandardAdopt, DUKCAPIL)),
    get("/konsol/layanan/{kode}/versi/{no}/forum", "/konsol/layanan/PBG/versi/2/forum", Who::PermIn(P::StandardDraft, DPMPTSP)),
    get("/konsol/layanan/{kode}/versi/{no}/forum", "/konsol/layanan/AKTA-LAHIR/versi/2/forum", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    post("/konsol/layanan/{kode}/versi/{no}/forum", "/konsol/layanan/AKTA-LAHIR/versi/2/forum", Who::PermIn(P::StandardDraft, DUKCAPIL)),
    get("/konsol/konsultasi", "/konsol/konsultasi", Who::Perm(P::CommentModerate)),
    post("/konsol/konsultasi/{id}", "/konsol/konsultasi/:comment", Who::PermIn(P::CommentModerate, DUKCAPIL)),
];

/// Announcements, regulations and the calendar in the console.
#[rustfmt::skip]
const CONTENT_CONSOLE: &[Route] = &[
    get("/konsol/pengumuman", "/konsol/pengumuman", NEWS),
    get("/konsol/pengumuman/baru", "/konsol/pengumuman/baru", NEWS),
    post("/konsol/pengumuman/baru", "/konsol/pengumuman/baru", NEWS),
    get("/konsol/pengumuman/{id}", "/konsol/pengumuman/:announcement", NEWS),
    post("/konsol/pengumuman/{id}", "/konsol/pengumuman/:announcement", NEWS),
    get("/konsol/pengumuman/regulasi", "/konsol/pengumuman/regulasi", NEWS),
    post("/konsol/pengumuman/regulasi", "/konsol/pengumuman/regulasi", NEWS),
    get("/konsol/kalender", "/konsol/kalender", CALENDAR),
    post("/konsol/kalender/libur", "/konsol/kalender/libur", CALENDAR),
    post("/konsol/kalender/libur/{id}/hapus", "/konsol/kalender/libur/:holiday/hapus", CALENDAR),
    post("/konsol/kalender/tahun", "/konsol/kalender/tahun", CALENDAR),
    post("/konsol/kalender/pekan", "/konsol/kalender/pekan", CALENDAR),
    post("/konsol/kalender/cuti-bersama", "/konsol/kalender/cuti-bersama", CALENDAR),
    post("/konsol/kalender/tenggat/{code}", "/konsol/kalender/tenggat/:rule", CALENDAR),
];

/// Accounts, API tokens and the audit trail in the console.
#[rustfmt::skip]
const ADMIN_CONSOLE: &[Route] = &[
    get("/konsol/pengguna", "/konsol/pengguna", USERS),
    get("/konsol/pengguna/baru", "/konsol/pengguna/baru", USERS),
    post("/konsol/pengguna/baru", "/konsol/pengguna/baru", USERS),
    get("/konsol/pengguna/{id}", "/konsol/pengguna/:user_putri", Who::PermIn(P::UsersManage, DUKCAPIL)),
    get("/konsol/pengguna/{id}", "/konsol/pengguna/:user_siti", Who::PermIn(P::UsersManage, DPMPTSP)),
    get("/konsol/pengguna/{id}", "/konsol/pengguna/:user_warga", Who::PermIn(P::UsersManage, Scope::MallWide)),
    post("/konsol/pengguna/{id}/sandi", "/konsol/pengguna/:user_putri/sandi", Who::PermIn(P::UsersManage, DUKCAPIL)),
    post("/konsol/pengguna/{id}/totp", "/konsol/pengguna/:user_putri/totp", Who::PermIn(P::UsersManage, DUKCAPIL)),
    post("/konsol/pengguna/{id}/nonaktif", "/konsol/pengguna/:user_putri/nonaktif", Who::PermIn(P::UsersManage, DUKCAPIL)),
    post("/konsol/pengguna/{id}/nonaktif", "/konsol/pengguna/:user_siti/nonaktif", Who::PermIn(P::UsersManage, DPMPTSP)),
    post("/konsol/pengguna/{id}/aktif", "/konsol/pengguna/:user_putri/aktif", Who::PermIn(P::UsersManage, DUKCAPIL)),
    get("/konsol/token", "/konsol/token", Who::Perm(P::TokensManage)),
    post("/konsol/token", "/konsol/token", Who::Perm(P::TokensManage)),
    post("/konsol/token/{id}/cabut", "/konsol/token/:token/cabut", Who::PermIn(P::TokensManage, Scope::MallWide)),
    get("/konsol/audit", "/konsol/audit", Who::Perm(P::AuditRead)),
    post("/konsol/audit/periksa", "/konsol/audit/periksa", Who::Perm(P::AuditRead)),
];

/// Notifications and integration webhooks in the console.
#[rustfmt::skip]
const NOTIFY_CONSOLE: &[Route] = &[
    get("/konsol/notifikasi", "/konsol/notifikasi", Who::Staff),
    get("/konsol/permohonan", "/konsol/permohonan", Who::Perm(P::ApplicationsWork)),
    get("/konsol/permohonan/{id}", "/konsol/permohonan/:application_warga", Who::PermIn(P::ApplicationsWork, DPMPTSP)),
    post("/konsol/permohonan/{id}/tindakan", "/konsol/permohonan/:application_warga/tindakan", Who::PermIn(P::ApplicationsWork, DPMPTSP)),
    post("/konsol/notifikasi/{id}/kirim-ulang", "/konsol/notifikasi/:notification_failed/kirim-ulang", Who::PermIn(P::NotificationsResend, DPMPTSP)),
    get("/konsol/integrasi/webhook", "/konsol/integrasi/webhook", Who::Perm(P::TokensManage)),
    post("/konsol/integrasi/webhook", "/konsol/integrasi/webhook", Who::Perm(P::TokensManage)),
    get("/konsol/integrasi/webhook/{id}", "/konsol/integrasi/webhook/:webhook", Who::PermIn(P::TokensManage, Scope::MallWide)),
    post("/konsol/integrasi/webhook/{id}/aktif", "/konsol/integrasi/webhook/:webhook/aktif", Who::PermIn(P::TokensManage, Scope::MallWide)),
    post("/konsol/integrasi/webhook/kiriman/{id}/ulang", "/konsol/integrasi/webhook/kiriman/:webhook_delivery/ulang", Who::PermIn(P::TokensManage, Scope::MallWide)),
];

/// The mall floor: kiosk, ticket, display and its live events, mobile service, officer desk.
#[rustfmt::skip]
const QUEUE: &[Route] = &[
    get("/antrian/kiosk/{lokasi}", "/antrian/kiosk/GEDUNG-A", Who::Public),
    post("/antrian/kiosk/{lokasi}", "/antrian/kiosk/GEDUNG-A", Who::Public),
    get("/antrian/tiket/{id}", "/antrian/tiket/:ticket", Who::Public),
    get("/antrian/layar/{lokasi}", "/antrian/layar/GEDUNG-A", Who::Public),
    get("/antrian/layar/{lokasi}/peristiwa", "/antrian/layar/GEDUNG-A/peristiwa", Who::Public),
    get("/layanan-keliling", "/layanan-keliling", Who::Public),
    get("/konsol/antrian", "/konsol/antrian", Who::Perm(P::QueueServe)),
    post("/konsol/antrian/panggil", "/konsol/antrian/panggil", Who::Perm(P::QueueServe)),
    post("/konsol/antrian/tiket/{id}", "/konsol/antrian/tiket/:ticket", Who::Perm(P::QueueServe)),
];

/// Signing keys and issued documents (Batang Pasal 14–15).
#[rustfmt::skip]
const SIGNING: &[Route] = &[
    get("/konsol/tanda-tangan", "/konsol/tanda-tangan", Who::Perm(P::DocumentsSign)),
    post("/konsol/tanda-tangan", "/konsol/tanda-tangan", Who::Perm(P::DocumentsSign)),
    post("/konsol/tanda-tangan/sandi", "/konsol/tanda-tangan/sandi", Who::Perm(P::DocumentsSign)),
    post("/konsol/tanda-tangan/cabut", "/konsol/tanda-tangan/cabut", Who::Perm(P::DocumentsSign)),
    get("/verifikasi/kunci", "/verifikasi/kunci", Who::Public),
    get("/verifikasi/kunci.json", "/verifikasi/kunci.json", Who::Public),
    get("/verifikasi/{id}", "/verifikasi/:document", Who::Public),
    post("/verifikasi/{id}", "/verifikasi/:document", Who::Public),
    get("/dokumen/{id}", "/dokumen/:document", Who::PermIn(P::ApplicationsWork, DPMPTSP)),
];

/// The JSON API (`/api/v1`) and its OpenAPI document.
#[rustfmt::skip]
const API: &[Route] = &[
    get("/api/openapi.json", "/api/openapi.json", Who::Public),
    get("/api/v1/organisations", "/api/v1/organisations", Who::Public),
    get("/api/v1/organisations/{code}", "/api/v1/organisations/DPMPTSP", Who::Public),
    get("/api/v1/counters", "/api/v1/counters", Who::Public),
    get("/api/v1/services", "/api/v1/services", Who::Public),
    get("/api/v1/ikm", "/api/v1/ikm", Who::Public),
    get("/api/v1/services/{code}", "/api/v1/services/PBG", Who::Public),
    get("/api/v1/announcements", "/api/v1/announcements", Who::Public),
    get("/api/v1/announcements/{id}", "/api/v1/announcements/:announcement", Who::Public),
    get("/api/v1/regulations", "/api/v1/regulations", Who::Public),
    get("/api/v1/token", "/api/v1/token", Who::Token),
    get("/api/v1/webhooks", "/api/v1/webhooks", Who::Token),
    post("/api/v1/webhooks", "/api/v1/webhooks", Who::Token),
    get("/api/v1/webhooks/{id}", "/api/v1/webhooks/:webhook", Who::Token),
    post("/api/v1/webhooks/{id}/deactivate", "/api/v1/webhooks/:webhook/deactivate", Who::Token),
    get("/api/v1/webhooks/{id}/deliveries", "/api/v1/webhooks/:webhook/deliveries", Who::Token),
    post("/api/v1/webhooks/deliveries/{id}/redeliver", "/api/v1/webhooks/deliveries/:webhook_delivery/redeliver", Who::Token),
];

/// Every row, area by area.
pub fn all() -> Vec<Route> {
    [
        PUBLIC_PAGES,
        CATALOG_CONSOLE,
        SERVICES_CONSOLE_ROUTES,
        CONTENT_CONSOLE,
        ADMIN_CONSOLE,
        NOTIFY_CONSOLE,
        QUEUE,
        SIGNING,
        API,
    ]
    .concat()
}
