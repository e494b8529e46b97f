//! What the display says when a ticket is called: "Nomor antrian A nol satu dua, silakan menuju
//! loket tiga". The digits of the ticket are read one by one, as Indonesian queue machines do;
//! the counter number is read as a number.

use super::number::TicketNumber;

const DIGITS_ID: [&str; 10] = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
];
const DIGITS_EN: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

fn spell(ticket: &TicketNumber, words: &[&str; 10]) -> String {
    let mut parts: Vec<String> = ticket.prefix.as_str().chars().map(String::from).collect();
    for b in ticket.digits().bytes() {
        parts.push(words[usize::from(b - b'0')].to_owned());
    }
    parts.join(" ")
}

/// A number in Indonesian words (0 to 999 999): "tiga", "sebelas", "dua puluh satu",
/// "seratus lima", "seribu".
pub fn number_words_id(n: u32) -> String {
    let unit = |d: u32| DIGITS_ID[d as usize].to_owned();
    match n {
        0..=9 => unit(n),
        10 => "sepuluh".to_owned(),
        11 => "sebelas".to_owned(),
        12..=19 => format!("{} belas", unit(n - 10)),
        20..=99 => join(format!("{} puluh", unit(n / 10)), n % 10),
        100..=199 => join("seratus".to_owned(), n - 100),
        200..=999 => join(format!("{} ratus", unit(n / 100)), n % 100),
        1000..=1999 => join("seribu".to_owned(), n - 1000),
        _ => join(
            format!("{} ribu", number_words_id((n / 1000).min(999))),
            n % 1000,
        ),
    }
}

fn join(head: String, rest: u32) -> String {
    if rest == 0 {
        head
    } else {
        format!("{head} {}", number_words_id(rest))
    }
}

/// The Indonesian announcement of a call to counter number `counter`.
pub fn announcement_id(ticket: &TicketNumber, counter: u32) -> String {
    format!(
        "Nomor antrian {}, silakan menuju loket {}",
        spell(ticket, &DIGITS_ID),
        number_words_id(counter)
    )
}

/// The English announcement of the same call (for the English display).
pub fn announcement_en(ticket: &TicketNumber, counter: u32) -> String {
    format!(
        "Ticket number {}, please go to counter {counter}",
        spell(ticket, &DIGITS_EN)
    )
}
