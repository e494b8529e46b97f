//! Errors of the rules, and the message keys shown to people.
//!
//! A validation failure names the field and a Fluent message id; the web layer translates the
//! id (locales/{id,en}) and shows it next to the field. Every key this crate uses is listed
//! here with the sentence each language should say — what is wrong and what to do.
//!
//! | key | Bahasa Indonesia | English |
//! |---|---|---|
//! | err-required | Kolom ini wajib diisi. | This field is required. |
//! | err-too-short | Isian terlalu pendek; tambahkan keterangan. | Too short; please add more detail. |
//! | err-too-long | Isian terlalu panjang; persingkat isian Anda. | Too long; please shorten it. |
//! | err-too-many | Jumlah baris terlalu banyak; kurangi daftar ini. | Too many entries; please shorten this list. |
//! | err-unknown-value | Pilihan tidak dikenal; pilih salah satu dari daftar. | Unknown choice; pick one from the list. |
//! | err-nik-length | NIK harus terdiri dari 16 angka. | The NIK must have exactly 16 digits. |
//! | err-nik-digits | NIK hanya boleh berisi angka 0–9. | The NIK may contain only the digits 0–9. |
//! | err-nik-region | Empat angka pertama NIK bukan kode kabupaten/kota yang dikenal; periksa kembali NIK pada KTP. | The first four digits of the NIK are not a known regency/city code; check the NIK on the ID card. |
//! | err-nik-date | Tanggal lahir dalam NIK (angka ke-7 sampai ke-12) tidak valid; periksa kembali NIK pada KTP. | The birth date inside the NIK (digits 7–12) is not a real date; check the NIK on the ID card. |
//! | err-nik-serial | Empat angka terakhir NIK tidak boleh 0000; periksa kembali NIK pada KTP. | The last four digits of the NIK cannot be 0000; check the NIK on the ID card. |
//! | err-npwp-length | NPWP harus terdiri dari 15 angka (atau 16 angka diawali 0). | The NPWP must have 15 digits (or 16 digits starting with 0). |
//! | err-npwp-digits | NPWP hanya boleh berisi angka, titik, tanda hubung, dan spasi. | The NPWP may contain only digits, dots, dashes and spaces. |
//! | err-npwp-checksum | NPWP tidak valid (angka pemeriksa tidak cocok); periksa kembali NPWP Anda. | The NPWP is not valid (its check digit does not match); check the number again. |
//! | err-nib-length | NIB harus terdiri dari 13 angka. | The NIB must have exactly 13 digits. |
//! | err-nib-digits | NIB hanya boleh berisi angka 0–9. | The NIB may contain only the digits 0–9. |
//! | err-phone-invalid | Nomor telepon tidak valid; tulis seperti 0812 3456 7890 atau +62 812 3456 7890. | The phone number is not valid; write it like 0812 3456 7890 or +62 812 3456 7890. |
//! | err-phone-country | Gunakan nomor telepon Indonesia (+62). | Please use an Indonesian phone number (+62). |
//! | err-email-invalid | Alamat email tidak valid; tulis seperti nama@contoh.go.id. | The e-mail address is not valid; write it like name@example.go.id. |
//! | err-email-too-long | Alamat email terlalu panjang (paling banyak 254 karakter). | The e-mail address is too long (at most 254 characters). |
//! | err-region-length | Kode wilayah harus 2, 4, 6, atau 10 angka (boleh bertitik, misalnya 18.11). | The region code must have 2, 4, 6 or 10 digits (dots allowed, e.g. 18.11). |
//! | err-region-digits | Kode wilayah hanya boleh berisi angka dan titik. | The region code may contain only digits and dots. |
//! | err-region-province | Kode provinsi tidak dikenal. | Unknown province code. |
//! | err-region-regency | Kode kabupaten/kota harus 01–69 (kabupaten) atau 71–99 (kota). | The regency/city code must be 01–69 (regency) or 71–99 (city). |
//! | err-region-district | Kode kecamatan tidak boleh 00. | The district code cannot be 00. |
//! | err-region-village | Kode desa/kelurahan harus diawali 1 (kelurahan) atau 2 (desa) dan tidak boleh 000 di belakangnya. | The village code must start with 1 (kelurahan) or 2 (desa) and cannot end in 000. |
//! | err-rupiah-invalid | Nominal tidak valid; tulis seperti 150000 atau Rp150.000. | The amount is not valid; write it like 150000 or Rp150.000. |
//! | err-rupiah-negative | Nominal tidak boleh negatif. | The amount cannot be negative. |
//! | err-rupiah-fraction | Nominal harus dalam rupiah penuh, tanpa sen. | The amount must be whole rupiah, without cents. |
//! | err-rupiah-too-large | Nominal terlalu besar (paling banyak Rp1.000.000.000.000). | The amount is too large (at most Rp1.000.000.000.000). |
//! | err-code-length | Kode harus 2 sampai 32 karakter. | The code must be 2 to 32 characters long. |
//! | err-code-chars | Kode hanya boleh berisi huruf A–Z, angka, tanda hubung (-), dan garis bawah (_). | The code may contain only letters A–Z, digits, hyphens (-) and underscores (_). |
//! | err-password-weak | Kata sandi terlalu lemah: gunakan 10–128 karakter, jangan hanya angka atau satu karakter berulang. | The password is too weak: use 10–128 characters, not only digits and not one repeated character. |
//! | err-week-mask | Hari kerja ditulis sebagai 7 angka 0/1 dari Senin sampai Minggu, misalnya 1111100. | Office days are written as seven 0/1 digits from Monday to Sunday, e.g. 1111100. |
//! | err-week-no-day | Pilih paling sedikit satu hari kerja. | Choose at least one office day. |
//! | err-utc-offset | Zona waktu harus WIB (+7), WITA (+8), atau WIT (+9). | The time zone must be WIB (+7), WITA (+8) or WIT (+9). |
//! | err-deadline-days | Jumlah hari tenggat harus 0 sampai 3660. | The number of deadline days must be between 0 and 3660. |
//! | err-completion-time-zero | Waktu penyelesaian harus lebih dari nol. | The completion time must be more than zero. |
//! | err-completion-time-too-large | Waktu penyelesaian terlalu lama untuk satuan yang dipilih; periksa angka dan satuannya. | The completion time is too long for the chosen unit; check the number and the unit. |
//! | err-procedure-empty | Tuliskan paling sedikit satu langkah prosedur. | Add at least one procedure step. |
//! | err-file-type | Jenis berkas harus pdf, jpeg, atau png. | The file type must be pdf, jpeg or png. |
//! | err-file-empty | Berkas kosong atau belum dipilih; pilih berkasnya lalu unggah lagi. | The file is empty or none was chosen; choose the file and upload again. |
//! | err-file-too-large | (common.ftl) Berkas terlalu besar. | (common.ftl) File too large. |
//! | err-file-unsafe | Berkas ditolak karena memuat konten aktif atau berbahaya (misalnya skrip, program, atau lampiran tersembunyi) atau tidak utuh. Simpan ulang sebagai PDF/JPEG/PNG biasa lalu unggah lagi. | The file was refused because it holds active or harmful content (such as scripts, programs or hidden attachments) or is incomplete. Save it again as a plain PDF/JPEG/PNG and upload it again. |
//! | err-fee-legal-basis | Setiap biaya wajib mencantumkan dasar hukumnya. | Every fee must state its legal basis. |
//! | err-hours-format | Jam layanan tidak dapat dibaca; tulis seperti "Sen-Jum 08:00-15:00; Sab 08:00-12:00". | The opening hours cannot be read; write them like "Mon-Fri 08:00-15:00; Sat 08:00-12:00". |
//! | err-hours-order | Jam tutup harus setelah jam buka. | The closing time must be after the opening time. |
//! | err-hours-overlap | Jam layanan pada hari yang sama saling tumpang tindih. | Opening hours on the same day overlap. |
//! | err-document-pattern | Pola nomor dokumen harus memuat {seq} (atau {seq:4}) dan {year} tepat sekali, hanya dengan {month} dan {kind} sebagai isian lain, paling banyak 80 karakter. | The document number pattern must contain {seq} (or {seq:4}) and {year} exactly once, with only {month} and {kind} as other placeholders, at most 80 characters. |
//! | permits-err-* | (permits.ftl) workflow, form and permit-settings problems, listed in `permits::MESSAGE_KEYS` | |
//! | queue-err-* | (queue.ftl) ticket, opening-hour, slot and policy refusals, listed in `queue::MESSAGE_KEYS` | |
//! | skm-err-answer-missing | (survey.ftl) Pilih salah satu jawaban untuk unsur ini. | (survey.ftl) Choose one answer for this element. |
//! | skm-err-answer-range | (survey.ftl) Jawaban harus 1, 2, 3, atau 4. | (survey.ftl) The answer must be 1, 2, 3 or 4. |
//! | skm-err-age | (survey.ftl) Umur ditulis dalam tahun, 10 sampai 110. | (survey.ftl) Age is written in years, 10 to 110. |
//! | skm-err-weight | (survey.ftl) Bobot ditulis sebagai pecahan seperti 1/9 atau desimal seperti 0,125. | (survey.ftl) Write a weight as a fraction like 1/9 or a decimal like 0.125. |
//! | skm-err-weights-sum | (survey.ftl) Jumlah bobot semua unsur harus tepat 1 (gunakan 1/9, bukan 0,111). | (survey.ftl) The weights of all elements must add up to exactly 1 (use 1/9, not 0.111). |
//! | skm-err-no-elements | (survey.ftl) Kuesioner memerlukan paling sedikit satu unsur. | (survey.ftl) A questionnaire needs at least one element. |
//! | skm-err-duplicate-element | (survey.ftl) Kode unsur tidak boleh dipakai dua kali. | (survey.ftl) An element code may be used only once. |
//! | skm-err-period | (survey.ftl) Periode ditulis seperti 2026, 2026-S1, atau 2026-Q3. | (survey.ftl) Write the period like 2026, 2026-S1 or 2026-Q3. |
//! | notify-err-inbox-address | (notify.ftl) Pesan ke kotak pesan tidak memakai alamat; kosongkan kolom ini. | (notify.ftl) Inbox messages take no address; leave this field empty. |

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What went wrong when applying a rule.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CoreError {
    /// Input that does not satisfy a rule; `message_key` is a Fluent id from the table above.
    #[error("invalid {field}: {message_key}")]
    Invalid { field: String, message_key: String },
    /// The actor lacks a permission or may not touch the organisation.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The action contradicts the current state (e.g. editing an adopted standard).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A referenced thing does not exist.
    #[error("not found: {0}")]
    NotFound(String),
}

