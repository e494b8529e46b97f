//! The service catalogue: organisations, services, their standards and the consultation that
//! drafts them (requirements §1–2, national-rules §3).

mod hours;
mod standard;
mod status;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_hours;

pub use hours::{DayHours, OpeningHours};
pub use standard::{
    CompletionTime, FILE_TYPES, Fee, ProcedureStep, Requirement, ServiceStandard, TimeUnit,
    charter_default_text,
};
pub use status::{CommentStatus, ParticipantGroup, StandardStatus, can_transition};

use crate::macros::string_enum;

string_enum! {
    /// Who takes part in the mall (Mesuji Pasal 8(1) a–g).
    pub enum OrganisationKind (field = "kind") {
        PerangkatDaerah = "perangkat_daerah", "Perangkat Daerah",
            "Regional government agency";
        PerangkatDaerahProvinsi = "perangkat_daerah_provinsi",
            "Perangkat Daerah di lingkup Pemerintah Daerah Provinsi",
            "Provincial government agency";
        InstansiVertikal = "instansi_vertikal", "Instansi Pemerintah Pusat di Daerah",
            "Central government agency in the region";
        Bumn = "bumn", "Badan Usaha Milik Negara", "State-owned enterprise";
        Bumd = "bumd", "Badan Usaha Milik Daerah", "Regionally owned enterprise";
        Swasta = "swasta", "Swasta", "Private company";
        UnitPendukung = "unit_pendukung", "Unit Layanan Pendukung Lainnya",
            "Other supporting service unit";
    }
}

string_enum! {
    /// Licensing or not (Batang Pasal 1(8–9)): licences go through the PTSP-el workflow.
    pub enum ServiceKind (field = "service_kind") {
        Perizinan = "perizinan", "Perizinan", "Licensing";
        Nonperizinan = "nonperizinan", "Nonperizinan", "Non-licensing";
    }
}

string_enum! {
    /// What the service delivers (Seluma Pasal 5(1); Luwu Pasal 6–9).
    pub enum ServiceCategory (field = "category") {
        Administratif = "administratif", "Pelayanan administratif", "Administrative service";
        Barang = "barang", "Pelayanan barang publik", "Public goods";
        Jasa = "jasa", "Pelayanan jasa publik", "Public services";
    }
}

string_enum! {
    /// How the service is delivered (Mesuji Pasal 7(2) a–d). `Keliling` is the regulation's
    /// "pelayanan bergerak": brought closer to people by vehicle.
    pub enum ServiceMode (field = "mode") {
        Langsung = "langsung", "Pelayanan langsung (tatap muka)", "In person";
        Elektronik = "elektronik", "Pelayanan secara elektronik", "Electronic";
        Mandiri = "mandiri", "Pelayanan mandiri", "Self-service";
        Keliling = "keliling", "Pelayanan bergerak (keliling)", "Mobile service";
    }
}
