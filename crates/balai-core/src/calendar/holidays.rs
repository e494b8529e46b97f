//! The 2026 national holidays and cuti bersama, shipped as data (national-rules §4).
//! Administrators add later years and regional holidays through the calendar page.

use chrono::NaiveDate;

use super::{Holiday, HolidayKind};

/// The joint decree of the Minister of Religious Affairs, the Minister of Manpower and the
/// Minister of State Apparatus that set the 2026 holidays and cuti bersama.
pub const SKB_2026: &str = "SKB No. 1497/2025, 2/2025, 5/2025";

/// (month, day, kind, name) for 2026.
const ENTRIES_2026: &[(u32, u32, HolidayKind, &str)] = &[
    (1, 1, HolidayKind::National, "Tahun Baru 2026 Masehi"),
    (
        1,
        16,
        HolidayKind::National,
        "Isra Mikraj Nabi Muhammad SAW",
    ),
    (
        2,
        16,
        HolidayKind::CutiBersama,
        "Cuti Bersama Tahun Baru Imlek 2577 Kongzili",
    ),
    (
        2,
        17,
        HolidayKind::National,
        "Tahun Baru Imlek 2577 Kongzili",
    ),
    (
        3,
        18,
        HolidayKind::CutiBersama,
        "Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948",
    ),
    (
        3,
        19,
        HolidayKind::National,
        "Hari Suci Nyepi Tahun Baru Saka 1948",
    ),
    (
        3,
        20,
        HolidayKind::CutiBersama,
        "Cuti Bersama Idul Fitri 1447 Hijriah",
    ),
    (3, 21, HolidayKind::National, "Idul Fitri 1447 Hijriah"),
    (3, 22, HolidayKind::National, "Idul Fitri 1447 Hijriah"),
    (
        3,
        23,
        HolidayKind::CutiBersama,
        "Cuti Bersama Idul Fitri 1447 Hijriah",
    ),
    (
        3,
        24,
        HolidayKind::CutiBersama,
        "Cuti Bersama Idul Fitri 1447 Hijriah",
    ),
    (4, 3, HolidayKind::National, "Wafat Yesus Kristus"),
    (
        4,
        5,
        HolidayKind::National,
        "Kebangkitan Yesus Kristus (Paskah)",
    ),
    (5, 1, HolidayKind::National, "Hari Buruh Internasional"),
    (5, 14, HolidayKind::National, "Kenaikan Yesus Kristus"),
    (
        5,
        15,
        HolidayKind::CutiBersama,
        "Cuti Bersama Kenaikan Yesus Kristus",
    ),
    (5, 27, HolidayKind::National, "Idul Adha 1447 Hijriah"),
    (
        5,
        28,
        HolidayKind::CutiBersama,
        "Cuti Bersama Idul Adha 1447 Hijriah",
    ),
    (5, 31, HolidayKind::National, "Hari Raya Waisak 2570 BE"),
    (6, 1, HolidayKind::National, "Hari Lahir Pancasila"),
    (
        6,
        16,
        HolidayKind::National,
        "Tahun Baru Islam 1448 Hijriah",
    ),
    (
        8,
        17,
        HolidayKind::National,
        "Hari Kemerdekaan Republik Indonesia (HUT RI ke-81)",
    ),
    (8, 25, HolidayKind::National, "Maulid Nabi Muhammad SAW"),
    (
        12,
        24,
        HolidayKind::CutiBersama,
        "Cuti Bersama Kelahiran Yesus Kristus (Natal)",
    ),
    (
        12,
        25,
        HolidayKind::National,
        "Kelahiran Yesus Kristus (Natal)",
    ),
];

/// The 2026 holidays: 17 national holidays and 8 cuti bersama days, in date order, each with
/// the decree [`SKB_2026`]. Cuti bersama days are named after the holiday they bridge; the
/// Friday between Nyepi and Idul Fitri (20 March) belongs to the Idul Fitri block.
pub fn holidays_2026() -> Vec<Holiday> {
    ENTRIES_2026
        .iter()
        .filter_map(|(month, day, kind, name)| {
            Some(Holiday {
                date: NaiveDate::from_ymd_opt(2026, *month, *day)?,
                name: (*name).to_owned(),
                kind: *kind,
                decree: SKB_2026.to_owned(),
            })
        })
        .collect()
}