impl CoreError {
    /// Shorthand for [`CoreError::Invalid`].
    pub fn invalid(field: &str, message_key: &str) -> Self {
        CoreError::Invalid {
            field: field.to_owned(),
            message_key: message_key.to_owned(),
        }
    }

    /// The message key when this is a validation error.
    pub fn message_key(&self) -> Option<&str> {
        match self {
            CoreError::Invalid { message_key, .. } => Some(message_key),
            _ => None,
        }
    }
}

/// Every problem of a submitted form at once, as `(field, message key)` pairs in the order
/// found, so the form can be shown again with a message next to each field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Error)]
#[error("{} invalid field(s)", .0.len())]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// Records that `field` failed with message `key`.
    pub fn add(&mut self, field: &str, key: &str) {
        self.0.push((field.to_owned(), key.to_owned()));
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of recorded problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The first message key recorded for `field`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, key)| key.as_str())
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Keeps the value of a parse, or records its error and returns `None`, so a handler can
    /// parse every field and report all problems together. An `Invalid` error is recorded under
    /// `field` (the form's name for it, which may differ from the type's natural name); any
    /// other error is recorded as `err-unknown-value`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, CoreError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(CoreError::Invalid { message_key, .. }) => {
                self.add(field, &message_key);
                None
            }
            Err(_) => {
                self.add(field, "err-unknown-value");
                None
            }
        }
    }

    /// Appends `other`'s errors with `prefix.` before each field name (for nested forms).
    pub fn extend_prefixed(&mut self, prefix: &str, other: FieldErrors) {
        for (field, key) in other.0 {
            self.0.push((format!("{prefix}.{field}"), key));
        }
    }
}

