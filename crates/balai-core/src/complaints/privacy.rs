//! Privacy of a complaint and the one visibility rule (Seluma Pasal 51(5), 56; SP4N-LAPOR!
//! semantics, national-rules §2).
//!
//! `anonim` hides the complainant's identity from the reported party and the public;
//! `rahasia` keeps the content from the public; both may be combined. An administrator may
//! raise privacy at verification, never lower it. Every page, API route, export and
//! notification asks [`visibility`] what a viewer may see, so the rule lives in one place.

use uuid::Uuid;

use crate::error::CoreError;
use crate::identity::{Actor, Permission};
use crate::macros::string_enum;

string_enum! {
    /// The privacy the complainant chose (or an administrator raised).
    pub enum Privacy (field = "privacy") {
        Open = "biasa", "Biasa", "Open";
        Anonymous = "anonim", "Anonim (identitas dirahasiakan)", "Anonymous (identity withheld)";
        Confidential = "rahasia", "Rahasia (isi tidak dipublikasikan)", "Confidential (content not public)";
        Both = "anonim_rahasia", "Anonim dan rahasia", "Anonymous and confidential";
    }
}

impl Privacy {
    /// The level with these two flags.
    pub fn from_flags(anonymous: bool, confidential: bool) -> Self {
        match (anonymous, confidential) {
            (false, false) => Privacy::Open,
            (true, false) => Privacy::Anonymous,
            (false, true) => Privacy::Confidential,
            (true, true) => Privacy::Both,
        }
    }

    /// The identity is hidden from the reported party and the public.
    pub fn is_anonymous(self) -> bool {
        matches!(self, Privacy::Anonymous | Privacy::Both)
    }

    /// The content is not public.
    pub fn is_confidential(self) -> bool {
        matches!(self, Privacy::Confidential | Privacy::Both)
    }

    /// The level after an administrator asks for `wanted`: each flag may be switched on,
    /// never off (`Conflict` when `wanted` would lower either).
    pub fn raise(self, wanted: Privacy) -> Result<Privacy, CoreError> {
        let lowers = (self.is_anonymous() && !wanted.is_anonymous())
            || (self.is_confidential() && !wanted.is_confidential());
        if lowers {
            return Err(CoreError::invalid("privacy", "complaint-err-privacy-lower"));
        }
        Ok(wanted)
    }
}

/// Who is looking: the actor, the officer record linked to their account (when they are an
/// officer), and whether they proved to be the complainant (their own account, or the
/// complaint number with its secret tracking code).
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub actor: &'a Actor,
    pub officer_id: Option<Uuid>,
    pub is_complainant: bool,
}

/// What the rule needs to know about a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplaintFacts {
    pub privacy: Privacy,
    /// The organisation complained about.
    pub organisation_id: Uuid,
    /// The organisation that examines it after routing (Luwu Pasal 44), if routed elsewhere.
    pub handling_organisation_id: Option<Uuid>,
    /// The officer complained about, if any.
    pub officer_id: Option<Uuid>,
    /// The mall organiser's organisation, whose complaint managers coordinate every complaint
    /// lodged at the mall (Mesuji Pasal 4(1); the escalation target of overdue complaints).
    pub coordinator_organisation_id: Option<Uuid>,
}

/// How the complainant's identity (name, address, contact, account) is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityView {
    /// Not shown: "dirahasiakan".
    Hidden,
    /// Shown.
    Shown,
    /// Shown, and the view must be written to the audit trail (a confidential identity).
    ShownAudited,
}

impl IdentityView {
    /// True when the identity may be shown.
    pub fn is_shown(self) -> bool {
        self != IdentityView::Hidden
    }
}

/// What a viewer may see of one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    /// May open the complaint at all (else "not found", so its existence does not leak).
    pub listed: bool,
    /// May read what was complained of.
    pub content: bool,
    /// May see who complained.
    pub identity: IdentityView,
    /// May act on it (a complaint manager handling it).
    pub handles: bool,
}

const NOTHING: Visibility = Visibility {
    listed: false,
    content: false,
    identity: IdentityView::Hidden,
    handles: false,
};

/// The visibility rule. In order:
/// 1. the complainant sees everything of their own complaint;
/// 2. the reported officer sees the content (to answer it), the identity only when the
///    complaint is not anonymous — even when they are a complaint manager themselves;
/// 3. the complaint managers handling it (its organisation, the one it was routed to, the
///    mall's coordinating organisation, or mall-wide) and auditors see everything; a
///    confidential identity is audited on view;
/// 4. other staff of those organisations and mall-wide leadership see the content, the
///    identity only when not anonymous;
/// 5. everyone else (the public, other organisations) sees a complaint only when it is not
///    confidential, and never the identity.
pub fn visibility(viewer: &Viewer<'_>, c: &ComplaintFacts) -> Visibility {
    let anonymous = c.privacy.is_anonymous();
    let open_identity = if anonymous {
        IdentityView::Hidden
    } else {
        IdentityView::Shown
    };
    let guarded_identity = if anonymous {
        IdentityView::ShownAudited
    } else {
        IdentityView::Shown
    };
    let staff_view = |identity, handles| Visibility {
        listed: true,
        content: true,
        identity,
        handles,
    };
    let actor = viewer.actor;
    if viewer.is_complainant {
        return staff_view(IdentityView::Shown, false);
    }
    if c.officer_id.is_some() && viewer.officer_id == c.officer_id {
        return staff_view(open_identity, false);
    }
    let touches = actor.can_touch_org(c.organisation_id)
        || c.handling_organisation_id
            .is_some_and(|org| actor.can_touch_org(org));
    let is_staff = actor.role.is_some_and(|r| r.is_staff()) || !actor.permissions.is_empty();
    let coordinates = c.coordinator_organisation_id.is_some()
        && actor.organisation_id == c.coordinator_organisation_id;
    if (touches || coordinates) && actor.has(Permission::ComplaintsHandle) {
        return staff_view(guarded_identity, true);
    }
    if actor.has(Permission::AuditRead) {
        return staff_view(guarded_identity, false);
    }
    if touches && is_staff {
        return staff_view(open_identity, false);
    }
    if c.privacy.is_confidential() {
        return NOTHING;
    }
    Visibility {
        listed: true,
        content: true,
        identity: IdentityView::Hidden,
        handles: false,
    }
}
