//! Who must examine a complaint (Luwu Pasal 44): against an officer, the officer's superior;
//! against an organisation, the superior of that unit; against a BUMD, the Bupati.

use serde::Serialize;
use uuid::Uuid;

use crate::macros::string_enum;

/// The article routing follows.
pub const ROUTING_CITATION: &str = "Luwu Pasal 44";

/// Who the complaint is against, with what routing needs to know about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Respondent {
    /// An officer, with their superior (if recorded) and their organisation as for
    /// [`Respondent::Organisation`].
    Officer {
        officer_id: Uuid,
        superior_id: Option<Uuid>,
        organisation: OrgFacts,
    },
    /// An organisation of the mall.
    Organisation(OrgFacts),
}

/// An organisation as routing sees it: its id, its parent (the superior unit) and whether it
/// is a regional enterprise (BUMD).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrgFacts {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub is_bumd: bool,
}

string_enum! {
    /// Whom the examination goes to.
    pub enum RouteKind (field = "route") {
        OfficerSuperior = "officer_superior", "Atasan pelaksana", "The officer's superior";
        UnitSuperior = "unit_superior", "Atasan satuan kerja", "The unit's superior";
        Bupati = "bupati", "Bupati", "The Bupati";
    }
}

/// The examiner: the kind, and the officer or organisation concerned (the Bupati has
/// neither: the mall's leadership takes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Route {
    pub kind: RouteKind,
    pub officer_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
}

/// Routes per Luwu Pasal 44. For an officer without a recorded superior the route names only
/// their organisation (its head is the superior of everyone in it); a unit without a parent
/// answers to the Bupati, as the head of the regional government.
pub fn route(respondent: Respondent) -> Route {
    match respondent {
        Respondent::Officer {
            superior_id,
            organisation,
            ..
        } => Route {
            kind: RouteKind::OfficerSuperior,
            officer_id: superior_id,
            organisation_id: Some(organisation.id),
        },
        Respondent::Organisation(org) => route_org(org),
    }
}

fn route_org(org: OrgFacts) -> Route {
    match (org.is_bumd, org.parent_id) {
        (false, Some(parent)) => Route {
            kind: RouteKind::UnitSuperior,
            officer_id: None,
            organisation_id: Some(parent),
        },
        _ => Route {
            kind: RouteKind::Bupati,
            officer_id: None,
            organisation_id: None,
        },
    }
}