impl From<CoreError> for FieldErrors {
    /// A single error as a one-entry list; non-validation errors get the field `""`.
    fn from(err: CoreError) -> Self {
        let mut errs = FieldErrors::new();
        match err {
            CoreError::Invalid { field, message_key } => errs.add(&field, &message_key),
            _ => errs.add("", "err-unknown-value"),
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_collect_and_report_the_first_key_per_field() {
        let mut errs = FieldErrors::new();
        assert!(errs.clone().into_result().is_ok());
        errs.add("nik", "err-nik-length");
        errs.add("nik", "err-nik-digits");
        assert_eq!(errs.get("nik"), Some("err-nik-length"));
        assert_eq!(errs.get("email"), None);
        assert_eq!(errs.len(), 2);
        assert!(errs.into_result().is_err());
    }

    #[test]
    fn take_records_invalid_under_the_form_field() {
        let mut errs = FieldErrors::new();
        let value: Option<u8> = errs.take("owner_nik", Err(CoreError::invalid("nik", "err-x")));
        assert_eq!(value, None);
        assert_eq!(errs.get("owner_nik"), Some("err-x"));
        assert_eq!(errs.take("a", Ok(5)), Some(5));
    }

    #[test]
    fn nested_errors_are_prefixed() {
        let mut inner = FieldErrors::new();
        inner.add("name", "err-required");
        let mut outer = FieldErrors::new();
        outer.extend_prefixed("requirements[0]", inner);
        assert_eq!(outer.get("requirements[0].name"), Some("err-required"));
    }

    #[test]
    fn field_errors_serialize_as_pairs() {
        let mut errs = FieldErrors::new();
        errs.add("nik", "err-nik-length");
        let json = serde_json::to_string(&errs).unwrap();
        assert_eq!(json, r#"[["nik","err-nik-length"]]"#);
    }
}
