//! Role, permission, actor, password and lockout tests.

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use uuid::Uuid;

use super::*;

#[test]
fn role_codes_round_trip_through_text_and_json() {
    let codes: Vec<&str> = Role::all().iter().map(|r| r.as_str()).collect();
    assert_eq!(
        codes,
        [
            "warga",
            "petugas",
            "tim_teknis",
            "pejabat",
            "pengelola_pengaduan",
            "admin_mpp",
            "pimpinan",
            "auditor"
        ]
    );
    for role in Role::all() {
        assert_eq!(Role::parse(role.as_str()).unwrap(), *role);
        let json = serde_json::to_string(role).unwrap();
        assert_eq!(json, format!("\"{}\"", role.as_str()));
        assert!(!role.label_id().is_empty() && !role.label_en().is_empty());
    }
    assert_eq!(Role::parse(" ADMIN_MPP ").unwrap(), Role::AdminMpp);
    let err = Role::parse("root").unwrap_err();
    assert_eq!(err, CoreError::invalid("role", "err-unknown-value"));
}

#[test]
fn staff_and_mall_wide_roles() {
    assert!(!Role::Warga.is_staff());
    assert!(
        Role::all()
            .iter()
            .filter(|r| **r != Role::Warga)
            .all(|r| r.is_staff())
    );
    let wide: Vec<Role> = Role::all()
        .iter()
        .copied()
        .filter(|r| r.is_mall_wide())
        .collect();
    assert_eq!(wide, [Role::AdminMpp, Role::Pimpinan, Role::Auditor]);
}

#[test]
fn permission_codes_round_trip() {
    for p in Permission::all() {
        assert_eq!(Permission::parse(p.as_str()).unwrap(), *p);
        assert_eq!(
            serde_json::to_string(p).unwrap(),
            format!("\"{}\"", p.as_str())
        );
    }
    assert_eq!(Permission::QueueServe.as_str(), "queue_serve");
}

#[test]
fn admin_mpp_manages_access_rights_but_does_not_read_the_audit__batang_5_5() {
    let admin = role_permissions(Role::AdminMpp);
    for p in [
        Permission::CatalogManage,
        Permission::UsersManage,
        Permission::TokensManage,
        Permission::CalendarManage,
        Permission::AnnouncementsManage,
        Permission::CommentModerate,
        Permission::StandardAdopt,
    ] {
        assert!(admin.contains(&p), "{p}");
    }
    assert!(!admin.contains(&Permission::AuditRead));
}

#[test]
fn read_only_roles_cannot_change_anything__mesuji_13() {
    assert_eq!(
        role_permissions(Role::Auditor),
        [Permission::AuditRead, Permission::ReportsRead]
    );
    assert_eq!(
        role_permissions(Role::Pimpinan),
        [Permission::CatalogRead, Permission::ReportsRead]
    );
    assert!(role_permissions(Role::Warga).is_empty());
    let petugas = role_permissions(Role::Petugas);
    assert!(petugas.contains(&Permission::QueueServe));
    assert!(petugas.contains(&Permission::ApplicationsWork));
    assert!(role_permissions(Role::PengelolaPengaduan).contains(&Permission::ComplaintsHandle));
}

#[test]
fn users_get_their_role_permissions_and_tokens_their_own_list() {
    let org = Uuid::now_v7();
    let officer = Actor::user(Uuid::now_v7(), "Siti", Role::Petugas, Some(org));
    assert!(officer.has(Permission::QueueServe));
    assert!(!officer.has(Permission::UsersManage));
    assert!(officer.require(Permission::QueueServe).is_ok());
    assert!(matches!(
        officer.require(Permission::UsersManage),
        Err(CoreError::Forbidden(_))
    ));

    let token = Actor {
        user_id: None,
        name: "dashboard".to_owned(),
        role: None,
        organisation_id: None,
        permissions: vec![Permission::ReportsRead],
    };
    assert!(token.has(Permission::ReportsRead));
    assert!(!token.has(Permission::CatalogRead));
}

