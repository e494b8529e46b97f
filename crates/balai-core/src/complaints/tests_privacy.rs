//! Privacy levels and the visibility rule (Seluma Pasal 51(5), 56).

use uuid::Uuid;

use super::privacy::ComplaintFacts;
use super::*;
use crate::identity::{Actor, Role};

const ORG: Uuid = Uuid::from_u128(100);
const OTHER_ORG: Uuid = Uuid::from_u128(200);
const ROUTED_ORG: Uuid = Uuid::from_u128(300);
const OFFICER: Uuid = Uuid::from_u128(7);
const MALL_ORG: Uuid = Uuid::from_u128(400);

fn facts(privacy: Privacy) -> ComplaintFacts {
    ComplaintFacts {
        privacy,
        organisation_id: ORG,
        handling_organisation_id: Some(ROUTED_ORG),
        officer_id: Some(OFFICER),
        coordinator_organisation_id: Some(MALL_ORG),
    }
}

fn user(role: Role, org: Option<Uuid>) -> Actor {
    Actor::user(Uuid::now_v7(), "x", role, org)
}

fn see(actor: &Actor, officer: Option<Uuid>, privacy: Privacy) -> Visibility {
    visibility(
        &Viewer {
            actor,
            officer_id: officer,
            is_complainant: false,
        },
        &facts(privacy),
    )
}

#[test]
fn privacy_is_raised_never_lowered__seluma_51_5() {
    assert_eq!(
        Privacy::Open.raise(Privacy::Anonymous),
        Ok(Privacy::Anonymous)
    );
    assert_eq!(Privacy::Anonymous.raise(Privacy::Both), Ok(Privacy::Both));
    assert_eq!(
        Privacy::Confidential.raise(Privacy::Confidential),
        Ok(Privacy::Confidential)
    );
    assert!(Privacy::Anonymous.raise(Privacy::Open).is_err());
    assert!(Privacy::Anonymous.raise(Privacy::Confidential).is_err());
    assert!(Privacy::Both.raise(Privacy::Anonymous).is_err());
    for p in Privacy::ALL {
        assert_eq!(
            Privacy::from_flags(p.is_anonymous(), p.is_confidential()),
            *p
        );
    }
}

#[test]
fn anonymous_identity_is_hidden_from_the_reported_officer_even_as_a_manager__seluma_56() {
    let manager_officer = user(Role::PengelolaPengaduan, Some(ORG));
    let v = see(&manager_officer, Some(OFFICER), Privacy::Anonymous);
    assert_eq!(v.identity, IdentityView::Hidden);
    assert!(v.content && !v.handles);
    let v = see(&manager_officer, Some(OFFICER), Privacy::Open);
    assert_eq!(v.identity, IdentityView::Shown);
}

#[test]
fn handling_managers_and_auditors_see_a_confidential_identity_audited__seluma_56() {
    for actor in [
        user(Role::PengelolaPengaduan, Some(ORG)),
        user(Role::PengelolaPengaduan, Some(ROUTED_ORG)),
        user(Role::PengelolaPengaduan, Some(MALL_ORG)),
        user(Role::Auditor, None),
    ] {
        let v = see(&actor, None, Privacy::Both);
        assert_eq!(v.identity, IdentityView::ShownAudited, "{:?}", actor.role);
        assert!(v.listed && v.content);
        assert_eq!(
            see(&actor, None, Privacy::Open).identity,
            IdentityView::Shown
        );
    }
    assert!(
        see(
            &user(Role::PengelolaPengaduan, Some(ORG)),
            None,
            Privacy::Open
        )
        .handles
    );
    assert!(!see(&user(Role::Auditor, None), None, Privacy::Open).handles);
}

#[test]
fn other_staff_of_the_organisation_never_see_an_anonymous_identity__seluma_56() {
    for actor in [
        user(Role::Petugas, Some(ORG)),
        user(Role::Pejabat, Some(ORG)),
        user(Role::Pejabat, Some(MALL_ORG)),
        user(Role::AdminMpp, None),
        user(Role::Pimpinan, None),
    ] {
        let v = see(&actor, None, Privacy::Anonymous);
        assert_eq!(v.identity, IdentityView::Hidden, "{:?}", actor.role);
        assert!(v.content && !v.handles);
    }
}

#[test]
fn public_and_other_organisations_never_see_identity_nor_confidential_content__seluma_56() {
    let actors = [
        Actor::anonymous(),
        user(Role::Warga, None),
        user(Role::PengelolaPengaduan, Some(OTHER_ORG)),
        user(Role::Petugas, Some(OTHER_ORG)),
    ];
    for actor in &actors {
        let open = see(actor, None, Privacy::Open);
        assert!(open.listed && open.content);
        assert_eq!(open.identity, IdentityView::Hidden);
        for p in [Privacy::Confidential, Privacy::Both] {
            let v = see(actor, None, p);
            assert!(!v.listed && !v.content && !v.identity.is_shown());
        }
    }
}

#[test]
fn the_complainant_sees_their_own_complaint_whole() {
    let v = visibility(
        &Viewer {
            actor: &Actor::anonymous(),
            officer_id: None,
            is_complainant: true,
        },
        &facts(Privacy::Both),
    );
    assert!(v.listed && v.content && !v.handles);
    assert_eq!(v.identity, IdentityView::Shown);
}
