//! The service's form fields as the templates draw them, with the answers kept and the
//! message next to each field.

use std::collections::BTreeMap;

use balai_core::permits::{FieldKind, FormDef};

use crate::forms::FormState;
use crate::page::PageCtx;

/// One option of a select.
pub(crate) struct OptionView {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One field, ready for `permits/_fields.html`.
pub(crate) struct FieldView {
    pub name: String,
    pub label: String,
    pub hint: String,
    /// `text`, `number`, `date`, `tel`, `select`, `textarea` or `address`.
    pub input: &'static str,
    pub value: String,
    pub error: String,
    pub options: Vec<OptionView>,
    /// For an address: the region code's field name, value and message.
    pub region_name: String,
    pub region_value: String,
    pub region_error: String,
}

/// The form's fields with `values` (answers as posted or stored) and `state`'s messages.
pub(crate) fn views(
    page: &PageCtx,
    form: &FormDef,
    values: &BTreeMap<String, String>,
    state: &FormState,
) -> Vec<FieldView> {
    form.fields
        .iter()
        .map(|f| {
            let value = values.get(&f.name).cloned().unwrap_or_default();
            let region_name = format!("{}.region", f.name);
            let mut label = page.pick(&f.label_id, &f.label_en).to_owned();
            if !f.required {
                label = format!("{label} ({})", page.t("optional"));
            }
            let input = match f.kind {
                FieldKind::Text | FieldKind::Nik | FieldKind::Npwp | FieldKind::Nib => "text",
                FieldKind::LongText => "textarea",
                FieldKind::Number => "number",
                FieldKind::Date => "date",
                FieldKind::Choice => "select",
                FieldKind::Phone => "tel",
                FieldKind::Address => "address",
            };
            FieldView {
                options: f
                    .choices
                    .iter()
                    .map(|c| OptionView {
                        selected: c.value == value,
                        value: c.value.clone(),
                        label: page.pick(&c.label_id, &c.label_en).to_owned(),
                    })
                    .collect(),
                label,
                hint: page.pick(&f.hint_id, &f.hint_en).to_owned(),
                input,
                error: state.error(page, &f.name),
                region_value: values.get(&region_name).cloned().unwrap_or_default(),
                region_error: state.error(page, &region_name),
                region_name,
                name: f.name.clone(),
                value,
            }
        })
        .collect()
}

/// The form's answers as posted: only the form's own names (and address regions), each cut
/// to a sane length so a flood of fields or a huge one can't grow the stored draft.
pub(crate) fn posted(form: &FormDef, raw: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for f in &form.fields {
        let mut names = vec![f.name.clone()];
        if f.kind == FieldKind::Address {
            names.push(format!("{}.region", f.name));
        }
        for n in names {
            if let Some(v) = raw.get(&n) {
                out.insert(n, balai_core::text::truncate_chars(v, 5000).to_owned());
            }
        }
    }
    out
}