#[test]
fn a_personal_token_never_exceeds_its_owners_role() {
    let mut actor = Actor::user(Uuid::now_v7(), "Budi", Role::Petugas, None);
    actor.permissions = vec![Permission::QueueServe, Permission::UsersManage];
    assert!(actor.has(Permission::QueueServe));
    assert!(!actor.has(Permission::UsersManage), "not in the role");
    assert!(!actor.has(Permission::ApplicationsWork), "not in the token");
}

#[test]
fn staff_touch_only_their_organisation_unless_mall_wide() {
    let own = Uuid::now_v7();
    let other = Uuid::now_v7();
    let officer = Actor::user(Uuid::now_v7(), "Siti", Role::Petugas, Some(own));
    assert!(officer.can_touch_org(own));
    assert!(!officer.can_touch_org(other));
    assert!(officer.require_org(Permission::QueueServe, own).is_ok());
    assert!(officer.require_org(Permission::QueueServe, other).is_err());
    assert!(officer.require_org(Permission::UsersManage, own).is_err());

    let admin = Actor::user(Uuid::now_v7(), "Admin", Role::AdminMpp, Some(own));
    assert!(admin.can_touch_org(other));
    let roleless_user = Actor::user(Uuid::now_v7(), "X", Role::Pejabat, None);
    assert!(
        !roleless_user.can_touch_org(own),
        "staff without an organisation touch none"
    );
}

#[test]
fn system_is_everything_and_anonymous_is_nothing() {
    let org = Uuid::now_v7();
    let system = Actor::system();
    assert!(Permission::all().iter().all(|p| system.has(*p)));
    assert!(system.can_touch_org(org));
    assert!(!system.is_anonymous());
    let anon = Actor::anonymous();
    assert!(anon.is_anonymous());
    assert!(Permission::all().iter().all(|p| !anon.has(*p)));
    assert!(!anon.can_touch_org(org));
    assert!(anon.require(Permission::CatalogRead).is_err());

    let org_token = Actor {
        organisation_id: Some(org),
        ..system.clone()
    };
    assert!(org_token.can_touch_org(org));
    assert!(!org_token.can_touch_org(Uuid::now_v7()));
}

#[test]
fn password_strength_rules() {
    let weak = |pw: &str| {
        check_password_strength(pw) == Err(CoreError::invalid("password", "err-password-weak"))
    };
    assert!(weak(""));
    assert!(weak("Pendek123"), "9 characters");
    assert!(weak("aaaaaaaaaaaa"));
    assert!(weak("éééééééééééé"));
    assert!(weak("081234567890"), "digits only");
    assert!(weak(&"ab".repeat(65)), "130 characters");
    assert!(check_password_strength("Balai-MPP-2026").is_ok());
    assert!(check_password_strength("kata sandi panjang").is_ok());
    assert!(
        check_password_strength(&"ab".repeat(64)).is_ok(),
        "128 characters"
    );
    assert!(
        check_password_strength("١٢٣٤٥٦٧٨٩٠").is_ok(),
        "non-ASCII digits are letters here"
    );
}

#[test]
fn lockout_after_5_failures_for_15_minutes() {
    let policy = LockoutPolicy::default();
    assert_eq!(
        policy,
        LockoutPolicy {
            max_failures: 5,
            lock_minutes: 15
        }
    );
    let at = Utc.with_ymd_and_hms(2026, 5, 4, 2, 0, 0).unwrap();
    assert_eq!(policy.locked_until(4, at), None);
    assert_eq!(policy.locked_until(5, at), Some(at + Duration::minutes(15)));
    assert!(policy.is_locked(5, at, at + Duration::minutes(14)));
    assert!(!policy.is_locked(5, at, at + Duration::minutes(15)));
    assert!(!policy.is_locked(4, at, at));
}

proptest! {
    #[test]
    fn password_check_never_panics(pw in "\\PC{0,140}") {
        let _ = check_password_strength(&pw);
    }

    #[test]
    fn every_role_permission_is_held_by_a_user_of_that_role(i in 0usize..8) {
        let role = Role::all()[i];
        let actor = Actor::user(Uuid::nil(), "t", role, None);
        for p in Permission::all() {
            prop_assert_eq!(actor.has(*p), role_permissions(role).contains(p));
        }
    }
}
